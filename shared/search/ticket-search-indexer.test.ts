import { beforeEach, describe, expect, it } from 'vitest';
import { SqliteFtsIndex } from '../../functions/adapters/search/sqlite-fts-index.js';
import { openSqliteDatabase } from '../../functions/adapters/sqlite/sqlite-database.js';
import { aTicket } from '../../tests/builders/index.js';
import { fixedClock } from '../../tests/builders/time-and-ids.js';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { StoredDocument } from '../ports/document-store.js';
import type { IndexedDocument, SearchIndex, SearchRequest } from '../ports/search-index.js';
import { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import { entryId, type TimelineEntry } from '../timeline/timeline-entry.js';
import { parseQuery } from './search-query.js';
import { SearchRebuild } from './search-rebuild.js';
import { TICKET_QUERY_PREFIXES, TICKET_SEARCH_SCHEMA } from './ticket-search-document.js';
import { TicketSearchIndexer } from './ticket-search-indexer.js';

/** The SQLite index, counting the documents it was asked to write. */
class CountingIndex extends SqliteFtsIndex {
  writes = 0;
  override upsert(docs: readonly IndexedDocument[]): Promise<void> {
    this.writes += docs.length;
    return super.upsert(docs);
  }
}

const stored = (doc: TicketSnapshot | TimelineEntry): StoredDocument => doc as unknown as StoredDocument;

/** The index with a hook after each upsert (another writer, a crash point). */
const afterUpsert = (index: SearchIndex, hook: () => Promise<void> | void): SearchIndex => ({
  schema: index.schema,
  ensure: () => index.ensure(),
  upsert: async (docs) => {
    await index.upsert(docs);
    await hook();
  },
  remove: (ids) => index.remove(ids),
  search: (request) => index.search(request),
  count: () => index.count(),
  clear: () => index.clear(),
});

const note = (ticketId: string, seq: number, body: string, visibility: 'internal' | 'public' = 'internal') =>
  ({
    id: entryId(ticketId, seq),
    ticketId,
    docType: 'entry',
    seq,
    kind: 'note',
    at: '2025-03-03T09:00:00.000Z',
    author: { kind: 'system', name: 'test' },
    visibility,
    body,
    assistId: null,
    data: {},
  }) satisfies TimelineEntry;

const event = (ticketId: string, id = `ev_${ticketId}`): DomainEvent => ({
  id,
  type: 'ticket.note_added',
  ticketId,
  occurredAt: '2025-03-03T09:00:00.000Z',
  actor: { kind: 'system', name: 'test' },
  data: {},
});

describe('TicketSearchIndexer', () => {
  let store: InMemoryDocumentStore;
  let index: CountingIndex;
  let indexer: TicketSearchIndexer;

  const ids = async (q: string): Promise<string[]> => {
    const parsed = parseQuery(q, TICKET_QUERY_PREFIXES);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const request: SearchRequest = { query: parsed.value, audience: 'agent', filters: [], limit: 50, offset: 0 };
    return (await index.search(request)).hits.map((h) => h.id);
  };

  const save = async (ticket: TicketSnapshot, entries: TimelineEntry[] = []) => {
    const current = await store.read('tickets', ticket.id, ticket.id);
    await store.batch('tickets', ticket.id, [
      current ? { op: 'replace', doc: stored(ticket) } : { op: 'create', doc: stored(ticket) },
      ...entries.map((doc) => ({ op: 'upsert' as const, doc: stored(doc) })),
    ]);
  };

  const ticket = (id: string, number: string, fields: Partial<TicketSnapshot> = {}) =>
    aTicket().withId(id, number).with(fields).snapshot().ticket;

  beforeEach(() => {
    store = new InMemoryDocumentStore();
    index = new CountingIndex(openSqliteDatabase(':memory:', { migrate: false }), TICKET_SEARCH_SCHEMA, true);
    indexer = new TicketSearchIndexer(store, new TicketRepository(store), index);
  });

  it('indexes the ticket and its timeline as the store holds them when an event arrives', async () => {
    await save(ticket('t_a', 'INC-2001', { title: 'Badge reader broken' }), [note('t_a', 1, 'wiring fault in lobby')]);
    await indexer.handle(event('t_a'));
    expect(await ids('badge')).toEqual(['t_a']);
    expect(await ids('wiring lobby')).toEqual(['t_a']);
  });

  it('writes each ticket version once, however often its events are delivered', async () => {
    await save(ticket('t_a', 'INC-2001', { title: 'Badge reader broken' }));
    await indexer.handle(event('t_a', 'ev_1'));
    await indexer.handle(event('t_a', 'ev_1'));
    await indexer.handle(event('t_a', 'ev_2'));
    expect(index.writes).toBe(1);
    await save(
      ticket('t_a', 'INC-2001', { title: 'Badge reader fixed', lastSeq: 2, updatedAt: '2025-03-04T00:00:00.000Z' }),
    );
    await Promise.all([indexer.handle(event('t_a', 'ev_3')), indexer.handle(event('t_a', 'ev_4'))]);
    expect(index.writes).toBe(2);
    expect(await ids('fixed')).toEqual(['t_a']);
    expect(await ids('broken')).toEqual([]);
  });

  it('writes the newest state whatever order late events arrive in, and removes a ticket the store lost', async () => {
    await save(ticket('t_a', 'INC-2001', { title: 'old words' }));
    await save(ticket('t_a', 'INC-2001', { title: 'new words', lastSeq: 5, updatedAt: '2025-03-05T00:00:00.000Z' }));
    await indexer.handle(event('t_a', 'ev_late_old'));
    expect(await ids('new')).toEqual(['t_a']);
    expect(await ids('old')).toEqual([]);
    await store.batch('tickets', 't_a', [{ op: 'delete', id: 't_a' }]);
    await indexer.handle(event('t_a', 'ev_after_delete'));
    expect(await index.count()).toBe(0);
  });

  it('with verifyAfterWrite, writes again when the ticket moved on during the write', async () => {
    let moved = false;
    const racing = afterUpsert(index, async () => {
      if (moved) return;
      moved = true; // another instance saves the ticket while this one writes
      await save(ticket('t_a', 'INC-2001', { title: 'second', lastSeq: 9, updatedAt: '2025-03-09T00:00:00.000Z' }));
    });
    const verifying = new TicketSearchIndexer(store, new TicketRepository(store), racing, { verifyAfterWrite: true });
    await save(ticket('t_a', 'INC-2001', { title: 'first' }));
    await verifying.handle(event('t_a'));
    expect(await ids('second')).toEqual(['t_a']);
    expect(index.writes).toBe(2);
  });
});

describe('SearchRebuild', () => {
  let store: InMemoryDocumentStore;
  let index: SqliteFtsIndex;
  const clock = fixedClock();

  const seed = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const t = aTicket()
        .withId(`t_${String(i).padStart(4, '0')}`, `INC-${3000 + i}`)
        .with({ title: `seeded ticket ${i}`, createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() })
        .snapshot().ticket;
      await store.batch('tickets', t.id, [{ op: 'create', doc: stored(t) }]);
    }
  };
  const rebuildOf = (onIndex?: () => void) => {
    const tickets = new TicketRepository(store);
    const counted = afterUpsert(index, () => onIndex?.());
    return new SearchRebuild(store, counted, new TicketSearchIndexer(store, tickets, counted), clock);
  };

  beforeEach(() => {
    store = new InMemoryDocumentStore();
    index = SqliteFtsIndex.inMemory(TICKET_SEARCH_SCHEMA);
  });

  it('rebuilds an empty index when the store holds tickets, and leaves an index in step alone', async () => {
    const rebuild = rebuildOf();
    expect(await rebuild.reason()).toBeUndefined();
    await seed(3);
    expect(await rebuild.reason()).toMatch(/empty/);
    const running = rebuild.startIfNeeded(() => {});
    await running.done;
    expect(await index.count()).toBe(3);
    expect(await rebuild.reason()).toBeUndefined();
  });

  it('takes up, after a restart, a rebuild that was cut off half-way', async () => {
    await seed(450); // three pages of 200
    let pages = 0;
    const first = rebuildOf(() => {
      pages++;
    });
    const running = first.startIfNeeded(() => {});
    while (pages === 0) await new Promise((r) => setTimeout(r, 1));
    await running.stop(); // the process stops (or dies) after its first page
    expect(await index.count()).toBeGreaterThan(0);
    expect(await index.count()).toBeLessThan(450);
    const second = rebuildOf(); // the next start
    expect(await second.reason()).toMatch(/did not finish/);
    await second.startIfNeeded(() => {}).done;
    expect(await index.count()).toBe(450);
    expect(await second.reason()).toBeUndefined();
  });

  it('joins a rebuild already running instead of starting a second one', async () => {
    await seed(5);
    const rebuild = rebuildOf();
    const [a, b] = await Promise.all([rebuild.run(), rebuild.run()]);
    expect(a).toBe(b);
    expect(a.indexed).toBe(5);
  });
});
