/**
 * A HubSpot simulator for tests, the benchmark and `CRM_PROVIDER=hubspot-sim npm start`: a
 * node:http server speaking HubSpot's wire format for everything the adapter calls (contacts by
 * id and by email, contacts/companies/deals/notes batch read, v4 associations batch read and
 * per object, owners, contact and note creation, private-app token info), checking the bearer
 * token, applying the private-app rate limits (rolling 10 s and daily, 429 bodies with
 * `policyName` and the `X-HubSpot-RateLimit-*` headers), answering errors as
 * `{status, message, correlationId, category}`, and signing webhooks with the v3 scheme.
 * Faults (latency, outage, 429 storms) are injected by tests; `/_sim/*` drives a running one.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HubSpotAccount,
  NOTE_CONTACT,
  type ObjectType,
  PRIMARY_CONTACT_COMPANY,
  type SimObject,
  seedDemoAccount,
} from './hubspot-model.js';

export interface HubSpotSimulatorOptions {
  readonly token?: string;
  readonly port?: number;
  readonly host?: string;
  /** Delay of every answer (the benchmark: 150 ms). */
  readonly latencyMs?: number;
  /** Requests per rolling 10 s before TEN_SECONDLY_ROLLING 429s (private apps: 100 or 190). */
  readonly tenSecondLimit?: number;
  readonly dailyLimit?: number;
  /** Seed the demo account (companies with tiers, contacts, owners, deals). */
  readonly demo?: boolean;
  /** The app's client secret webhooks are signed with. */
  readonly clientSecret?: string;
}

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly at: number;
}

export interface HubSpotSimulator {
  readonly url: string;
  readonly token: string;
  readonly account: HubSpotAccount;
  readonly requests: SimRequest[];
  latencyMs: number;
  /** While true every call fails with 503 (an outage). */
  down: boolean;
  /** The next `count` calls answer 429 with this policy. */
  rateLimitNext(count: number, policy: 'TEN_SECONDLY_ROLLING' | 'DAILY', retryAfterSeconds?: number): void;
  /** Calls to the CRM API (not `/_sim`, not token info). */
  apiCalls(): number;
  /** Signs `events` with the v3 scheme and POSTs them to `url`, as HubSpot delivers webhooks. */
  sendWebhook(
    url: string,
    events: readonly Record<string, unknown>[],
    options?: { timestampMs?: number; secret?: string },
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export const signHubSpotV3 = (secret: string, method: string, uri: string, body: string, timestamp: string): string =>
  createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const error = (status: number, category: string, message: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { status: 'error', message, correlationId: randomUUID(), category, ...extra },
});

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const pick = (o: SimObject, properties: readonly string[] | undefined) => ({
  id: o.id,
  properties: Object.fromEntries(
    (properties && properties.length > 0 ? properties : ['createdate', 'hs_object_id', 'lastmodifieddate']).map((p) => [
      p,
      o.properties[p] ?? null,
    ]),
  ),
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
  archived: o.archived,
});

const PLURAL: Record<string, ObjectType> = {
  contacts: 'contacts',
  companies: 'companies',
  deals: 'deals',
  notes: 'notes',
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  note: 'notes',
};

export async function startHubSpotSimulator(options: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
  const token = options.token ?? 'pat-sim-0000-itil-next';
  const account = new HubSpotAccount();
  if (options.demo) seedDemoAccount(account);
  const requests: SimRequest[] = [];
  const window: number[] = [];
  const tenSecondLimit = options.tenSecondLimit ?? 100;
  const dailyLimit = options.dailyLimit ?? 250_000;
  let dailyUsed = 0;
  const forced: { policy: 'TEN_SECONDLY_ROLLING' | 'DAILY'; retryAfter: number }[] = [];

  const limits = (): Record<string, string> => {
    const now = Date.now();
    while (window.length > 0 && (window[0] as number) <= now - 10_000) window.shift();
    return {
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Max': String(tenSecondLimit),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, tenSecondLimit - window.length)),
      'X-HubSpot-RateLimit-Daily': String(dailyLimit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, dailyLimit - dailyUsed)),
    };
  };

  const tooMany = (policy: 'TEN_SECONDLY_ROLLING' | 'DAILY', retryAfter: number): Answer => ({
    ...error(
      429,
      'RATE_LIMITS',
      policy === 'DAILY' ? 'You have reached your daily limit.' : 'You have reached your ten_secondly_rolling limit.',
      { errorType: 'RATE_LIMIT', policyName: policy },
    ),
    headers: { ...limits(), ...(policy === 'TEN_SECONDLY_ROLLING' ? { 'Retry-After': String(retryAfter) } : {}) },
  });

  const route = async (method: string, url: URL, body: string): Promise<Answer> => {
    const parts = url.pathname.split('/').filter(Boolean);
    const json = (): Record<string, unknown> => (body ? (JSON.parse(body) as Record<string, unknown>) : {});
    const props = url.searchParams.getAll('properties').flatMap((p) => p.split(','));
    // POST /oauth/v2/private-apps/get/access-token-info
    if (url.pathname === '/oauth/v2/private-apps/get/access-token-info' && method === 'POST') {
      const { tokenKey } = json() as { tokenKey?: string };
      if (tokenKey !== token) return error(401, 'INVALID_AUTHENTICATION', 'The token is not valid');
      return {
        status: 200,
        body: {
          userId: 9001,
          hubId: account.portalId,
          appId: 777,
          scopes: [
            'crm.objects.contacts.read',
            'crm.objects.contacts.write',
            'crm.objects.companies.read',
            'crm.objects.deals.read',
            'crm.objects.owners.read',
          ],
        },
      };
    }
    // /crm/v3/owners/{id}
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'owners' && parts[3] && method === 'GET') {
      const owner = account.owners.get(parts[3]);
      if (!owner) return error(404, 'OBJECT_NOT_FOUND', 'resource not found');
      const at = new Date(0).toISOString();
      return { status: 200, body: { ...owner, createdAt: at, updatedAt: at, archived: false, teams: [] } };
    }
    // /crm/v4/associations/{from}/{to}/batch/read
    if (parts[1] === 'v4' && parts[2] === 'associations' && parts[5] === 'batch' && parts[6] === 'read') {
      const from = PLURAL[parts[3] as string];
      const to = PLURAL[parts[4] as string];
      if (!from || !to) return error(400, 'VALIDATION_ERROR', 'Unknown object type');
      const inputs = (json().inputs as { id: string }[] | undefined) ?? [];
      const started = new Date().toISOString();
      const results = inputs
        .filter((i) => account.objects[from].has(String(i.id)))
        .map((i) => ({
          from: { id: String(i.id) },
          // One entry per association label, as HubSpot lists them: clients de-duplicate.
          to: account
            .associations(from, String(i.id), to)
            .flatMap(([toId, types]) => types.map((t) => ({ toObjectId: Number(toId), associationTypes: [t] }))),
        }));
      return {
        status: 200,
        body: { status: 'COMPLETE', results, startedAt: started, completedAt: new Date().toISOString() },
      };
    }
    // /crm/v4/objects/{type}/{id}/associations/{to}
    if (
      parts[1] === 'v4' &&
      parts[2] === 'objects' &&
      parts[5] === 'associations' &&
      parts.length === 7 &&
      method === 'GET'
    ) {
      const from = PLURAL[parts[3] as string];
      const to = PLURAL[parts[6] as string];
      if (!from || !to) return error(400, 'VALIDATION_ERROR', 'Unknown object type');
      const results = account
        .associations(from, parts[4] as string, to)
        .map(([toId, types]) => ({ toObjectId: Number(toId), associationTypes: types }));
      return { status: 200, body: { results } };
    }
    if (parts[0] !== 'crm' || parts[1] !== 'v3' || parts[2] !== 'objects')
      return error(404, 'OBJECT_NOT_FOUND', `No route ${method} ${url.pathname}`);
    const type = PLURAL[parts[3] as string];
    if (!type) return error(400, 'VALIDATION_ERROR', `Unknown object type ${parts[3]}`);
    const store = account.objects[type];
    // POST /crm/v3/objects/{type}/batch/read
    if (parts[4] === 'batch' && parts[5] === 'read' && method === 'POST') {
      const input = json() as { inputs?: { id: string }[]; properties?: string[]; idProperty?: string };
      const found: SimObject[] = [];
      const missing: string[] = [];
      for (const { id } of input.inputs ?? []) {
        const o =
          input.idProperty === 'email' && type === 'contacts'
            ? account.contactByEmail(String(id))
            : store.get(String(id));
        if (o && !o.archived) found.push(o);
        else missing.push(String(id));
      }
      const started = new Date().toISOString();
      const body: Record<string, unknown> = {
        status: 'COMPLETE',
        results: found.map((o) => pick(o, input.properties)),
        startedAt: started,
        completedAt: new Date().toISOString(),
      };
      if (missing.length > 0) {
        body.numErrors = 1;
        body.errors = [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: `Could not get some ${type.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
            context: { ids: missing },
          },
        ];
      }
      return { status: missing.length > 0 ? 207 : 200, body };
    }
    // POST /crm/v3/objects/{type}: create (contacts, notes)
    if (parts.length === 4 && method === 'POST') {
      const input = json() as {
        properties?: Record<string, string>;
        associations?: { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[];
      };
      const properties = input.properties ?? {};
      if (type === 'contacts' && properties.email && account.contactByEmail(properties.email))
        return error(
          409,
          'CONFLICT',
          `Contact already exists. Existing ID: ${account.contactByEmail(properties.email)?.id}`,
        );
      const created = account.create(type, properties);
      for (const a of input.associations ?? []) {
        const to: ObjectType = type === 'notes' ? 'contacts' : 'companies';
        for (const t of a.types)
          account.associate(
            type,
            created.id,
            to,
            String(a.to.id),
            t.associationTypeId === 202
              ? NOTE_CONTACT
              : t.associationTypeId === 1
                ? PRIMARY_CONTACT_COMPANY
                : { category: 'HUBSPOT_DEFINED', typeId: t.associationTypeId, label: null },
          );
      }
      return { status: 201, body: pick(created, Object.keys(created.properties)) };
    }
    // GET /crm/v3/objects/{type}/{id}[?idProperty=email]
    if (parts.length === 5 && method === 'GET') {
      const id = decodeURIComponent(parts[4] as string);
      const o =
        url.searchParams.get('idProperty') === 'email' && type === 'contacts'
          ? account.contactByEmail(id)
          : store.get(id);
      if (!o || o.archived) return error(404, 'OBJECT_NOT_FOUND', 'resource not found');
      return { status: 200, body: pick(o, props) };
    }
    return error(404, 'OBJECT_NOT_FOUND', `No route ${method} ${url.pathname}`);
  };

  const sim = {
    url: '',
    token,
    account,
    requests,
    latencyMs: options.latencyMs ?? 0,
    down: false,
  } as HubSpotSimulator;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const send = (answer: Answer) => {
      requests.push({ method, path: url.pathname, status: answer.status, at: Date.now() });
      res.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    };
    if (url.pathname.startsWith('/_sim/')) return send(await control(url, method, body));
    if (sim.latencyMs > 0) await new Promise((r) => setTimeout(r, sim.latencyMs));
    if (sim.down) return send(error(503, 'SERVICE_UNAVAILABLE', 'HubSpot is down (simulated outage)'));
    const auth = req.headers.authorization;
    const isTokenInfo = url.pathname === '/oauth/v2/private-apps/get/access-token-info';
    if (!isTokenInfo && auth !== `Bearer ${token}`)
      return send(error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.'));
    const force = forced.shift();
    if (force) return send(tooMany(force.policy, force.retryAfter));
    if (!isTokenInfo) {
      if (dailyUsed >= dailyLimit) return send(tooMany('DAILY', 0));
      limits();
      if (window.length >= tenSecondLimit) return send(tooMany('TEN_SECONDLY_ROLLING', 1));
      window.push(Date.now());
      dailyUsed++;
    }
    try {
      const answer = await route(method, url, body);
      send({ ...answer, headers: { ...limits(), ...answer.headers } });
    } catch (e) {
      send(error(400, 'VALIDATION_ERROR', `Invalid input: ${(e as Error).message}`));
    }
  };

  /** Driving a running simulator over HTTP (`npm start` with hubspot-sim). */
  const control = async (url: URL, method: string, body: string): Promise<Answer> => {
    if (url.pathname === '/_sim/requests' && method === 'GET')
      return { status: 200, body: { calls: sim.apiCalls(), requests: requests.slice(-200) } };
    if (url.pathname === '/_sim/company-tier' && method === 'POST') {
      const { companyId, tier, webhookUrl } = JSON.parse(body) as {
        companyId: string;
        tier: string;
        webhookUrl?: string;
      };
      account.update('companies', companyId, { tier });
      const sent = webhookUrl
        ? await sim.sendWebhook(webhookUrl, [
            {
              subscriptionType: 'company.propertyChange',
              objectId: Number(companyId),
              propertyName: 'tier',
              propertyValue: tier,
            },
          ])
        : null;
      return { status: 200, body: { companyId, tier, webhook: sent?.status ?? null } };
    }
    return error(404, 'OBJECT_NOT_FOUND', 'No such simulator control');
  };

  sim.rateLimitNext = (count, policy, retryAfterSeconds = 1) => {
    for (let i = 0; i < count; i++) forced.push({ policy, retryAfter: retryAfterSeconds });
  };
  sim.apiCalls = () => requests.filter((r) => r.path.startsWith('/crm/')).length;
  sim.sendWebhook = async (target, events, opts = {}) => {
    const secret = opts.secret ?? options.clientSecret ?? 'sim-client-secret';
    let eventId = 1;
    const payload = JSON.stringify(
      events.map((e) => ({
        eventId: eventId++,
        subscriptionId: 1_000,
        portalId: account.portalId,
        appId: 777,
        occurredAt: Date.now(),
        attemptNumber: 0,
        changeSource: 'CRM_UI',
        ...e,
      })),
    );
    const timestamp = String(opts.timestampMs ?? Date.now());
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-HubSpot-Signature-v3': signHubSpotV3(secret, 'POST', target, payload, timestamp),
        'X-HubSpot-Request-Timestamp': timestamp,
      },
      body: payload,
    });
    return { status: response.status, body: await response.text() };
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          message: String(e),
          correlationId: randomUUID(),
          category: 'INTERNAL_ERROR',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (sim as { url: string }).url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  sim.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sim;
}
