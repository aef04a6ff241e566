/**
 * Moves outbox events from the ticket partitions onto the message bus (at least once), then
 * deletes them. Called right after each save for low latency, and by a timer sweep that picks
 * up anything a crash left behind between commit and publish.
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { BusMessage, MessageBus } from '../ports/message-bus.js';
import { type DomainEvent, type OutboxDocument, outboxEvents } from './domain-event.js';

type OutboxDoc = OutboxDocument & StoredDocument;

export const eventMessage = (event: DomainEvent): BusMessage => ({ id: event.id, type: event.type, body: event });

export class OutboxRelay {
  constructor(
    private readonly store: DocumentStore,
    private readonly bus: MessageBus,
  ) {}

  /** Publishes the given outbox items of one ticket and removes them. */
  async relay(ticketId: string, outbox: readonly OutboxDocument[]): Promise<void> {
    if (outbox.length === 0) return;
    await this.bus.publish(
      'events',
      outbox.flatMap((o) => outboxEvents(o).map(eventMessage)),
    );
    await this.store.batch(
      'tickets',
      ticketId,
      outbox.map((o) => ({ op: 'delete' as const, id: o.id })),
    );
  }

  /** Relays up to `limit` leftover outbox items across all tickets; returns how many. */
  async sweep(limit = 500): Promise<number> {
    const page = await this.store.query<OutboxDoc>('tickets', {
      where: [{ field: 'docType', op: 'eq', value: 'outbox' }],
      limit,
    });
    const byTicket = new Map<string, OutboxDocument[]>();
    for (const { doc } of page.items) byTicket.set(doc.ticketId, [...(byTicket.get(doc.ticketId) ?? []), doc]);
    for (const [ticketId, items] of byTicket) {
      try {
        await this.relay(ticketId, items);
      } catch {
        // Another relay deleted them first (harmless: subscribers are idempotent); the next sweep retries the rest.
      }
    }
    return page.items.length;
  }
}
