/**
 * Versioned schema migrations, applied in order when a database is opened and recorded in
 * `schema_migrations(version, name, applied_at)`.
 *
 * How to change the schema: when shared/storage/containers.ts changes (a new container, indexed
 * field or composite index), append a step with the next version whose `up` calls
 * `syncContainerSchema(db, <frozen copy of the new definitions>)` (copy schema-v1.ts to
 * schema-vN.ts). Never edit a shipped step. The test "matches CONTAINERS after all migrations"
 * in migrations.test.ts fails until the newest step reflects CONTAINERS.
 */
import type Database from 'better-sqlite3';
import { syncContainerSchema } from './container-schema.js';
import { CONTAINERS_V1 } from './schema-v1.js';
import { CONTAINERS_V2 } from './schema-v2.js';
import { CONTAINERS_V3 } from './schema-v3.js';
import { CONTAINERS_V4 } from './schema-v4.js';
import { CONTAINERS_V5 } from './schema-v5.js';
import { CONTAINERS_V6 } from './schema-v6.js';
import { CONTAINERS_V7 } from './schema-v7.js';
import { CONTAINERS_V8 } from './schema-v8.js';
import { CONTAINERS_V9 } from './schema-v9.js';
import { CONTAINERS_V10 } from './schema-v10.js';
import { CONTAINERS_V11 } from './schema-v11.js';
import { CONTAINERS_V12 } from './schema-v12.js';
import { CONTAINERS_V13 } from './schema-v13.js';
import { CONTAINERS_V14 } from './schema-v14.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'create-container-tables', up: (db) => syncContainerSchema(db, CONTAINERS_V1) },
  { version: 2, name: 'add-mail-container', up: (db) => syncContainerSchema(db, CONTAINERS_V2) },
  { version: 3, name: 'index-ticket-sla-fields', up: (db) => syncContainerSchema(db, CONTAINERS_V3) },
  { version: 4, name: 'partial-indexes-by-document-type', up: (db) => syncContainerSchema(db, CONTAINERS_V4) },
  { version: 5, name: 'index-notification-time', up: (db) => syncContainerSchema(db, CONTAINERS_V5) },
  { version: 6, name: 'add-cmdb-container', up: (db) => syncContainerSchema(db, CONTAINERS_V6) },
  { version: 7, name: 'customer-directory', up: (db) => syncContainerSchema(db, CONTAINERS_V7) },
  { version: 8, name: 'ticket-ci-links-and-ci-filters', up: (db) => syncContainerSchema(db, CONTAINERS_V8) },
  { version: 9, name: 'reports-read-model', up: (db) => syncContainerSchema(db, CONTAINERS_V9) },
  { version: 10, name: 'changes-container', up: (db) => syncContainerSchema(db, CONTAINERS_V10) },
  { version: 11, name: 'problems-container', up: (db) => syncContainerSchema(db, CONTAINERS_V11) },
  { version: 12, name: 'change-approval-index', up: (db) => syncContainerSchema(db, CONTAINERS_V12) },
  { version: 13, name: 'change-slots-and-windows', up: (db) => syncContainerSchema(db, CONTAINERS_V13) },
  { version: 14, name: 'known-error-container', up: (db) => syncContainerSchema(db, CONTAINERS_V14) },
];

/** Applies the missing steps, each in its own IMMEDIATE transaction so two processes cannot race. */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      migration.up(db);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}
