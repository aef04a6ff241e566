/**
 * The DocumentStore contract: one suite that every adapter must pass. `makeStore` is called
 * before each test and must return an empty store. Behaviour a stand-in server cannot offer is
 * listed in `gaps`; the affected tests are skipped with the reason in their name.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ConcurrencyConflictError,
  type Condition,
  type DocumentStore,
  InvalidCursorError,
  type OrderBy,
  type QuerySpec,
} from '../../shared/ports/document-store.js';
import { aTicket, ids, queryAll, SEARCHABLE_TICKETS, seed } from './contract-fixtures.js';

export interface StoreGaps {
  /** Why a failing batch may leave earlier operations applied, if it may. */
  readonly nonAtomicBatch?: string;
}

const conflict = (reason: ConcurrencyConflictError['reason']) =>
  expect.objectContaining({ name: 'ConcurrencyConflictError', reason });

export function describeDocumentStoreContract(
  name: string,
  makeStore: () => Promise<DocumentStore>,
  gaps: StoreGaps = {},
): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    describe('writes and reads', () => {
      it('creates a document and reads it back exactly as written, with an etag', async () => {
        const doc = aTicket('T1', { title: 'Printer on fire', requester: { email: 'Ann@Example.com' }, tags: ['a'] });
        const [etag] = await store.batch('tickets', 'T1', [{ op: 'create', doc }]);
        const read = await store.read('tickets', 'T1', 'T1');
        expect(read).toEqual({ doc, etag });
        expect(etag).toMatch(/.+/);
      });

      it('reads a missing document as undefined', async () => {
        await seed(store, [aTicket('T1')]);
        expect(await store.read('tickets', 'T1', 'nope')).toBeUndefined();
        expect(await store.read('tickets', 'T2', 'T1')).toBeUndefined();
      });

      it('replaces with the current etag and refuses a stale one', async () => {
        const [first] = await store.batch('tickets', 'T1', [{ op: 'create', doc: aTicket('T1', { status: 'open' }) }]);
        const [second] = await store.batch('tickets', 'T1', [
          { op: 'replace', doc: aTicket('T1', { status: 'resolved' }), ifMatch: first },
        ]);
        expect(second).not.toBe(first);
        await expect(
          store.batch('tickets', 'T1', [{ op: 'replace', doc: aTicket('T1', { status: 'closed' }), ifMatch: first }]),
        ).rejects.toEqual(conflict('etag-mismatch'));
        expect(await store.read('tickets', 'T1', 'T1')).toEqual({
          doc: aTicket('T1', { status: 'resolved' }),
          etag: second,
        });
      });

      it('refuses to replace a missing document', async () => {
        await expect(store.batch('tickets', 'T9', [{ op: 'replace', doc: aTicket('T9') }])).rejects.toEqual(
          conflict('not-found'),
        );
      });

      it('refuses to create a document that already exists', async () => {
        await seed(store, [aTicket('T1', { status: 'open' })]);
        await expect(store.batch('tickets', 'T1', [{ op: 'create', doc: aTicket('T1') }])).rejects.toBeInstanceOf(
          ConcurrencyConflictError,
        );
        await expect(store.batch('tickets', 'T1', [{ op: 'create', doc: aTicket('T1') }])).rejects.toEqual(
          conflict('already-exists'),
        );
        expect((await store.read('tickets', 'T1', 'T1'))?.doc).toEqual(aTicket('T1', { status: 'open' }));
      });

      it('deletes only with the current etag and reports a missing document', async () => {
        const [etag] = await seed(store, [aTicket('T1')]);
        await expect(store.batch('tickets', 'T1', [{ op: 'delete', id: 'T1', ifMatch: 'stale' }])).rejects.toEqual(
          conflict('etag-mismatch'),
        );
        expect(await store.batch('tickets', 'T1', [{ op: 'delete', id: 'T1', ifMatch: etag }])).toEqual(['']);
        expect(await store.read('tickets', 'T1', 'T1')).toBeUndefined();
        await expect(store.batch('tickets', 'T1', [{ op: 'delete', id: 'T1' }])).rejects.toEqual(conflict('not-found'));
      });

      it('upserts: creates when missing, overwrites when present', async () => {
        const [created] = await store.batch('tickets', 'T1', [
          { op: 'upsert', doc: aTicket('T1', { status: 'open' }) },
        ]);
        const [updated] = await store.batch('tickets', 'T1', [
          { op: 'upsert', doc: aTicket('T1', { status: 'closed' }) },
        ]);
        expect(updated).not.toBe(created);
        expect(await store.read('tickets', 'T1', 'T1')).toEqual({
          doc: aTicket('T1', { status: 'closed' }),
          etag: updated,
        });
      });

      it('keeps containers and partitions apart', async () => {
        await store.batch('directory', 'agents', [{ op: 'create', doc: { id: 'x', docType: 'agent', pk: 'agents' } }]);
        expect(await store.read('config', 'agents', 'x')).toBeUndefined();
        expect(await store.read('directory', 'teams', 'x')).toBeUndefined();
        expect((await store.read('directory', 'agents', 'x'))?.doc).toEqual({
          id: 'x',
          docType: 'agent',
          pk: 'agents',
        });
      });
    });

    describe('batches', () => {
      it('applies several operations in one partition and returns their etags in order', async () => {
        const [oldEtag] = await seed(store, [aTicket('T1', { status: 'open' })]);
        await seed(store, [{ id: 'gone', docType: 'note', ticketId: 'T1' }]);
        const entry = { id: 'e1', docType: 'timeline', ticketId: 'T1', seq: 1 };
        const etags = await store.batch('tickets', 'T1', [
          { op: 'replace', doc: aTicket('T1', { status: 'resolved' }), ifMatch: oldEtag },
          { op: 'create', doc: entry },
          { op: 'upsert', doc: { id: 'o1', docType: 'outbox', ticketId: 'T1' } },
          { op: 'delete', id: 'gone' },
        ]);
        expect(etags).toHaveLength(4);
        expect(etags[3]).toBe('');
        expect(await store.read('tickets', 'T1', 'T1')).toEqual({
          doc: aTicket('T1', { status: 'resolved' }),
          etag: etags[0],
        });
        expect(await store.read('tickets', 'T1', 'e1')).toEqual({ doc: entry, etag: etags[1] });
        expect((await store.read('tickets', 'T1', 'o1'))?.etag).toBe(etags[2]);
        expect(await store.read('tickets', 'T1', 'gone')).toBeUndefined();
      });

      it('reports the reason of the operation that failed inside a batch', async () => {
        await seed(store, [aTicket('T1')]);
        const note = (id: string) => ({ id, docType: 'note', ticketId: 'T1' });
        await expect(
          store.batch('tickets', 'T1', [
            { op: 'create', doc: note('n1') },
            { op: 'create', doc: aTicket('T1') },
          ]),
        ).rejects.toEqual(conflict('already-exists'));
        await expect(
          store.batch('tickets', 'T1', [
            { op: 'create', doc: note('n2') },
            { op: 'replace', doc: aTicket('T1'), ifMatch: 'old' },
          ]),
        ).rejects.toEqual(conflict('etag-mismatch'));
        await expect(
          store.batch('tickets', 'T1', [
            { op: 'create', doc: note('n3') },
            { op: 'delete', id: 'missing' },
          ]),
        ).rejects.toEqual(conflict('not-found'));
      });

      const atomicTitle = gaps.nonAtomicBatch
        ? `a failing batch leaves nothing behind (skipped on ${name}: ${gaps.nonAtomicBatch})`
        : 'a failing batch leaves nothing behind';
      it.skipIf(gaps.nonAtomicBatch !== undefined)(atomicTitle, async () => {
        const [etag] = await seed(store, [aTicket('T1', { status: 'open' })]);
        await expect(
          store.batch('tickets', 'T1', [
            { op: 'replace', doc: aTicket('T1', { status: 'resolved' }), ifMatch: etag },
            { op: 'create', doc: { id: 'e1', docType: 'timeline', ticketId: 'T1' } },
            { op: 'create', doc: aTicket('T1') },
          ]),
        ).rejects.toEqual(conflict('already-exists'));
        expect(await store.read('tickets', 'T1', 'T1')).toEqual({ doc: aTicket('T1', { status: 'open' }), etag });
        expect(await store.read('tickets', 'T1', 'e1')).toBeUndefined();
      });
    });

    describe('queries', () => {
      beforeEach(async () => {
        await seed(store, SEARCHABLE_TICKETS);
      });
      const find = async (...where: Condition[]) =>
        ids(
          await store.query('tickets', {
            where: [{ field: 'docType', op: 'eq', value: 'ticket' }, ...where],
            limit: 100,
          }),
        );

      it.each<[string, Condition, string[]]>([
        ['eq', { field: 'status', op: 'eq', value: 'open' }, ['A', 'B', 'D']],
        ['ne', { field: 'status', op: 'ne', value: 'open' }, ['C', 'E']],
        ['lt', { field: 'seq', op: 'lt', value: 3 }, ['A', 'B']],
        ['lte', { field: 'seq', op: 'lte', value: 3 }, ['A', 'B', 'C']],
        ['gt', { field: 'updatedAt', op: 'gt', value: '2024-01-03' }, ['D', 'E']],
        ['gte', { field: 'updatedAt', op: 'gte', value: '2024-01-03' }, ['C', 'D', 'E']],
        ['in', { field: 'priority', op: 'in', values: ['p1', 'p3'] }, ['A', 'B', 'E']],
        ['in with null', { field: 'ownerId', op: 'in', values: ['bob', null] }, ['A', 'B', 'C', 'E']],
        ['isNull (null or missing)', { field: 'ownerId', op: 'isNull' }, ['A', 'B']],
        ['eq null behaves like isNull', { field: 'ownerId', op: 'eq', value: null }, ['A', 'B']],
        ['notNull', { field: 'ownerId', op: 'notNull' }, ['C', 'D', 'E']],
        ['contains, case-insensitive', { field: 'title', op: 'contains', value: 'PRINTER' }, ['A', 'D']],
        ['contains takes % and _ literally', { field: 'title', op: 'contains', value: '100%_' }, ['E']],
        ['nested field', { field: 'requester.email', op: 'eq', value: 'ann@example.com' }, ['A', 'C']],
        ['boolean field', { field: 'vip', op: 'eq', value: true }, ['B']],
        [
          'anyOf',
          {
            anyOf: [
              { field: 'priority', op: 'eq', value: 'p1' },
              { field: 'ownerId', op: 'eq', value: 'carol' },
            ],
          },
          ['A', 'D'],
        ],
      ])('filters with %s', async (_label, condition, expected) => {
        expect((await find(condition)).sort()).toEqual(expected);
      });

      it('combines conditions with AND', async () => {
        expect(await find({ field: 'status', op: 'eq', value: 'open' }, { field: 'ownerId', op: 'isNull' })).toEqual([
          'A',
          'B',
        ]);
      });

      it('keeps a partition-scoped query inside its partition', async () => {
        const entries = [1, 2, 3].flatMap((seq) => [
          { id: `a${seq}`, docType: 'timeline', ticketId: 'A', seq },
          { id: `b${seq}`, docType: 'timeline', ticketId: 'B', seq },
        ]);
        await seed(store, entries);
        const page = await store.query('tickets', {
          partitionKey: 'A',
          where: [{ field: 'docType', op: 'eq', value: 'timeline' }],
          orderBy: [{ field: 'seq', direction: 'desc' }],
          limit: 10,
        });
        expect(ids(page)).toEqual(['a3', 'a2', 'a1']);
        expect(page.nextCursor).toBeNull();
      });

      it('orders by the given fields and breaks ties by id', async () => {
        const order = async (orderBy: OrderBy[]) =>
          ids(
            await store.query('tickets', {
              where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
              orderBy,
              limit: 10,
            }),
          );
        expect(await order([{ field: 'priority', direction: 'asc' }])).toEqual(['A', 'C', 'D', 'B', 'E']);
        expect(await order([{ field: 'priority', direction: 'desc' }])).toEqual(['E', 'B', 'D', 'C', 'A']);
        expect(await order([{ field: 'updatedAt', direction: 'desc' }])).toEqual(['E', 'D', 'C', 'B', 'A']);
        expect(
          await order([
            { field: 'priority', direction: 'asc' },
            { field: 'updatedAt', direction: 'desc' },
          ]),
        ).toEqual(['A', 'D', 'C', 'E', 'B']);
      });
    });

    describe('pagination', () => {
      const spec = (extra: Partial<QuerySpec> = {}): QuerySpec => ({
        where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
        orderBy: [{ field: 'updatedAt', direction: 'desc' }],
        limit: 10,
        ...extra,
      });
      // 25 tickets, updatedAt in 5 groups of equal values, so pages cut through ties.
      const many = Array.from({ length: 25 }, (_, i) =>
        aTicket(`T${String(i).padStart(2, '0')}`, { updatedAt: `2024-02-0${1 + (i % 5)}`, priority: `p${i % 3}` }),
      );

      it('returns every document exactly once, in order, across pages', async () => {
        await seed(store, many);
        const pages = await queryAll(store, 'tickets', spec());
        expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
        const expected = [...many]
          .sort((a, b) => compare(b.updatedAt, a.updatedAt) || compare(b.id, a.id))
          .map((d) => d.id);
        expect(pages.flat()).toEqual(expected);
      });

      it('pages with mixed sort directions', async () => {
        await seed(store, many);
        const orderBy: OrderBy[] = [
          { field: 'priority', direction: 'asc' },
          { field: 'updatedAt', direction: 'desc' },
        ];
        const pages = await queryAll(store, 'tickets', spec({ orderBy, limit: 4 }));
        const expected = [...many]
          .sort((a, b) => compare(a.priority, b.priority) || compare(b.updatedAt, a.updatedAt) || compare(b.id, a.id))
          .map((d) => d.id);
        expect(pages.flat()).toEqual(expected);
      });

      it('rejects a cursor from another query and a garbage cursor', async () => {
        await seed(store, many);
        const first = await store.query('tickets', spec());
        expect(first.nextCursor).not.toBeNull();
        const cursor = first.nextCursor!;
        await expect(
          store.query('tickets', spec({ cursor, where: [{ field: 'docType', op: 'eq', value: 'timeline' }] })),
        ).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(
          store.query('tickets', spec({ cursor, orderBy: [{ field: 'updatedAt', direction: 'asc' }] })),
        ).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(store.query('tickets', spec({ cursor: 'not-a-cursor' }))).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(store.query('tickets', spec({ cursor: `${cursor}x` }))).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(store.query('tickets', spec({ cursor: cursor.slice(0, -6) }))).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        expect(ids(await store.query('tickets', spec({ cursor, limit: 10 })))).toHaveLength(10);
      });
    });
  });
}

const compare = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
