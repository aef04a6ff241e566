/**
 * Keeps the ticket index in step with the store. Every domain event of a ticket makes the indexer
 * read that ticket's current state and write its document whole (or remove it when the ticket is
 * gone), so a redelivered, late or reordered event can only write the truth again: idempotent
 * under at-least-once delivery. Refreshes of one ticket never overlap in a process; where several
 * processes index (Azure), each reads the ticket again after its write and writes again if it
 * moved on meanwhile, so the last writer always leaves the newest state.
 * The several events of one save find the same ticket version (`lastSeq:updatedAt`), which this
 * process remembers writing, so the ticket is written once; anything that changes what a ticket
 * shows (a redaction too) saves the ticket, which moves the version.
 * `rebuild` re-projects every ticket (the `search:rebuild` command, an empty index at start).
 */

import { type DomainEvent, EVENT_TYPES, type EventType } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { IndexedDocument, SearchIndex } from '../ports/search-index.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import { ticketSearchDocument, ticketVersion } from './ticket-search-document.js';

/** Enough for any real race; each round is one read, one entries query and one index write. */
const MAX_ROUNDS = 5;
const REBUILD_PAGE = 200;
const REBUILD_PARALLEL = 8;
/** Versions this process wrote, so the several events of one save index the ticket once. */
const MAX_REMEMBERED = 10_000;
/** Events that change nothing the index holds (routing offers, SLA notices, a failed send); any new type is indexed. */
const IGNORED: readonly EventType[] = [
  'ticket.offered',
  'ticket.offer_withdrawn',
  'sla.warning',
  'sla.breached',
  'ticket.email_failed',
  'ticket.email_held',
];

export interface IndexerOptions {
  /**
   * Read the ticket again after each write and write again if it moved on. Needed where several
   * instances index at once (Azure Functions scale-out); one process serialises refreshes of a
   * ticket itself, so a write can never be overtaken by an older one there.
   */
  readonly verifyAfterWrite?: boolean;
}

export class TicketSearchIndexer implements EventSubscriber {
  readonly name = 'search-index';
  readonly handles: readonly EventType[] = EVENT_TYPES.filter((t) => !IGNORED.includes(t));
  private readonly written = new Map<string, string>();
  /** Per ticket: the refresh running now, and the one queued behind it (every later event joins that one). */
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly tickets: TicketRepository,
    private readonly index: SearchIndex,
    private readonly options: IndexerOptions = {},
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    await this.refresh(event.ticketId);
  }

  /**
   * Brings the ticket's index document up to date. Concurrent calls for one ticket (a burst of
   * notes) share work: while a refresh runs, later callers wait for ONE more refresh that starts
   * after it, so each caller still sees a refresh that read the store after its event.
   */
  refresh(ticketId: string): Promise<void> {
    const queued = this.queued.get(ticketId);
    if (queued) return queued;
    const current = this.running.get(ticketId);
    if (!current) return this.start(ticketId);
    const next = current
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(ticketId);
        return this.start(ticketId);
      });
    this.queued.set(ticketId, next);
    return next;
  }

  /**
   * For a redaction: erases the ticket's index document (the adapter's secure removal, not only
   * a replacement whose old text waits for a merge) and writes what the store holds now.
   */
  async purge(ticketId: string): Promise<void> {
    this.written.delete(ticketId);
    await this.index.remove([ticketId]);
    await this.refresh(ticketId);
  }

  private start(ticketId: string): Promise<void> {
    const run = this.refreshNow(ticketId).finally(() => {
      if (this.running.get(ticketId) === run) this.running.delete(ticketId);
    });
    this.running.set(ticketId, run);
    return run;
  }

  /** Writes the ticket's current document (or removes it) until the index holds what the store holds. */
  private async refreshNow(ticketId: string): Promise<void> {
    let found = await this.tickets.readSnapshot(ticketId);
    if (found && this.written.get(ticketId) === ticketVersion(found.doc)) return;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (!found) await this.index.remove([ticketId]);
      else await this.index.upsert([await this.documentOf(found.doc)]);
      const written = found ? ticketVersion(found.doc) : null;
      if (!this.options.verifyAfterWrite) {
        this.remember(ticketId, written);
        return;
      }
      found = await this.tickets.readSnapshot(ticketId);
      if ((found ? ticketVersion(found.doc) : null) === written) {
        this.remember(ticketId, written);
        return;
      }
    }
    throw new Error(`search index: ticket ${ticketId} kept changing while it was indexed; the event will retry`);
  }

  private remember(ticketId: string, version: string | null): void {
    if (version === null) this.written.delete(ticketId);
    else {
      if (this.written.size >= MAX_REMEMBERED) this.written.clear();
      this.written.set(ticketId, version);
    }
  }

  async documentOf(ticket: TicketSnapshot): Promise<IndexedDocument> {
    return ticketSearchDocument(ticket, await this.entriesOf(ticket.id));
  }

  private async entriesOf(ticketId: string): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<TimelineEntry & StoredDocument>('tickets', {
        partitionKey: ticketId,
        where: [
          { field: 'ticketId', op: 'eq', value: ticketId },
          { field: 'docType', op: 'eq', value: 'entry' },
        ],
        // No ORDER BY seq: the projection sorts by seq itself, and without it SQLite reads the
        // ticket's own partition instead of walking the cross-ticket entry index (118 ms at 20,000
        // tickets, growing with the desk, against 0.05 ms).
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      entries.push(...page.items.map((i) => i.doc));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return entries;
  }

  /**
   * Empties the index and writes every ticket again, oldest first. Events handled meanwhile write
   * their ticket's current state too, so the result is the store's state whatever overlaps.
   */
  async rebuild(progress?: (indexed: number) => void, signal?: AbortSignal): Promise<{ indexed: number }> {
    this.written.clear();
    await this.index.clear();
    let indexed = 0;
    let cursor: string | undefined;
    do {
      if (signal?.aborted) throw new Error('search index rebuild stopped');
      const page = await this.store.query<TicketSnapshot & StoredDocument>('tickets', {
        where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
        orderBy: [{ field: 'createdAt', direction: 'asc' }],
        limit: REBUILD_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const docs: IndexedDocument[] = [];
      const items = page.items.map((i) => i.doc);
      for (let i = 0; i < items.length; i += REBUILD_PARALLEL)
        docs.push(...(await Promise.all(items.slice(i, i + REBUILD_PARALLEL).map((t) => this.documentOf(t)))));
      await this.index.upsert(docs);
      indexed += docs.length;
      progress?.(indexed);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { indexed };
  }
}
