/**
 * Test support for the Graph end-to-end tests: the real local platform with MAIL_PROVIDER=graph-sim
 * pointed at an in-process Graph simulator, plus a view of the `inbound-mail` queue. While no
 * queue function consumes `inbound-mail`, `takeInbound()` leases what arrived since the last call;
 * once ingestion consumes it, tests assert on tickets instead (see `ingestionWired`).
 */
import azf from '@azure/functions';
import type { GraphServices } from '../../functions/adapters/graph/graph-services.js';
import { CATALOG } from '../../functions/catalog/catalog.js';
import type { InboundMessageRef } from '../../shared/ports/mailbox.js';
import { type GraphSimulator, startGraphSimulator } from '../simulators/graph/graph-simulator.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

const { InvocationContext } = azf;

export const SUPPORT_MAILBOX = 'support@demo.local';
export const CLIENT_STATE = 'e2e-client-state-4f1d8a2b9c';

export const ingestionWired = CATALOG.some((f) => f.trigger.type === 'queue' && f.trigger.queueName === 'inbound-mail');

export interface GraphPlatform {
  readonly sim: GraphSimulator;
  readonly running: RunningPlatform;
  readonly graph: GraphServices;
  takeInbound(): { id: string; ref: InboundMessageRef }[];
  runTimer(name: 'graph-subscriptions-renew' | 'graph-delta-catch-up'): Promise<void>;
  stop(): Promise<void>;
}

export async function startGraphPlatform(
  options: { retrySleep?: (ms: number) => Promise<void> } = {},
): Promise<GraphPlatform> {
  const sim = await startGraphSimulator({ token: 'e2e-graph-token' });
  const running = await startRunningPlatform({
    env: {
      MAIL_PROVIDER: 'graph-sim',
      GRAPH_BASE_URL: sim.url,
      GRAPH_CLIENT_SECRET: 'e2e-graph-token',
      GRAPH_MAILBOXES: SUPPORT_MAILBOX,
      GRAPH_CLIENT_STATE: CLIENT_STATE,
      SMTP_LISTEN: 'false',
    },
    overrides: options.retrySleep ? { graph: { retry: { sleep: options.retrySleep } } } : {},
  });
  const graph = running.composition.services.graph;
  if (!graph) throw new Error('MAIL_PROVIDER=graph-sim did not wire the Graph services');
  return {
    sim,
    running,
    graph,
    takeInbound() {
      const queue = running.composition.localQueue;
      if (!queue) throw new Error('the e2e platform runs the local queue');
      return queue
        .receive('inbound-mail', { max: 1_000, lockMs: 3_600_000 })
        .map((r) => ({ id: r.message.id, ref: r.message.body as InboundMessageRef }));
    },
    async runTimer(name) {
      const entry = CATALOG.find((f) => f.name === name);
      if (entry?.trigger.type !== 'timer') throw new Error(`${name} is not a timer`);
      const handler = (
        entry.handler as (
          s: typeof running.composition.services,
        ) => (t: unknown, c: InstanceType<typeof InvocationContext>) => Promise<void>
      )(running.composition.services);
      await handler(
        { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: undefined },
        new InvocationContext({ functionName: name }),
      );
    },
    async stop() {
      await running.stop();
      await sim.close();
    },
  };
}

export const customerMail = (n: string, subject: string, from = 'carla@customer.test') =>
  `From: Carla Customer <${from}>\r\nTo: ${SUPPORT_MAILBOX}\r\nSubject: ${subject}\r\nMessage-ID: <${n}@customer.test>\r\nDate: ${new Date().toUTCString()}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello support, ${subject}.\r\n`;
