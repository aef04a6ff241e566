/**
 * The Graph client's middleware chain, replacing the SDK default: a bearer token on every request
 * to the configured Graph origin (the SDK only sends it to https Graph hosts, which would leave the
 * plain-http simulator unauthenticated), at most N requests in flight per mailbox (Outlook allows
 * 4), and retries that honour Retry-After on 429/503 with exponential backoff on other 5xx.
 */
import type { TokenCredential } from '@azure/identity';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

const urlOf = (context: Context): string =>
  typeof context.request === 'string' ? context.request : (context.request as Request).url;

abstract class Link implements Middleware {
  protected next: Middleware | undefined;
  setNext(next: Middleware): void {
    this.next = next;
  }
  protected async forward(context: Context): Promise<void> {
    if (!this.next) throw new Error(`${this.constructor.name} has no next middleware`);
    await this.next.execute(context);
  }
  abstract execute(context: Context): Promise<void>;
}

/** Attaches `Authorization: Bearer` only for URLs under `origin`, so a foreign nextLink never sees our token. */
export class BearerTokenMiddleware extends Link {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly origin: string,
  ) {
    super();
  }
  async execute(context: Context): Promise<void> {
    if (new URL(urlOf(context)).origin === this.origin) {
      const token = await this.credential.getToken(this.scope);
      if (!token) throw new Error('The Graph credential returned no access token');
      context.options ??= {};
      const headers = (context.options.headers ?? {}) as Record<string, string> | Headers;
      if (headers instanceof Headers) headers.set('Authorization', `Bearer ${token.token}`);
      else context.options.headers = { ...headers, Authorization: `Bearer ${token.token}` };
    }
    await this.forward(context);
  }
}

/** A tiny counting semaphore per key. */
class KeyedSemaphore {
  readonly #active = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();
  constructor(private readonly limit: number) {}
  async acquire(key: string): Promise<() => void> {
    if ((this.#active.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const queue = this.#waiting.get(key) ?? [];
        queue.push(resolve);
        this.#waiting.set(key, queue);
      });
    } else this.#active.set(key, (this.#active.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.get(key)?.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else {
        const count = (this.#active.get(key) ?? 1) - 1;
        if (count === 0) this.#active.delete(key);
        else this.#active.set(key, count);
        this.#waiting.delete(key);
      }
    };
  }
  inFlight(key: string): number {
    return this.#active.get(key) ?? 0;
  }
}

/** The mailbox a Graph URL addresses (`/users/{id}/...`), or `app` for tenant-wide calls such as subscriptions. */
export const mailboxKeyOf = (url: string): string => {
  const match = /\/users\/([^/?]+)/i.exec(new URL(url).pathname);
  return match?.[1] ? decodeURIComponent(match[1]).toLowerCase() : 'app';
};

/** Bounds concurrent requests per mailbox; a request waiting on Retry-After keeps its slot (that is the point). */
export class MailboxConcurrencyMiddleware extends Link {
  readonly #semaphore: KeyedSemaphore;
  constructor(limit: number) {
    super();
    this.#semaphore = new KeyedSemaphore(limit);
  }
  inFlight(mailbox: string): number {
    return this.#semaphore.inFlight(mailbox.toLowerCase());
  }
  async execute(context: Context): Promise<void> {
    const release = await this.#semaphore.acquire(mailboxKeyOf(urlOf(context)));
    try {
      await this.forward(context);
    } finally {
      release();
    }
  }
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First backoff when the server gives no Retry-After; doubles each retry. */
  readonly baseDelayMs: number;
  /** A Retry-After longer than this is not waited out here: the error surfaces and the queue retries later. */
  readonly maxWaitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxWaitMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const RETRIABLE = new Set([429, 500, 502, 503, 504]);

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export const retryAfterMs = (value: string | null, now = Date.now()): number | undefined => {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

export class RetryAfterMiddleware extends Link {
  constructor(private readonly policy: RetryPolicy = defaultRetryPolicy) {
    super();
  }
  async execute(context: Context): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await this.forward(context);
      const response = context.response;
      if (!response || !RETRIABLE.has(response.status) || attempt >= this.policy.maxRetries) return;
      const told = retryAfterMs(response.headers.get('retry-after'));
      const wait = told ?? this.policy.baseDelayMs * 2 ** attempt;
      if (wait > this.policy.maxWaitMs) return;
      await response.body?.cancel().catch(() => undefined);
      await this.policy.sleep(wait);
    }
  }
}
