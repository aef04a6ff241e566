/**
 * The simulator's own HTTP API (no token), for driving a running instance from a shell:
 *   POST /_sim/deliver?mailbox=support@demo.local[&mode=send|drop|twice][&authAs=Internal|Anonymous][&authResults=...]  (body: raw MIME)
 *   POST /_sim/notify?mailbox=...&id=...        POST /_sim/lifecycle?subscription=...&event=missed
 *   POST /_sim/fault  {"status":429,"retryAfterSeconds":2,"times":1,"pathIncludes":"/messages/"}
 *   GET  /_sim/sent   GET /_sim/subscriptions   GET /_sim/requests
 */
import type { DeliveryMode, GraphSimulator, LifecycleEvent } from './graph-simulator.js';
import type { SimResponse } from './sim-graph-routes.js';

export async function controlApi(sim: GraphSimulator, method: string, url: URL, body: Buffer): Promise<SimResponse> {
  const q = url.searchParams;
  const action = url.pathname.slice('/_sim/'.length);
  const need = (name: string): string => {
    const value = q.get(name);
    if (!value) throw new Error(`query parameter ${name} is required`);
    return value;
  };
  try {
    if (method === 'POST' && action === 'deliver') {
      const authAs = q.get('authAs');
      const authResults = q.get('authResults');
      const { message, notified } = await sim.deliver(
        need('mailbox'),
        body,
        (q.get('mode') ?? 'send') as DeliveryMode,
        {
          ...(authAs === 'Internal' || authAs === 'Anonymous' ? { authAs } : {}),
          ...(authResults ? { authenticationResults: authResults } : {}),
        },
      );
      return {
        status: 201,
        body: {
          id: message.id,
          internetMessageId: message.internetMessageId,
          conversationId: message.conversationId,
          notified,
        },
      };
    }
    if (method === 'POST' && action === 'notify')
      return { status: 200, body: await sim.notify(need('mailbox'), need('id')) };
    if (method === 'POST' && action === 'lifecycle')
      return { status: 200, body: await sim.lifecycle(need('subscription'), need('event') as LifecycleEvent) };
    if (method === 'POST' && action === 'fault') {
      sim.inject(JSON.parse(body.toString('utf8')));
      return { status: 204 };
    }
    if (method === 'GET' && action === 'sent') return { status: 200, body: sim.sent() };
    if (method === 'GET' && action === 'subscriptions') return { status: 200, body: sim.subscriptions() };
    if (method === 'GET' && action === 'requests') return { status: 200, body: sim.requests.slice(-200) };
    return { status: 404, body: { error: `unknown simulator action ${method} ${action}` } };
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}
