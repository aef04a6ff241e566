/**
 * HTTP for migration sources (Zendesk, Zammad): JSON and file downloads with the source's rate
 * limit honoured (429: wait `Retry-After`, seconds or an HTTP date, as long as it says), transient
 * failures (5xx, network) retried with backoff a few times, then thrown, so the run stops and the
 * next one resumes. Credentials go only to the source's own origin, never to a download redirected
 * elsewhere. `waitedMs` tells how long the run spent waiting for the source's rate limit.
 */

export interface HttpSourceOptions {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts for 5xx and network failures (429s are waited out and not counted). */
  readonly maxAttempts?: number;
  /** The longest single Retry-After honoured; a longer one is waited in pieces of this. */
  readonly maxRetryAfterMs?: number;
  /** Gives up when the source keeps answering 429 for this long in one call. */
  readonly maxRateLimitWaitMs?: number;
}

export class SourceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    detail: string,
  ) {
    super(`${status} from ${url.replace(/\?.*$/, '')}: ${detail}`);
  }
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; 1 s when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  if (value === null) return 1_000;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1_000 : Math.max(0, at - now);
}

export class SourceHttp {
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly origin: string;
  /** Time spent waiting on the source's 429s (the run's rate-limit bound). */
  waitedMs = 0;
  rateLimited = 0;

  constructor(
    base: string,
    private readonly headers: Record<string, string>,
    private readonly options: HttpSourceOptions = {},
  ) {
    this.origin = new URL(base).origin;
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? sleepFor;
  }

  async json<T>(url: string): Promise<T> {
    const response = await this.get(url, { accept: 'application/json' });
    return (await response.json()) as T;
  }

  async bytes(url: string): Promise<Uint8Array> {
    const response = await this.get(url, {});
    return new Uint8Array(await response.arrayBuffer());
  }

  private async get(url: string, extra: Record<string, string>): Promise<Response> {
    const sameOrigin = new URL(url).origin === this.origin;
    const headers = { ...extra, ...(sameOrigin ? this.headers : {}) };
    const maxAttempts = this.options.maxAttempts ?? 4;
    const maxWait = this.options.maxRetryAfterMs ?? 60_000;
    const giveUpAfter = this.options.maxRateLimitWaitMs ?? 15 * 60_000;
    let waited = 0;
    for (let attempt = 1; ; ) {
      let response: Response;
      try {
        response = await this.fetchFn(url, { headers, redirect: 'follow' });
      } catch (error) {
        if (attempt++ >= maxAttempts) throw error;
        await this.sleep(250 * 2 ** attempt);
        continue;
      }
      if (response.ok) return response;
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      if (response.status === 429) {
        const wait = Math.min(retryAfterMs(response.headers.get('retry-after')), maxWait);
        if (waited + wait > giveUpAfter)
          throw new SourceHttpError(429, url, `rate limited for ${waited} ms: ${detail}`);
        waited += wait;
        this.waitedMs += wait;
        this.rateLimited++;
        await this.sleep(wait);
        continue;
      }
      if (response.status >= 500 && attempt++ < maxAttempts) {
        await this.sleep(250 * 2 ** attempt);
        continue;
      }
      throw new SourceHttpError(response.status, url, detail);
    }
  }
}
