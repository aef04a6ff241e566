import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTAINERS } from '../../../shared/storage/containers.js';
import { schemaDrift, syncContainerSchema, tableName } from './container-schema.js';
import { applyMigrations, MIGRATIONS } from './migrations.js';
import { openSqliteDatabase } from './sqlite-database.js';
import { SqliteDocumentStore } from './sqlite-document-store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const tempFile = () => {
  const folder = mkdtempSync(join(tmpdir(), 'itil-migrations-'));
  folders.push(folder);
  return join(folder, 'nested', 'documents.db');
};

describe('SQLite migrations', () => {
  it('records every migration version once, even when the file is opened twice', () => {
    const file = tempFile();
    openSqliteDatabase(file).close();
    const db = openSqliteDatabase(file);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(applyMigrations(db)).toEqual([]);
    db.close();
  });

  it('opens the file in WAL mode with synchronous NORMAL', () => {
    const db = openSqliteDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('matches CONTAINERS after all migrations (add a migration when this fails)', () => {
    const db = openSqliteDatabase(':memory:');
    expect(schemaDrift(db, Object.values(CONTAINERS))).toEqual([]);
    for (const def of Object.values(CONTAINERS)) {
      const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
      expect(table.get(tableName(def))).toBe(tableName(def));
    }
    db.close();
  });

  it('reports drift and a sync step repairs it', () => {
    const db = new Database(':memory:');
    applyMigrations(db);
    const changed = {
      ...CONTAINERS.directory,
      indexedFields: [...CONTAINERS.directory.indexedFields, { path: 'profile.locale', kind: 'text' as const }],
      compositeIndexes: [
        [
          { path: 'docType', direction: 'asc' as const },
          { path: 'email', direction: 'asc' as const },
        ],
      ],
    };
    expect(schemaDrift(db, [changed])).toEqual([
      'missing column doc_directory.f_profile__locale',
      'missing index ix_doc_directory__f_docType__f_email__id',
      'missing index ix_doc_directory__f_profile__locale',
      'obsolete index ix_doc_directory__f_docType',
      'obsolete index ix_doc_directory__f_email',
    ]);
    syncContainerSchema(db, [changed]);
    expect(schemaDrift(db, [changed])).toEqual([]);
    db.close();
  });

  it('keeps entries and outbox events out of the ticket indexes (partial indexes by document type)', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = new SqliteDocumentStore(db);
    await store.batch('tickets', 'T1', [
      { op: 'create', doc: { id: 'T1', ticketId: 'T1', docType: 'ticket', status: 'open', number: 'INC-1' } },
      { op: 'create', doc: { id: 'e1', ticketId: 'T1', docType: 'entry', seq: 1 } },
      { op: 'create', doc: { id: 'o1', ticketId: 'T1', docType: 'outbox' } },
    ]);
    // ANALYZE records each index's row count (the first number of sqlite_stat1.stat).
    db.exec('ANALYZE');
    const rowsIn = (index: string) =>
      Number((db.prepare('SELECT stat FROM sqlite_stat1 WHERE idx = ?').pluck().get(index) as string).split(' ')[0]);
    const sql = (index: string) =>
      db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(index) as string;
    const byStatus = 'ix_doc_tickets__f_docType__f_status__f_ownerId__f_updatedAt_desc__id_desc__for_ticket';
    expect(sql(byStatus)).toContain(`WHERE "f_docType" = 'ticket'`);
    expect(rowsIn(byStatus)).toBe(1);
    expect(sql('ix_doc_tickets__f_number__present')).toContain('WHERE "f_number" IS NOT NULL');
    expect(rowsIn('ix_doc_tickets__f_docType__f_seq__id__for_entry')).toBe(1);
    expect(rowsIn('ix_doc_tickets__f_docType__f_updatedAt_desc__id_desc')).toBe(3);
    db.close();
  });
});
