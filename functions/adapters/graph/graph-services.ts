/**
 * Everything the Graph functions need, built once by the composition root from the validated
 * settings: the Mailbox adapter, subscription upkeep, delta catch-up and the webhook logic.
 */
import type { TokenCredential } from '@azure/identity';
import type { Clock } from '../../../shared/ports/clock.js';
import type { DocumentStore } from '../../../shared/ports/document-store.js';
import type { MessageBus } from '../../../shared/ports/message-bus.js';
import { connectGraph, type GraphConnection } from './graph-client.js';
import { GraphDeltaSync } from './graph-delta.js';
import { GraphMailbox } from './graph-mailbox.js';
import type { RetryPolicy } from './graph-middleware.js';
import { GraphNotificationHandler } from './graph-notifications.js';
import { GraphStateRepository } from './graph-state.js';
import { GraphSubscriptions } from './graph-subscriptions.js';

export interface GraphSettings {
  readonly baseUrl: string;
  readonly credential: TokenCredential;
  readonly mailboxes: readonly string[];
  /** Public URL of the `mail/graph/notifications` route; unset = no webhook (delta only) until the platform supplies one. */
  readonly notificationUrl?: string | undefined;
  readonly clientState: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly maxConcurrentPerMailbox?: number;
  readonly requestedSubscriptionMinutes?: number;
  readonly deltaPageSize?: number;
  readonly deltaInitialWindowMs?: number;
}

export interface GraphServices {
  readonly connection: GraphConnection;
  readonly mailbox: GraphMailbox;
  readonly subscriptions: GraphSubscriptions;
  readonly delta: GraphDeltaSync;
  readonly notifications: GraphNotificationHandler;
  /** Called once the HTTP host listens: adopts its URL for the webhook unless one is configured, then subscribes. */
  onPlatformStarted(publicUrl: string): Promise<void>;
}

export function createGraphServices(
  settings: GraphSettings,
  ports: { store: DocumentStore; bus: MessageBus; clock: Clock; log: (line: string) => void },
): GraphServices {
  const connection = connectGraph({
    baseUrl: settings.baseUrl,
    credential: settings.credential,
    ...(settings.retry ? { retry: settings.retry } : {}),
    ...(settings.maxConcurrentPerMailbox ? { maxConcurrentPerMailbox: settings.maxConcurrentPerMailbox } : {}),
  });
  const state = new GraphStateRepository(ports.store);
  const subscriptions = new GraphSubscriptions(
    connection,
    state,
    ports.clock,
    {
      mailboxes: settings.mailboxes,
      clientState: settings.clientState,
      log: ports.log,
      ...(settings.requestedSubscriptionMinutes ? { requestedMinutes: settings.requestedSubscriptionMinutes } : {}),
    },
    settings.notificationUrl,
  );
  const delta = new GraphDeltaSync(connection, state, ports.bus, ports.clock, {
    mailboxes: settings.mailboxes,
    log: ports.log,
    ...(settings.deltaPageSize ? { pageSize: settings.deltaPageSize } : {}),
    ...(settings.deltaInitialWindowMs !== undefined ? { initialWindowMs: settings.deltaInitialWindowMs } : {}),
  });
  const notifications = new GraphNotificationHandler(settings.clientState, ports.bus, subscriptions, delta, ports.log);
  return {
    connection,
    mailbox: new GraphMailbox(connection.client, settings.mailboxes),
    subscriptions,
    delta,
    notifications,
    async onPlatformStarted(publicUrl) {
      subscriptions.useNotificationUrlIfUnset(`${publicUrl.replace(/\/+$/, '')}/api/mail/graph/notifications`);
      await subscriptions.ensureAll();
    },
  };
}
