/**
 * Moves outbox events from the work items' partitions onto the message bus (at least once), then
 * deletes them. Called right after each save for low latency, and by a timer sweep over every
 * work-item container (tickets, changes, problems: ADR 0025) and the known errors' that picks up
 * anything a crash left behind
 * between commit and publish.
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { BusMessage, MessageBus } from '../ports/message-bus.js';
import { WORK_ITEM_CONTAINERS } from '../work-items/work-item-store.js';
import {
  type DomainEvent,
  type KnownErrorOutbox,
  type OutboxDocument,
  outboxEvents,
  type WorkItemOutbox,
} from './domain-event.js';

/**
 * Every container with outbox documents and the field naming their partition: the work items'
 * and the known errors' (issue 17: reference data with events of its own).
 */
export const OUTBOX_CONTAINERS = { ...WORK_ITEM_CONTAINERS, knowledge: 'knownErrorId' } as const;
type WorkItemContainer = keyof typeof OUTBOX_CONTAINERS;
type AnyOutbox = OutboxDocument | WorkItemOutbox<'changeId'> | WorkItemOutbox<'problemId'> | KnownErrorOutbox;

export const eventMessage = (event: DomainEvent | AnyOutbox['events'][number]): BusMessage => ({
  id: event.id,
  type: event.type,
  body: event,
});

export class OutboxRelay {
  constructor(
    private readonly store: DocumentStore,
    private readonly bus: MessageBus,
  ) {}

  /** Publishes the given outbox items of one work item and removes them. */
  async relay(
    workItemId: string,
    outbox: readonly AnyOutbox[],
    container: WorkItemContainer = 'tickets',
  ): Promise<void> {
    if (outbox.length === 0) return;
    await this.bus.publish(
      'events',
      outbox.flatMap((o) => outboxEvents(o as OutboxDocument).map(eventMessage)),
    );
    await this.store.batch(
      container,
      workItemId,
      outbox.map((o) => ({ op: 'delete' as const, id: o.id })),
    );
  }

  /** Relays up to `limit` leftover outbox items per work-item container; returns how many. */
  async sweep(limit = 500): Promise<number> {
    let relayed = 0;
    for (const [container, key] of Object.entries(OUTBOX_CONTAINERS) as [WorkItemContainer, string][]) {
      const page = await this.store.query<AnyOutbox & StoredDocument>(container, {
        where: [{ field: 'docType', op: 'eq', value: 'outbox' }],
        limit,
      });
      const byItem = new Map<string, AnyOutbox[]>();
      for (const { doc } of page.items) {
        const id = (doc as unknown as Record<string, string>)[key] as string;
        byItem.set(id, [...(byItem.get(id) ?? []), doc]);
      }
      for (const [id, items] of byItem) {
        try {
          await this.relay(id, items, container);
        } catch {
          // Another relay deleted them first (harmless: subscribers are idempotent); the next sweep retries the rest.
        }
      }
      relayed += page.items.length;
    }
    return relayed;
  }
}
