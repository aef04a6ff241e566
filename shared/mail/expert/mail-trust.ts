/**
 * Who may act by email (ADR 0015): is the message authenticated, and from inside the
 * organisation or outside? Pure functions over headers a provider vouches for:
 *  - Microsoft Graph: Exchange's own `internetMessageHeaders`. `X-MS-Exchange-Organization-AuthAs:
 *    Internal` marks mail from inside the organisation (Exchange strips that header from mail that
 *    arrives from outside); otherwise the topmost `Authentication-Results`, which Exchange writes
 *    on receipt, must say `dmarc=pass` for the From domain.
 *  - The local SMTP listener: its mail counts as authenticated (internal) unless that is turned
 *    off; then only an `Authentication-Results` written by a configured trusted relay (its
 *    authserv-id) with `dmarc=pass` counts, internal when the From domain is ours.
 * Headers the sender wrote into the MIME itself are never believed.
 */

export interface HeaderPair {
  readonly name: string;
  readonly value: string;
}

export type SenderTrust =
  | { readonly authenticated: true; readonly origin: 'internal' | 'external'; readonly detail: string }
  | { readonly authenticated: false; readonly detail: string };

export interface SmtpTrustSettings {
  /** Mail through the built-in listener counts as authenticated (local development). */
  readonly listenerAuthenticates: boolean;
  /** authserv-ids of upstream relays whose Authentication-Results are believed. */
  readonly trustedRelays: readonly string[];
  /** Domains of the organisation (the support address's domain). */
  readonly internalDomains: readonly string[];
}

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** `dmarc=pass` with a `header.from` equal to the sender's domain (RFC 8601 method result). */
export function dmarcPasses(authenticationResults: string, fromAddress: string): boolean {
  const dmarc = /(?:^|[;\s])dmarc\s*=\s*([a-z]+)([^;]*)/i.exec(authenticationResults);
  if (dmarc?.[1]?.toLowerCase() !== 'pass') return false;
  const headerFrom = /header\.from\s*=\s*"?([^\s;"]+)/i.exec(dmarc[2] ?? '')?.[1]?.toLowerCase();
  return headerFrom === domainOf(fromAddress);
}

const first = (headers: readonly HeaderPair[], name: string): string | undefined =>
  headers.find((h) => h.name.toLowerCase() === name)?.value;

export function trustFromExchange(headers: readonly HeaderPair[], fromAddress: string): SenderTrust {
  const authAs = first(headers, 'x-ms-exchange-organization-authas')?.trim();
  if (authAs?.toLowerCase() === 'internal')
    return { authenticated: true, origin: 'internal', detail: 'Exchange: AuthAs Internal' };
  const results = first(headers, 'authentication-results');
  if (results && dmarcPasses(results, fromAddress))
    return { authenticated: true, origin: 'external', detail: `Exchange: dmarc=pass for ${domainOf(fromAddress)}` };
  return {
    authenticated: false,
    detail: `Exchange: AuthAs ${authAs ?? 'missing'}, ${results ? `no dmarc=pass for ${domainOf(fromAddress)}` : 'no Authentication-Results'}`,
  };
}

/** `mailparser`-style headers: lower-case name -> values, topmost first. */
export function trustFromSmtp(
  headers: Readonly<Record<string, readonly string[]>>,
  fromAddress: string,
  settings: SmtpTrustSettings,
): SenderTrust {
  if (settings.listenerAuthenticates)
    return { authenticated: true, origin: 'internal', detail: 'the local SMTP listener (SMTP_LISTENER_AUTHENTICATES)' };
  const trusted = new Set(settings.trustedRelays.map((r) => r.toLowerCase()));
  for (const value of headers['authentication-results'] ?? []) {
    const servId = value.split(';')[0]?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!trusted.has(servId)) continue;
    if (!dmarcPasses(value, fromAddress)) return { authenticated: false, detail: `relay ${servId}: no dmarc=pass` };
    const internal = settings.internalDomains.map((d) => d.toLowerCase()).includes(domainOf(fromAddress));
    return { authenticated: true, origin: internal ? 'internal' : 'external', detail: `relay ${servId}: dmarc=pass` };
  }
  return { authenticated: false, detail: 'no Authentication-Results from a trusted relay (SMTP_TRUSTED_RELAYS)' };
}
