/**
 * EVERY assumption about Valuemation's REST API lives in this module (ADR 0020): its paths, query
 * parameters, authentication, JSON shapes and error answers. The API is not public; these are the
 * shapes the connector was built against (tests/simulators/valuemation speaks them). When the
 * real API is seen, this file (and the simulator) are what change; the mapping of classes,
 * attributes and relation types is data (valuemation-mapping.json), not code.
 *
 * Assumed:
 * - OAuth 2.0 client credentials: `POST {base}/oauth/token` (form: grant_type=client_credentials,
 *   client_id, client_secret) -> `{ access_token, token_type: "Bearer", expires_in }`.
 * - `GET {base}/api/v1/cis?modifiedSince=<ISO>&pageSize=<1..1000>&pageToken=<opaque>&includeDeleted=true`
 *   -> `{ items: VmCi[], nextPageToken: string | null }`, ordered by (modifiedAt, id); deleted CIs
 *   come as `{ id, modifiedAt, deleted: true }` tombstones when `includeDeleted=true`.
 * - `GET {base}/api/v1/relations?...` (same parameters) -> `{ items: VmRelation[], nextPageToken }`.
 * - Errors: 401 (token expired: fetch a new one), 429/503 with `Retry-After` seconds, 400 with
 *   `{ error: "invalid_page_token" }` when a page token expired, other 4xx/5xx `{ error, message }`.
 */
import { z } from 'zod';
import { SourceCursorExpiredError, SourceUnavailableError } from '../../../shared/ports/cmdb-source.js';

export const VALUEMATION_MAX_PAGE_SIZE = 1000;

/** An attribute value as Valuemation sends it (lists for multi-valued attributes such as host names). */
const ZVmValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type VmValue = z.infer<typeof ZVmValue>;

const ZVmCi = z.object({
  id: z.string().min(1).max(200),
  modifiedAt: z.iso.datetime({ offset: true }),
  deleted: z.boolean().default(false),
  className: z.string().max(200).optional(),
  name: z.string().max(500).optional(),
  status: z.string().max(200).optional(),
  attributes: z.record(z.string(), ZVmValue).default({}),
});
export type VmCi = z.infer<typeof ZVmCi>;

const ZVmRelation = z.object({
  id: z.string().min(1).max(200),
  modifiedAt: z.iso.datetime({ offset: true }),
  deleted: z.boolean().default(false),
  typeName: z.string().max(200),
  sourceId: z.string().min(1).max(200),
  targetId: z.string().min(1).max(200),
});
export type VmRelation = z.infer<typeof ZVmRelation>;

/** An item that does not have the assumed shape is kept as a problem, not a failed page. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly id: string; readonly reason: string };

const ZPage = z.object({ items: z.array(z.unknown()), nextPageToken: z.string().nullable().default(null) });
const ZToken = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().default(3600) });

export interface ValuemationApiSettings {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
  /** Attempts of one call on 429/503/network failures. */
  readonly maxAttempts: number;
  /** Upper bound of one wait between attempts (Retry-After included). */
  readonly maxRetryWaitMs: number;
}

export interface VmPage<T> {
  readonly items: readonly Parsed<T>[];
  readonly nextPageToken: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ValuemationApi {
  private token: { value: string; expiresAt: number } | null = null;
  /** Calls made (tests, the benchmark). */
  calls = 0;

  constructor(private readonly settings: ValuemationApiSettings) {}

  listCis(query: VmListQuery): Promise<VmPage<VmCi>> {
    return this.list('/api/v1/cis', query, ZVmCi);
  }

  listRelations(query: VmListQuery): Promise<VmPage<VmRelation>> {
    return this.list('/api/v1/relations', query, ZVmRelation);
  }

  private async list<T>(path: string, query: VmListQuery, schema: z.ZodType<T>): Promise<VmPage<T>> {
    const params = new URLSearchParams({
      pageSize: String(Math.min(query.pageSize, VALUEMATION_MAX_PAGE_SIZE)),
      includeDeleted: 'true',
    });
    if (query.modifiedSince) params.set('modifiedSince', query.modifiedSince);
    if (query.pageToken) params.set('pageToken', query.pageToken);
    const body = await this.get(`${path}?${params}`);
    const page = ZPage.safeParse(body);
    if (!page.success) throw new SourceUnavailableError(`Valuemation ${path}: the answer is not a page of items`);
    return {
      nextPageToken: page.data.nextPageToken,
      items: page.data.items.map((raw): Parsed<T> => {
        const item = schema.safeParse(raw);
        if (item.success) return { ok: true, value: item.data };
        const id = (raw as { id?: unknown } | null)?.id;
        return {
          ok: false,
          id: typeof id === 'string' ? id : '(no id)',
          reason: `malformed record: ${item.error.issues.map((i) => `${i.path.join('.') || 'record'} ${i.message}`).join('; ')}`,
        };
      }),
    };
  }

  private async get(pathAndQuery: string): Promise<unknown> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken();
      let response: Response;
      try {
        this.calls++;
        response = await fetch(`${this.base}${pathAndQuery}`, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(this.settings.timeoutMs),
        });
      } catch (error) {
        if (attempt >= this.settings.maxAttempts)
          throw new SourceUnavailableError(`Valuemation cannot be reached: ${(error as Error).message}`);
        await sleep(this.backoff(attempt));
        continue;
      }
      if (response.ok) return response.json();
      const text = await response.text();
      if (response.status === 401 && !refreshed) {
        this.token = null;
        refreshed = true;
        attempt--;
        continue;
      }
      if (response.status === 400 && errorCode(text) === 'invalid_page_token')
        throw new SourceCursorExpiredError('Valuemation no longer accepts the page token');
      if ((response.status === 429 || response.status >= 500) && attempt < this.settings.maxAttempts) {
        await sleep(this.retryWait(response, attempt));
        continue;
      }
      throw new SourceUnavailableError(
        `Valuemation answered ${response.status} to GET ${pathAndQuery.split('?')[0]}: ${errorMessage(text)}`,
        response.status,
      );
    }
  }

  private get base(): string {
    return this.settings.baseUrl.replace(/\/+$/, '');
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    let response: Response;
    try {
      this.calls++;
      response = await fetch(`${this.base}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.settings.clientId,
          client_secret: this.settings.clientSecret,
        }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      throw new SourceUnavailableError(`Valuemation cannot be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok)
      throw new SourceUnavailableError(
        `Valuemation refused the client credentials (${response.status}): ${errorMessage(text)}`,
        response.status,
      );
    const token = ZToken.safeParse(safeJson(text));
    if (!token.success) throw new SourceUnavailableError('Valuemation answered the token request without a token');
    // Renewed a minute early, so a token never expires in the middle of a page.
    const lifetime = Math.max(token.data.expires_in - 60, token.data.expires_in / 2) * 1000;
    this.token = { value: token.data.access_token, expiresAt: Date.now() + lifetime };
    return this.token.value;
  }

  private retryWait(response: Response, attempt: number): number {
    const header = Number(response.headers.get('retry-after'));
    const wait = Number.isFinite(header) && header >= 0 ? header * 1000 : this.backoff(attempt);
    return Math.min(wait, this.settings.maxRetryWaitMs);
  }

  private backoff(attempt: number): number {
    return Math.min(250 * 2 ** (attempt - 1), this.settings.maxRetryWaitMs);
  }
}

export interface VmListQuery {
  readonly modifiedSince: string | null;
  readonly pageToken: string | null;
  readonly pageSize: number;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const errorCode = (text: string): string | undefined => {
  const body = safeJson(text) as { error?: unknown } | null;
  return typeof body?.error === 'string' ? body.error : undefined;
};

const errorMessage = (text: string): string => {
  const body = safeJson(text) as { message?: unknown; error?: unknown } | null;
  const message =
    typeof body?.message === 'string' ? body.message : typeof body?.error === 'string' ? body.error : text;
  return message.slice(0, 300);
};
