/**
 * DocumentStore contract, part 2: queries (every operator, partition scope, ordering with
 * ties) and cursor pagination. Called from document-store-contract.ts with the store under test.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type Condition,
  type DocumentStore,
  InvalidCursorError,
  type OrderBy,
  type QuerySpec,
} from '../../shared/ports/document-store.js';
import { aTicket, ids, queryAll, SEARCHABLE_TICKETS, seed } from './contract-fixtures.js';

export function describeQueryContract(storeUnderTest: () => DocumentStore): void {
  let store: DocumentStore;
  beforeEach(() => {
    store = storeUnderTest();
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
      ['eq on the partition key field', { field: 'ticketId', op: 'eq', value: 'C' }, ['C']],
      ['in on id', { field: 'id', op: 'in', values: ['A', 'E', 'Z'] }, ['A', 'E']],
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
      await expect(store.query('tickets', spec({ cursor: 'not-a-cursor' }))).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.query('tickets', spec({ cursor: `${cursor}x` }))).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.query('tickets', spec({ cursor: cursor.slice(0, -6) }))).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
      expect(ids(await store.query('tickets', spec({ cursor, limit: 10 })))).toHaveLength(10);
    });
  });
}

const compare = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
