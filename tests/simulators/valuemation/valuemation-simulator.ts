/**
 * A Valuemation simulator for tests, the benchmark and `VALUEMATION_PROVIDER=valuemation-sim npm
 * start`: a node:http server speaking the REST shapes the connector assumes (ADR 0020,
 * functions/adapters/valuemation/valuemation-api.ts): OAuth 2.0 client-credentials tokens that
 * expire, paged CI and relation listings with `modifiedSince`, opaque page tokens that expire,
 * tombstones with `includeDeleted=true`, errors as `{ error, message }`. Faults (latency, 503s,
 * 429s with Retry-After, expired tokens) are injected by tests; `/_sim/*` drives a running one.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Estate, seedEstate } from './valuemation-estate.js';
import { type ChangeLog, type SimCi, ValuemationCmdb } from './valuemation-model.js';

export interface ValuemationSimulatorOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly port?: number;
  readonly host?: string;
  /** Generate an estate of this many CIs (0: start empty). */
  readonly estate?: number;
  readonly latencyMs?: number;
  readonly tokenLifetimeSeconds?: number;
  /** Page tokens older than this are refused with `invalid_page_token`. */
  readonly pageTokenTtlMs?: number;
}

export interface ValuemationSimulator {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly cmdb: ValuemationCmdb;
  readonly estate: Estate | null;
  latencyMs: number;
  /** Requests to the API (not `/_sim`), by path. */
  readonly requests: { method: string; path: string; status: number }[];
  /** The next `count` API calls answer `status` (429 carries Retry-After: `retryAfterSeconds`). */
  failNext(count: number, status: 429 | 500 | 503, retryAfterSeconds?: number): void;
  /** Every access token issued so far stops working (as after their lifetime). */
  expireTokens(): void;
  /** Every page token issued so far is refused. */
  expirePageTokens(): void;
  /** Changes `count` CIs (their name gets a revision suffix), newest modification now. */
  touch(count: number): string[];
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const error = (status: number, code: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { error: code, message },
  ...(headers ? { headers } : {}),
});

interface PageToken {
  readonly pos: number;
  readonly since: string | null;
  readonly issued: number;
  readonly epoch: number;
}

export async function startValuemationSimulator(
  options: ValuemationSimulatorOptions = {},
): Promise<ValuemationSimulator> {
  const clientId = options.clientId ?? 'itil-next';
  const clientSecret = options.clientSecret ?? 'valuemation-sim-secret';
  const cmdb = new ValuemationCmdb();
  const estate = options.estate ? seedEstate(cmdb, { cis: options.estate }) : null;
  const tokens = new Map<string, number>();
  const requests: ValuemationSimulator['requests'] = [];
  const forced: { status: number; retryAfter: number }[] = [];
  let pageEpoch = 0;
  let revision = 0;

  const encode = (t: PageToken) => Buffer.from(JSON.stringify(t)).toString('base64url');
  const decode = (raw: string): PageToken | null => {
    try {
      const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
      return Number.isInteger(t.pos) ? t : null;
    } catch {
      return null;
    }
  };

  const list = <T extends { id: string }>(
    log: ChangeLog<T>,
    query: URLSearchParams,
    shape: (record: T, modifiedAt: string) => Record<string, unknown>,
  ): Answer => {
    const pageSize = Number(query.get('pageSize') ?? '100');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
      return error(400, 'invalid_request', 'pageSize must be 1..1000');
    const sinceRaw = query.get('modifiedSince');
    if (sinceRaw !== null && Number.isNaN(Date.parse(sinceRaw)))
      return error(400, 'invalid_request', 'modifiedSince must be an ISO 8601 date-time');
    const since = sinceRaw === null ? null : new Date(sinceRaw).toISOString();
    const rawToken = query.get('pageToken');
    let from: number | null = null;
    if (rawToken !== null) {
      const token = decode(rawToken);
      const ttl = options.pageTokenTtlMs ?? 3_600_000;
      if (!token || token.since !== since || token.epoch !== pageEpoch || Date.now() - token.issued > ttl)
        return error(400, 'invalid_page_token', 'The page token is invalid or expired');
      from = token.pos;
    }
    const page = log.page(since, from, pageSize, query.get('includeDeleted') === 'true');
    return {
      status: 200,
      body: {
        items: page.items.map((i) =>
          i.deleted ? { id: i.id, modifiedAt: i.modifiedAt, deleted: true } : shape(i.record, i.modifiedAt),
        ),
        nextPageToken:
          page.next === null ? null : encode({ pos: page.next, since, issued: Date.now(), epoch: pageEpoch }),
      },
    };
  };

  const route = async (req: IncomingMessage, url: URL): Promise<Answer> => {
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      if (form.get('grant_type') !== 'client_credentials')
        return error(400, 'unsupported_grant_type', 'Only client_credentials is supported');
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
        return error(401, 'invalid_client', 'Client authentication failed');
      const token = randomUUID();
      const lifetime = options.tokenLifetimeSeconds ?? 3600;
      tokens.set(token, Date.now() + lifetime * 1000);
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: lifetime } };
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = auth ? tokens.get(auth) : undefined;
    if (!expires || expires < Date.now()) return error(401, 'invalid_token', 'The access token is missing or expired');
    if (req.method !== 'GET') return error(405, 'method_not_allowed', `${req.method} is not supported`);
    if (url.pathname === '/api/v1/cis')
      return list(cmdb.cis, url.searchParams, (ci: SimCi, modifiedAt) => ({ ...ci, modifiedAt, deleted: false }));
    if (url.pathname === '/api/v1/relations')
      return list(cmdb.relations, url.searchParams, (r, modifiedAt) => ({ ...r, modifiedAt, deleted: false }));
    return error(404, 'not_found', `No resource ${url.pathname}`);
  };

  const sim: ValuemationSimulator = {
    url: '',
    clientId,
    clientSecret,
    cmdb,
    estate,
    latencyMs: options.latencyMs ?? 0,
    requests,
    failNext(count, status, retryAfterSeconds = 0) {
      for (let i = 0; i < count; i++) forced.push({ status, retryAfter: retryAfterSeconds });
    },
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    expirePageTokens() {
      pageEpoch++;
    },
    touch(count) {
      revision++;
      const ids = cmdb.cis.ids().slice(0, count);
      for (const id of ids) {
        const ci = cmdb.cis.get(id) as SimCi;
        cmdb.cis.put({ ...ci, name: `${ci.name.replace(/ r\d+$/, '')} r${revision}` });
      }
      return ids;
    },
    close: async () => {},
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      let answer: Answer;
      if (url.pathname.startsWith('/_sim/')) answer = await control(sim, req, url);
      else {
        if (sim.latencyMs > 0) await new Promise((r) => setTimeout(r, sim.latencyMs));
        const fault = url.pathname === '/oauth/token' ? undefined : forced.shift();
        answer = fault
          ? error(fault.status, 'unavailable', 'Simulated fault', { 'Retry-After': String(fault.retryAfter) })
          : await route(req, url);
        requests.push({ method: req.method ?? 'GET', path: url.pathname, status: answer.status });
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
      res.end(JSON.stringify(answer.body));
    })().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal', message: String(e) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(sim, {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return sim;
}

/** `/_sim/*`: drive a running simulator (`npm start` with valuemation-sim) with curl. */
async function control(sim: ValuemationSimulator, req: IncomingMessage, url: URL): Promise<Answer> {
  if (req.method !== 'POST') return error(405, 'method_not_allowed', 'POST only');
  const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
  switch (url.pathname) {
    case '/_sim/touch':
      return { status: 200, body: { changed: sim.touch(Number(body.count ?? 10)) } };
    case '/_sim/ci':
      sim.cmdb.cis.put(body as unknown as SimCi);
      return { status: 200, body: { ok: true } };
    case '/_sim/delete':
      sim.cmdb.cis.remove(String(body.id), body.hard === true);
      return { status: 200, body: { ok: true } };
    default:
      return error(404, 'not_found', `No control ${url.pathname}`);
  }
}
