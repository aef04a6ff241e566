/**
 * A Microsoft Graph simulator for tests and `npm start` with MAIL_PROVIDER=graph-sim: a node:http
 * server speaking the subset of Graph v1.0 the product uses (see sim-graph-routes.ts), checking the
 * bearer token on every call, validating webhook URLs like Graph does, POSTing change and lifecycle
 * notifications, and injecting 429/5xx faults. Tests drive it in-process through the returned
 * object; a running instance is also driven over HTTP under `/_sim/*` (see sim-control.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlApi } from './sim-control.js';
import { graphError, type RouteContext, routeGraph, type SimResponse, SubscriptionBook } from './sim-graph-routes.js';
import { type ExchangeStamp, type SentMail, SimMailStore, type SimMessage } from './sim-mail-model.js';
import type { SimSubscription } from './sim-subscriptions.js';

export interface GraphSimulatorOptions {
  /** The bearer token every Graph call must carry. */
  readonly token?: string;
  readonly port?: number;
  readonly host?: string;
  /** Lifetime cap Graph applies to subscriptions (Outlook messages: 4,230 min). */
  readonly maxSubscriptionMinutes?: number;
  readonly pageSize?: number;
  readonly now?: () => Date;
}

export interface Fault {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /** How many matching requests fail (default 1). */
  readonly times?: number;
  readonly method?: string;
  /** Only requests whose path contains this. */
  readonly pathIncludes?: string;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly at: number;
  readonly authorized: boolean;
}

export interface NotifyResult {
  readonly subscriptionId: string;
  readonly status: number;
  readonly ms: number;
}

export type DeliveryMode = 'send' | 'drop' | 'twice';
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface GraphSimulator {
  /** Base URL with version, e.g. `http://127.0.0.1:PORT/v1.0` (GRAPH_BASE_URL). */
  readonly url: string;
  readonly token: string;
  readonly requests: LoggedRequest[];
  /** Puts a raw MIME message in `mailbox`'s inbox (as Exchange would) and notifies subscribers unless dropped. */
  deliver(
    mailbox: string,
    raw: string | Buffer,
    mode?: DeliveryMode,
    /** What Exchange stamps on the message (AuthAs, its Authentication-Results). */
    stamp?: ExchangeStamp,
  ): Promise<{ message: SimMessage; notified: NotifyResult[] }>;
  /** POSTs a `created` change notification for a message to every subscription of its mailbox. */
  notify(mailbox: string, messageId: string, options?: { clientState?: string }): Promise<NotifyResult[]>;
  /** POSTs a lifecycle event; `subscriptionRemoved` first removes the subscription, as Graph does. */
  lifecycle(subscriptionId: string, event: LifecycleEvent): Promise<NotifyResult>;
  changeNotification(subscription: SimSubscription, messageId: string, clientState?: string): unknown;
  inject(fault: Fault): void;
  clearFaults(): void;
  expireDeltaTokens(expired: boolean): void;
  setMaxSubscriptionMinutes(minutes: number): void;
  sent(): SentMail[];
  subscriptions(): SimSubscription[];
  /** Removes a subscription silently (Graph forgot it: the next renewal gets 404). */
  forgetSubscription(id: string): void;
  message(id: string): SimMessage | undefined;
  close(): Promise<void>;
}

/** The change notification Graph POSTs for a new message (what `notify` sends, for callers that send it themselves). */
export const changeNotificationFor = (
  sub: Pick<SimSubscription, 'id' | 'expirationDateTime' | 'mailbox' | 'clientState'>,
  messageId: string,
  clientState?: string,
) => ({
  value: [
    {
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      changeType: 'created',
      resource: `Users/${sub.mailbox}/Messages/${messageId}`,
      resourceData: {
        '@odata.type': '#Microsoft.Graph.Message',
        '@odata.id': `Users/${sub.mailbox}/Messages/${messageId}`,
        id: messageId,
      },
      clientState: clientState ?? sub.clientState,
      tenantId: '00000000-0000-0000-0000-000000000000',
    },
  ],
});

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function write(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { 'request-id': randomUUID(), ...(response.headers ?? {}) };
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const isBinary = Buffer.isBuffer(response.body);
  if (!isBinary) headers['content-type'] ??= 'application/json; charset=utf-8';
  res.writeHead(response.status, headers).end(isBinary ? response.body : JSON.stringify(response.body));
}

async function post(
  url: string,
  body: unknown,
  query = '',
): Promise<{ status: number; text: string; type: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${query}`, {
    method: 'POST',
    headers: { 'content-type': body === undefined ? 'text/plain' : 'application/json; charset=utf-8' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    type: response.headers.get('content-type') ?? '',
    ms: performance.now() - started,
  };
}

export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulator> {
  const token = options.token ?? 'graph-sim-token';
  const now = options.now ?? (() => new Date());
  let maxMinutes = options.maxSubscriptionMinutes ?? 4_230;
  const faults: (Fault & { remaining: number })[] = [];
  const requests: LoggedRequest[] = [];
  const ctx: RouteContext = {
    mail: new SimMailStore(),
    subscriptions: new SubscriptionBook(() => maxMinutes),
    baseUrl: '',
    now,
    defaultPageSize: options.pageSize ?? 10,
    deltaTokensExpired: false,
  };

  /** Graph's validation handshake: the endpoint must echo the decoded token as text/plain within 10 s. */
  const validate = async (sub: SimSubscription): Promise<string | null> => {
    for (const url of [sub.notificationUrl, sub.lifecycleNotificationUrl]) {
      if (!url) continue;
      const challenge = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
      try {
        const answer = await post(url, undefined, `?validationToken=${encodeURIComponent(challenge)}`);
        if (answer.status !== 200 || answer.text !== challenge || !answer.type.startsWith('text/plain'))
          return `Subscription validation request failed for ${url}: ${answer.status} ${answer.type}`;
      } catch (error) {
        return `Subscription validation request failed for ${url}: ${String(error)}`;
      }
    }
    return null;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const body = await readBody(req);
      if (url.pathname.startsWith('/_sim/')) return write(res, await controlApi(sim, req.method ?? 'GET', url, body));
      const authorized = req.headers.authorization === `Bearer ${token}`;
      const log = (status: number) =>
        requests.push({
          method: req.method ?? 'GET',
          path: url.pathname + url.search,
          status,
          at: Date.now(),
          authorized,
        });
      if (!authorized) {
        log(401);
        return write(res, graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.'));
      }
      const fault = faults.find(
        (f) =>
          f.remaining > 0 &&
          (!f.method || f.method === req.method) &&
          (!f.pathIncludes || decodeURIComponent(url.pathname).includes(f.pathIncludes)),
      );
      if (fault) {
        fault.remaining--;
        log(fault.status);
        const response = graphError(
          fault.status,
          fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
          'Injected fault',
        );
        return write(res, {
          ...response,
          headers: fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
        });
      }
      const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (segments.shift() !== 'v1.0') {
        log(404);
        return write(res, graphError(404, 'BadRequest', 'Only /v1.0 is simulated'));
      }
      const response = await routeGraph(
        ctx,
        { method: req.method ?? 'GET', segments, query: url.searchParams, headers: req.headers, body },
        validate,
      );
      log(response.status);
      write(res, response);
    })().catch((error: unknown) => write(res, graphError(500, 'InternalServerError', String(error))));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}/v1.0`;
  (ctx as { baseUrl: string }).baseUrl = url;

  const sim: GraphSimulator = {
    url,
    token,
    requests,
    async deliver(mailbox, raw, mode = 'send', stamp = {}) {
      const message = ctx.mail.deliver(
        mailbox.toLowerCase(),
        Buffer.isBuffer(raw) ? raw : Buffer.from(raw),
        now(),
        stamp,
      );
      const notified: NotifyResult[] = [];
      for (let i = 0; i < (mode === 'drop' ? 0 : mode === 'twice' ? 2 : 1); i++)
        notified.push(...(await sim.notify(mailbox, message.id)));
      return { message, notified };
    },
    async notify(mailbox, messageId, notifyOptions = {}) {
      const results: NotifyResult[] = [];
      for (const sub of ctx.subscriptions.forMailbox(mailbox)) {
        const answer = await post(
          sub.notificationUrl,
          changeNotificationFor(sub, messageId, notifyOptions.clientState),
        );
        results.push({ subscriptionId: sub.id, status: answer.status, ms: answer.ms });
      }
      return results;
    },
    async lifecycle(subscriptionId, event) {
      const sub = ctx.subscriptions.get(subscriptionId);
      if (!sub?.lifecycleNotificationUrl) throw new Error(`subscription ${subscriptionId} has no lifecycle URL`);
      if (event === 'subscriptionRemoved') ctx.subscriptions.remove(subscriptionId);
      const answer = await post(sub.lifecycleNotificationUrl, {
        value: [
          {
            subscriptionId,
            subscriptionExpirationDateTime: sub.expirationDateTime,
            tenantId: '00000000-0000-0000-0000-000000000000',
            clientState: sub.clientState,
            lifecycleEvent: event,
          },
        ],
      });
      return { subscriptionId, status: answer.status, ms: answer.ms };
    },
    changeNotification: changeNotificationFor,
    inject: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    expireDeltaTokens: (expired) => {
      ctx.deltaTokensExpired = expired;
    },
    setMaxSubscriptionMinutes: (minutes) => {
      maxMinutes = minutes;
    },
    sent: () => [...ctx.mail.sent],
    subscriptions: () => ctx.subscriptions.list(),
    forgetSubscription: (id) => void ctx.subscriptions.remove(id),
    message: (id) => ctx.mail.messages.get(id),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return sim;
}
