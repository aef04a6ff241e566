/**
 * The rules a contact or company must satisfy beyond its request schema: addresses and domains
 * normalised and de-duplicated, no public mail provider listed as a company's domain.
 */
import { fail, ok, type Result } from '../kernel/result.js';
import { FREE_MAIL_DOMAINS } from './free-mail.js';
import { isMailDomain, normalizeDomain, normalizeEmail } from './mail-domain.js';

export interface ContactInput {
  readonly name: string;
  readonly emails: readonly string[];
  readonly phone?: string | null;
  readonly language?: string | null;
  readonly timeZone?: string | null;
  readonly companyId?: string | null;
  readonly notes?: string;
  readonly crmId?: string | null;
}

export interface CompanyInput {
  readonly name: string;
  readonly domains: readonly string[];
  readonly tier?: string | null;
  readonly accountManagerId?: string | null;
  readonly notes?: string;
  readonly crmId?: string | null;
}

export const normalizeEmails = (emails: readonly string[]): Result<string[]> => {
  const out = [...new Set(emails.map(normalizeEmail))];
  if (out.length === 0) return fail('REQUEST.VALIDATION_FAILED', 'A contact needs at least one email address');
  return ok(out);
};

export const normalizeDomains = (domains: readonly string[]): Result<string[]> => {
  const out = [...new Set(domains.map(normalizeDomain))];
  for (const domain of out) {
    if (!isMailDomain(domain)) return fail('REQUEST.VALIDATION_FAILED', `${domain} is not a mail domain`);
    if (FREE_MAIL_DOMAINS.has(domain))
      return fail('REQUEST.VALIDATION_FAILED', `${domain} is a public mail provider: no company can claim its senders`);
  }
  return ok(out);
};

/** Tier names are matched case-insensitively: stored trimmed and lower-cased. */
export const normalizeTier = (tier: string | null | undefined): string | null => {
  const t = tier?.trim().toLowerCase();
  return t ? t : null;
};
