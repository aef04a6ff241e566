/**
 * Loads and saves the Ticket aggregate on the DocumentStore port. A save writes the kernel's batch
 * (work-items/work-item-store.ts: the ticket etag-guarded, its changed assists, new timeline entries
 * and outbox events) plus its CI links (ticket-ci-links.ts), all in ONE atomic batch inside the
 * ticket's partition, so state and events never diverge.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { OutboxDocument } from '../events/domain-event.js';
import type { DocumentStore, StoredDocument, Versioned } from '../ports/document-store.js';
import { assistsInPartition, workItemWrites } from '../work-items/work-item-store.js';
import { Ticket } from './ticket.js';
import type { TicketSnapshot } from './ticket-types.js';

export interface LoadedTicket {
  readonly ticket: Ticket;
  readonly etag: string;
}

export class TicketRepository {
  constructor(private readonly store: DocumentStore) {}

  async readSnapshot(ticketId: string): Promise<Versioned<TicketSnapshot & StoredDocument> | undefined> {
    const found = await this.store.read<TicketSnapshot & StoredDocument>('tickets', ticketId, ticketId);
    return found?.doc.docType === 'ticket' ? found : undefined;
  }

  async findIdByNumber(number: string): Promise<string | undefined> {
    return (await this.findByNumber(number))?.id;
  }

  /** The ticket with this number as stored (one query: search's exact-number lead). */
  async findByNumber(number: string): Promise<(TicketSnapshot & StoredDocument) | undefined> {
    const page = await this.store.query<TicketSnapshot & StoredDocument>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'ticket' },
        { field: 'number', op: 'eq', value: number.toUpperCase() },
      ],
      limit: 1,
    });
    return page.items[0]?.doc;
  }

  /** The most recently updated tickets (the rule editor's dry run), newest first. */
  async recent(limit: number): Promise<TicketSnapshot[]> {
    const page = await this.store.query<TicketSnapshot & StoredDocument>('tickets', {
      where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
      orderBy: [{ field: 'updatedAt', direction: 'desc' }],
      limit,
    });
    return page.items.map((i) => i.doc);
  }

  async load(ticketId: string): Promise<LoadedTicket | undefined> {
    const found = await this.readSnapshot(ticketId);
    if (!found) return undefined;
    const assists = await this.assistsOf(ticketId);
    return { ticket: Ticket.fromSnapshot(found.doc, assists), etag: found.etag };
  }

  assistsOf(ticketId: string): Promise<AssistSnapshot[]> {
    return assistsInPartition(this.store, 'tickets', 'ticketId', ticketId);
  }

  /**
   * Writes the aggregate and everything it recorded since load. `etag` null means a new ticket.
   * Throws ConcurrencyConflictError when someone else saved the ticket in between.
   */
  async save(ticket: Ticket, etag: string | null): Promise<{ etag: string; outbox: OutboxDocument[] }> {
    const { operations, outbox } = workItemWrites('ticketId', ticket.toSnapshot(), etag, ticket.pendingChanges());
    operations.push(...ticket.ciLinkChanges());
    const etags = await this.store.batch('tickets', ticket.id, operations);
    return { etag: etags[0] as string, outbox };
  }
}
