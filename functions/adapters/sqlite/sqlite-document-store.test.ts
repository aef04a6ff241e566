import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from './sqlite-database.js';
import { SqliteDocumentStore } from './sqlite-document-store.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function twoConnections() {
  const folder = mkdtempSync(join(tmpdir(), 'itil-sqlite-store-'));
  const file = join(folder, 'documents.db');
  const first = openSqliteDatabase(file);
  const second = openSqliteDatabase(file);
  cleanups.push(() => {
    first.close();
    second.close();
    rmSync(folder, { recursive: true, force: true });
  });
  return [new SqliteDocumentStore(first), new SqliteDocumentStore(second)] as const;
}

const ticket = (status: string) => ({ id: 'T1', docType: 'ticket', ticketId: 'T1', status });

describe('SqliteDocumentStore', () => {
  it('guards writes by etag across two connections to the same file', async () => {
    const [a, b] = twoConnections();
    const [etag] = await a.batch('tickets', 'T1', [{ op: 'create', doc: ticket('open') }]);
    expect((await b.read('tickets', 'T1', 'T1'))?.etag).toBe(etag);
    await b.batch('tickets', 'T1', [{ op: 'replace', doc: ticket('resolved'), ifMatch: etag }]);
    await expect(
      a.batch('tickets', 'T1', [{ op: 'replace', doc: ticket('closed'), ifMatch: etag }]),
    ).rejects.toMatchObject({
      reason: 'etag-mismatch',
    });
    expect((await a.read('tickets', 'T1', 'T1'))?.doc['status']).toBe('resolved');
  });

  it('survives a reopen of the file with its documents and etags', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'itil-sqlite-reopen-'));
    const file = join(folder, 'documents.db');
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const db = openSqliteDatabase(file);
    const [etag] = await new SqliteDocumentStore(db).batch('tickets', 'T1', [{ op: 'create', doc: ticket('open') }]);
    db.close();
    const reopened = openSqliteDatabase(file);
    cleanups.push(() => reopened.close());
    expect(await new SqliteDocumentStore(reopened).read('tickets', 'T1', 'T1')).toEqual({ doc: ticket('open'), etag });
  });

  it('matches contains case-insensitively beyond ASCII', async () => {
    const store = new SqliteDocumentStore(openSqliteDatabase(':memory:'));
    await store.batch('tickets', 'T1', [
      { op: 'create', doc: { ...ticket('open'), title: 'Drucker in MÜNCHEN defekt' } },
    ]);
    const page = await store.query('tickets', {
      where: [{ field: 'title', op: 'contains', value: 'münchen' }],
      limit: 5,
    });
    expect(page.items.map((i) => i.doc.id)).toEqual(['T1']);
  });

  it('commits batches requested in the same turn in one transaction, each batch still atomic', async () => {
    const db = openSqliteDatabase(':memory:');
    cleanups.push(() => db.close());
    const store = new SqliteDocumentStore(db);
    let commits = 0;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (/^\s*COMMIT/i.test(sql)) {
        const run = statement.run.bind(statement);
        statement.run = (...params: unknown[]) => {
          commits++;
          return run(...params);
        };
      }
      return statement;
    }) as typeof db.prepare;
    const note = (id: string, ticketId: string) => ({ id, docType: 'note', ticketId });
    const results = await Promise.allSettled([
      store.batch('tickets', 'T1', [{ op: 'create', doc: ticket('open') }]),
      store.batch('tickets', 'T2', [{ op: 'create', doc: note('n1', 'T2') }]),
      store.batch('tickets', 'T2', [
        { op: 'create', doc: note('n2', 'T2') },
        { op: 'create', doc: note('n1', 'T2') },
      ]),
      // One operation runs without a savepoint: its conflict must not touch the others either.
      store.batch('tickets', 'T1', [{ op: 'create', doc: ticket('open') }]),
      store.batch('tickets', 'T3', [{ op: 'create', doc: note('n3', 'T3') }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(commits).toBe(1);
    expect(await store.read('tickets', 'T2', 'n2')).toBeUndefined();
    expect(await store.read('tickets', 'T2', 'n1')).toBeDefined();
    expect(await store.read('tickets', 'T3', 'n3')).toBeDefined();
  });
});
