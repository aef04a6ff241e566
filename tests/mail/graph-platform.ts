/**
 * Test support for the Graph end-to-end tests: the real local platform with MAIL_PROVIDER=graph-sim
 * pointed at an in-process Graph simulator, plus what the tests assert on: the tickets and the
 * timeline the `mail-inbound` queue function made from the mail once the queue is drained.
 */
import azf from '@azure/functions';
import type { GraphServices } from '../../functions/adapters/graph/graph-services.js';
import { CATALOG } from '../../functions/catalog/catalog.js';
import type { TTicket, TTimelineEntry } from '../../shared/api/tickets.schemas.js';
import { type GraphSimulator, startGraphSimulator } from '../simulators/graph/graph-simulator.js';
import type { E2EStore } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

const { InvocationContext } = azf;

export const SUPPORT_MAILBOX = 'support@demo.local';
export const CLIENT_STATE = 'e2e-client-state-4f1d8a2b9c';

export interface GraphPlatform {
  readonly sim: GraphSimulator;
  readonly running: RunningPlatform;
  readonly graph: GraphServices;
  /** Runs every queued message (webhook, delta, lifecycle follow-ups first) to completion. */
  settle(): Promise<void>;
  /** The tickets whose title contains `subject`, as an admin sees them. */
  ticketsAbout(subject: string): Promise<TTicket[]>;
  timelineOf(ticketId: string): Promise<TTimelineEntry[]>;
  runTimer(name: 'graph-subscriptions-renew' | 'graph-delta-catch-up'): Promise<void>;
  stop(): Promise<void>;
}

export async function startGraphPlatform(
  options: { store?: E2EStore; retrySleep?: (ms: number) => Promise<void> } = {},
): Promise<GraphPlatform> {
  const sim = await startGraphSimulator({ token: 'e2e-graph-token' });
  const running = await startRunningPlatform({
    ...(options.store ? { store: options.store } : {}),
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
    async settle() {
      await graph.notifications.settled();
      await running.platform.drainQueue();
    },
    async ticketsAbout(subject) {
      const list = await running.api<{ items: TTicket[] }>(
        'admin@demo.local',
        `tickets?q=${encodeURIComponent(subject)}`,
      );
      if (list.status !== 200) throw new Error(`tickets?q=${subject} answered ${list.status}`);
      return list.body.items;
    },
    async timelineOf(ticketId) {
      const page = await running.api<{ items: TTimelineEntry[] }>(
        'admin@demo.local',
        `tickets/${ticketId}/timeline?limit=100`,
      );
      if (page.status !== 200) throw new Error(`timeline of ${ticketId} answered ${page.status}`);
      return page.body.items;
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

/** A reply as Outlook writes it through Exchange: threaded on a mail we sent (its Message-ID). */
export const threadedReply = (
  sent: { readonly subject: string; readonly internetMessageId: string },
  from: string,
  messageId: string,
  text: string,
) =>
  [
    `From: ${from}`,
    `To: ${SUPPORT_MAILBOX}`,
    `Subject: RE: ${sent.subject}`,
    `Message-ID: <${messageId}>`,
    `In-Reply-To: ${sent.internetMessageId}`,
    `References: ${sent.internetMessageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');
