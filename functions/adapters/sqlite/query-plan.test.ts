/**
 * With 100,000 ticket documents the list queries must walk an index, not scan or sort the
 * table. Timing belongs to the benchmarks; this checks the plans (and that pages are right).
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuerySpec } from '../../../shared/ports/document-store.js';
import { buildQuery, type TableShape } from './query-translation.js';
import { openSqliteDatabase } from './sqlite-database.js';
import { SqliteDocumentStore } from './sqlite-document-store.js';

const ROWS = 100_000;
const STATUSES = ['open', 'pending', 'resolved', 'closed'];

const unassignedOpen: QuerySpec = {
  where: [
    { field: 'docType', op: 'eq', value: 'ticket' },
    { field: 'status', op: 'eq', value: 'open' },
    { field: 'ownerId', op: 'isNull' },
  ],
  orderBy: [{ field: 'updatedAt', direction: 'desc' }],
  limit: 50,
};

describe('SqliteDocumentStore with 100k tickets', () => {
  let db: Database.Database;
  let store: SqliteDocumentStore;
  let shape: TableShape;

  beforeAll(() => {
    db = openSqliteDatabase(':memory:');
    store = new SqliteDocumentStore(db);
    const insert = db.prepare('INSERT INTO doc_tickets (pk, id, etag, body) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < ROWS; i += 1) {
        const id = `T${i}`;
        const doc = {
          id,
          docType: 'ticket',
          ticketId: id,
          status: STATUSES[i % 4],
          ownerId: i % 3 === 0 ? null : `agent-${i % 50}`,
          teamId: `team-${i % 10}`,
          priority: `p${i % 4}`,
          updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        };
        insert.run(id, id, 'e', JSON.stringify(doc));
      }
    })();
    const columns = db.prepare('PRAGMA table_xinfo(doc_tickets)').all() as { name: string }[];
    shape = { table: 'doc_tickets', pkField: 'ticketId', columns: new Set(columns.map((c) => c.name)) };
  });
  afterAll(() => db.close());

  const plan = (spec: QuerySpec, after?: { values: string[]; id: string }) => {
    const { sql, params } = buildQuery(shape, spec, after);
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  };

  it('serves the unassigned-open queue from the composite index without sorting', () => {
    const detail = plan(unassignedOpen);
    expect(detail).toMatch(/USING (COVERING )?INDEX ix_doc_tickets__f_docType__f_status__f_ownerId__f_updatedAt_desc/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('keeps using the index on later pages', () => {
    const detail = plan(unassignedOpen, { values: ['2024-02-01T00:00:00.000Z'], id: 'T5' });
    // The keyset bound is part of the index search, so deep pages cost the same as the first.
    expect(detail).toMatch(
      /USING INDEX ix_doc_tickets__f_docType__f_status__f_ownerId__f_updatedAt_desc.*\(f_updatedAt,id\)<\(\?,\?\)/,
    );
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('seeks into the index on later pages of a mixed-direction order', () => {
    const detail = plan(
      {
        where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
        orderBy: [
          { field: 'priority', direction: 'asc' },
          { field: 'updatedAt', direction: 'desc' },
        ],
        limit: 50,
      },
      { values: ['p1', '2024-02-01'], id: 'T5' },
    );
    expect(detail).toMatch(/USING INDEX ix_doc_tickets__f_docType__f_priority__f_updatedAt_desc.*f_priority>\?/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('serves a team queue from its composite index', () => {
    const detail = plan({
      where: [
        { field: 'docType', op: 'eq', value: 'ticket' },
        { field: 'teamId', op: 'eq', value: 'team-3' },
        { field: 'status', op: 'eq', value: 'open' },
      ],
      orderBy: [{ field: 'updatedAt', direction: 'desc' }],
      limit: 50,
    });
    expect(detail).toMatch(/USING INDEX ix_doc_tickets__f_docType__f_teamId__f_status__f_updatedAt_desc/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('returns the newest unassigned open tickets, page after page', async () => {
    const first = await store.query('tickets', unassignedOpen);
    const second = await store.query('tickets', { ...unassignedOpen, cursor: first.nextCursor! });
    const all = [...first.items, ...second.items].map((i) => i.doc);
    expect(all).toHaveLength(100);
    expect(all.every((d) => d['status'] === 'open' && d['ownerId'] === null)).toBe(true);
    const stamps = all.map((d) => String(d['updatedAt']));
    expect(stamps).toEqual([...stamps].sort().reverse());
    // Tickets i = 0 mod 12 are open and unowned; the newest is the largest such i below ROWS.
    expect(all[0]?.id).toBe(`T${Math.floor((ROWS - 1) / 12) * 12}`);
  });
});
