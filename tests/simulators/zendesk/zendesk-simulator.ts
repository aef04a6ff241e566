/**
 * A Zendesk Support simulator for tests, the benchmark and `ZENDESK_PROVIDER=zendesk-sim npm run
 * migrate`: a node:http server speaking the parts of the REST API the importer reads, in Zendesk's
 * wire format: Basic auth (`{email}/token:{token}`), the cursor-based incremental ticket export
 * (`/api/v2/incremental/tickets/cursor.json`: `start_time` or `cursor`, `per_page`,
 * `exclude_deleted`; `after_cursor`, `after_url`, `end_of_stream`), cursor pagination on ticket
 * comments, users, organizations and groups (`page[size]`, `page[after]`; `meta.has_more`,
 * `meta.after_cursor`, `links.next`), attachment downloads by token, and the rate limit: 429 with
 * `Retry-After` (seconds) once a window's requests are spent. Faults are injected by tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateAccount, type ZendeskAccount } from './zendesk-history.js';

export interface ZendeskSimulatorOptions {
  /** Tickets in the generated account (a few thousand for `npm run migrate`). */
  readonly tickets?: number;
  readonly seed?: number;
  readonly email?: string;
  readonly token?: string;
  /** Requests allowed per window (Zendesk: 700/min on Enterprise, 10/min on the incremental export). */
  readonly rateLimit?: number;
  readonly rateWindowMs?: number;
  readonly port?: number;
}

export interface ZendeskSimulator {
  readonly url: string;
  readonly email: string;
  readonly token: string;
  readonly account: ZendeskAccount;
  /** Every API request and its answer. */
  readonly requests: { path: string; status: number }[];
  /** The next `count` requests answer `status` (429 with Retry-After: `retryAfterSeconds`). */
  failNext(count: number, status: 429 | 500 | 503, retryAfterSeconds?: number): void;
  /** Every request to a ticket's comments from now answers 503 until `heal()` (the source "goes away"). */
  breakComments(afterTickets: number): void;
  heal(): void;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const zdError = (status: number, error: string, description: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { error, description },
  ...(headers ? { headers } : {}),
});

const encode = (n: number) => Buffer.from(`zd:${n}`).toString('base64url');
const decode = (cursor: string): number | null => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^zd:\d+$/.test(text) ? Number(text.slice(3)) : null;
};

export async function startZendeskSimulator(options: ZendeskSimulatorOptions = {}): Promise<ZendeskSimulator> {
  const email = options.email ?? 'admin@acme.example';
  const token = options.token ?? 'zd-sim-token';
  const expectedAuth = `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
  const rateLimit = options.rateLimit ?? 700;
  const windowMs = options.rateWindowMs ?? 60_000;
  let windowStart = Date.now();
  let used = 0;
  const faults: { status: number; retryAfter: number }[] = [];
  let commentsBreakAfter: number | null = null;
  const requests: { path: string; status: number }[] = [];
  let account: ZendeskAccount | null = null;
  const acc = () => account as ZendeskAccount;

  /** Cursor pagination over a list (Zendesk's `page[size]` / `page[after]`). */
  const paged = (key: string, items: readonly unknown[], q: URLSearchParams, base: string): Answer => {
    const size = Math.min(100, Math.max(1, Number(q.get('page[size]') ?? 100)));
    const after = q.get('page[after]');
    const start = after ? decode(after) : 0;
    if (start === null) return zdError(400, 'InvalidPaginationParameter', 'invalid page[after] cursor');
    const slice = items.slice(start, start + size);
    const more = start + size < items.length;
    const next = encode(start + size);
    return {
      status: 200,
      body: {
        [key]: slice,
        meta: { has_more: more, after_cursor: more ? next : null, before_cursor: start > 0 ? encode(start) : null },
        links: { next: more ? `${base}?page[size]=${size}&page[after]=${next}` : null, prev: null },
      },
    };
  };

  const route = (req: IncomingMessage, url: URL): Answer | { file: Uint8Array; type: string; name: string } => {
    const q = url.searchParams;
    const path = url.pathname;
    const base = `${acc().subdomainUrl}${path}`;
    const attachment = /^\/attachments\/token\/([A-Za-z0-9]+)\/?$/.exec(path);
    if (attachment) {
      const file = acc().files.get(attachment[1] as string);
      return file
        ? { file: file.content, type: file.contentType, name: file.name }
        : zdError(404, 'RecordNotFound', 'Not found');
    }
    if (req.headers.authorization !== expectedAuth)
      return zdError(401, "Couldn't authenticate you", 'Invalid credentials');
    if (req.method !== 'GET') return zdError(405, 'MethodNotAllowed', 'read-only simulator');
    if (path === '/api/v2/incremental/tickets/cursor.json') {
      const cursor = q.get('cursor');
      let start: number;
      if (cursor) {
        const decoded = decode(cursor);
        if (decoded === null) return zdError(400, 'InvalidValue', 'cursor is invalid');
        start = decoded;
      } else {
        if (!q.has('start_time') || !/^\d+$/.test(q.get('start_time') ?? ''))
          return zdError(400, 'InvalidValue', 'start_time or cursor is required');
        const since = Number(q.get('start_time'));
        start = acc().tickets.findIndex((t) => t.generated_timestamp >= since);
        if (start < 0) start = acc().tickets.length;
      }
      const perPage = Math.min(1000, Math.max(1, Number(q.get('per_page') ?? 1000)));
      const excludeDeleted = q.get('exclude_deleted') === 'true';
      const slice = acc()
        .tickets.slice(start, start + perPage)
        .filter((t) => !excludeDeleted || t.status !== 'deleted');
      const end = Math.min(start + perPage, acc().tickets.length);
      const after = encode(end);
      return {
        status: 200,
        body: {
          tickets: slice,
          after_url: `${acc().subdomainUrl}${path}?cursor=${after}`,
          after_cursor: after,
          before_url: null,
          before_cursor: null,
          end_of_stream: end >= acc().tickets.length,
        },
      };
    }
    const comments = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(path);
    if (comments) {
      if (commentsBreakAfter !== null && commentsBreakAfter-- <= 0)
        return zdError(503, 'ServiceUnavailable', 'maintenance');
      const list = acc().comments.get(Number(comments[1]));
      if (!list) return zdError(404, 'RecordNotFound', 'Not found');
      return paged('comments', list, q, base);
    }
    if (path === '/api/v2/users.json') return paged('users', acc().users, q, base);
    if (path === '/api/v2/organizations.json') return paged('organizations', acc().organizations, q, base);
    if (path === '/api/v2/groups.json') return paged('groups', acc().groups, q, base);
    return zdError(404, 'InvalidEndpoint', 'Not found');
  };

  const send = (res: ServerResponse, answer: Answer) => {
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const record = (status: number) => requests.push({ path: `${url.pathname}${url.search}`, status });
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      used = 0;
    }
    const fault = faults.shift();
    if (fault) {
      record(fault.status);
      return send(
        res,
        zdError(fault.status, fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'injected', {
          'retry-after': String(fault.retryAfter),
        }),
      );
    }
    if (++used > rateLimit) {
      record(429);
      const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
      return send(res, zdError(429, 'TooManyRequests', 'Rate limit exceeded', { 'retry-after': String(retryAfter) }));
    }
    const answer = route(req, url);
    if ('file' in answer) {
      record(200);
      res.writeHead(200, {
        'content-type': answer.type,
        'content-length': String(answer.file.byteLength),
        'content-disposition': `attachment; filename="${answer.name}"`,
      });
      return res.end(Buffer.from(answer.file));
    }
    record(answer.status);
    send(res, answer);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  account = generateAccount({
    tickets: options.tickets ?? 2_000,
    url,
    ...(options.seed ? { seed: options.seed } : {}),
  });
  return {
    url,
    email,
    token,
    account,
    requests,
    failNext(count, status, retryAfterSeconds = 1) {
      for (let i = 0; i < count; i++) faults.push({ status, retryAfter: retryAfterSeconds });
    },
    breakComments(afterTickets) {
      commentsBreakAfter = afterTickets;
    },
    heal() {
      commentsBreakAfter = null;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
