/**
 * Loads and saves the Ticket aggregate on the DocumentStore port. A save writes the ticket
 * (etag-guarded), its changed assists, its new timeline entries, its outbox events and its CI links
 * (ticket-ci-links.ts) in ONE atomic batch inside the ticket's partition, so state and events never diverge.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { OutboxDocument } from '../events/domain-event.js';
import type { DocumentStore, StoredDocument, Versioned, WriteOperation } from '../ports/document-store.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import { Ticket } from './ticket.js';
import type { TicketSnapshot } from './ticket-types.js';

export interface LoadedTicket {
  readonly ticket: Ticket;
  readonly etag: string;
}

const asDoc = <T extends object>(value: T): StoredDocument => value as unknown as StoredDocument;

export class TicketRepository {
  constructor(private readonly store: DocumentStore) {}

  async readSnapshot(ticketId: string): Promise<Versioned<TicketSnapshot & StoredDocument> | undefined> {
    const found = await this.store.read<TicketSnapshot & StoredDocument>('tickets', ticketId, ticketId);
    return found?.doc.docType === 'ticket' ? found : undefined;
  }

  async findIdByNumber(number: string): Promise<string | undefined> {
    const page = await this.store.query<TicketSnapshot & StoredDocument>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'ticket' },
        { field: 'number', op: 'eq', value: number.toUpperCase() },
      ],
      limit: 1,
    });
    return page.items[0]?.doc.id;
  }

  async load(ticketId: string): Promise<LoadedTicket | undefined> {
    const found = await this.readSnapshot(ticketId);
    if (!found) return undefined;
    const assists = await this.assistsOf(ticketId);
    return { ticket: Ticket.fromSnapshot(found.doc, assists), etag: found.etag };
  }

  async assistsOf(ticketId: string): Promise<AssistSnapshot[]> {
    const items: AssistSnapshot[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<AssistSnapshot & StoredDocument>('tickets', {
        partitionKey: ticketId,
        where: [
          { field: 'ticketId', op: 'eq', value: ticketId },
          { field: 'docType', op: 'eq', value: 'assist' },
        ],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items.map((i) => i.doc));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  /**
   * Writes the aggregate and everything it recorded since load. `etag` null means a new ticket.
   * Throws ConcurrencyConflictError when someone else saved the ticket in between.
   */
  async save(ticket: Ticket, etag: string | null): Promise<{ etag: string; outbox: OutboxDocument[] }> {
    const snapshot = ticket.toSnapshot();
    const changes = ticket.pendingChanges();
    const [first] = changes.events;
    const outbox: OutboxDocument[] = first
      ? [{ id: `outbox-${first.id}`, ticketId: snapshot.id, docType: 'outbox', events: changes.events }]
      : [];
    const operations: WriteOperation[] = [
      etag === null ? { op: 'create', doc: asDoc(snapshot) } : { op: 'replace', doc: asDoc(snapshot), ifMatch: etag },
      ...changes.assists.map((a): WriteOperation => ({ op: 'upsert', doc: asDoc(a) })),
      ...changes.entries.map((e: TimelineEntry): WriteOperation => ({ op: 'create', doc: asDoc(e) })),
      ...outbox.map((o): WriteOperation => ({ op: 'create', doc: asDoc(o) })),
      ...ticket.ciLinkChanges(),
    ];
    const etags = await this.store.batch('tickets', snapshot.id, operations);
    return { etag: etags[0] as string, outbox };
  }
}
