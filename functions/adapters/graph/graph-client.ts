/**
 * Builds the one Microsoft Graph client of the process (SDK `Client` with our middleware chain)
 * and the credential it uses: a client secret when one is configured, otherwise managed/workload
 * identity through DefaultAzureCredential. The simulator gets a fixed-token credential instead.
 */
import {
  type AccessToken,
  ClientSecretCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import { Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import {
  BearerTokenMiddleware,
  defaultRetryPolicy,
  MailboxConcurrencyMiddleware,
  RetryAfterMiddleware,
  type RetryPolicy,
} from './graph-middleware.js';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphClientOptions {
  /** e.g. `https://graph.microsoft.com/v1.0` or the simulator's `http://127.0.0.1:PORT/v1.0`. */
  readonly baseUrl: string;
  readonly credential: TokenCredential;
  /** Outlook allows 4 concurrent requests per mailbox and app. */
  readonly maxConcurrentPerMailbox?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export interface GraphConnection {
  readonly client: Client;
  /** The base URL without a trailing slash; links under it are turned back into SDK paths. */
  readonly baseUrl: string;
  readonly concurrency: MailboxConcurrencyMiddleware;
  /** A path for `client.api()` from an absolute `@odata.nextLink`/`deltaLink` (the SDK parses only https links). */
  pathOf(link: string): string;
}

export function connectGraph(options: GraphClientOptions): GraphConnection {
  const base = new URL(options.baseUrl.replace(/\/+$/, ''));
  const segments = base.pathname.split('/').filter(Boolean);
  const version = segments.pop() ?? 'v1.0';
  const root = `${base.origin}/${segments.join('/')}`.replace(/\/+$/, '');
  const baseUrl = `${root}/${version}`;
  const concurrency = new MailboxConcurrencyMiddleware(options.maxConcurrentPerMailbox ?? 4);
  const client = Client.initWithMiddleware({
    baseUrl: `${root}/`,
    defaultVersion: version,
    middleware: [
      new BearerTokenMiddleware(options.credential, GRAPH_SCOPE, base.origin),
      concurrency,
      new RetryAfterMiddleware({ ...defaultRetryPolicy, ...options.retry }),
      new HTTPMessageHandler(),
    ],
  });
  return {
    client,
    baseUrl,
    concurrency,
    pathOf: (link) => (link.startsWith(`${baseUrl}/`) ? link.slice(baseUrl.length) : link),
  };
}

/** A credential that always returns the same token: only for the Graph simulator. */
export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}
  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

export interface GraphCredentialSettings {
  readonly tenantId?: string | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
}

/** Client secret when all three are set; otherwise managed identity / workload identity / developer sign-in. */
export function graphCredential(settings: GraphCredentialSettings): TokenCredential {
  if (settings.tenantId && settings.clientId && settings.clientSecret)
    return new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret);
  return new DefaultAzureCredential(settings.clientId ? { managedIdentityClientId: settings.clientId } : {});
}
