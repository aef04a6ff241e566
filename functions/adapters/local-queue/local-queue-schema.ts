/**
 * Versioned schema of the durable local queue. It keeps its own version table (not
 * `PRAGMA user_version`) so the queue can share a database file with other stores safely.
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  // v1
  `CREATE TABLE local_queue_messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     queue TEXT NOT NULL,
     id TEXT NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL,
     deliver_at TEXT,
     enqueued_at INTEGER NOT NULL,
     available_at INTEGER NOT NULL,
     delivery_count INTEGER NOT NULL DEFAULT 0,
     locked_until INTEGER,
     lock_token TEXT,
     last_error TEXT,
     dead_lettered_at INTEGER,
     completed_at INTEGER,
     UNIQUE (queue, id)
   );
   CREATE INDEX local_queue_ready ON local_queue_messages (queue, available_at)
     WHERE completed_at IS NULL AND dead_lettered_at IS NULL;
   CREATE INDEX local_queue_dead ON local_queue_messages (queue, dead_lettered_at)
     WHERE dead_lettered_at IS NOT NULL;
   CREATE INDEX local_queue_completed ON local_queue_messages (completed_at)
     WHERE completed_at IS NOT NULL;`,
];

export const LOCAL_QUEUE_SCHEMA_VERSION = MIGRATIONS.length;

export function migrateLocalQueue(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS local_queue_schema (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM local_queue_schema').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(`Local queue schema v${current} is newer than this code (v${MIGRATIONS.length})`);
  }
  if (current === MIGRATIONS.length) return;
  db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.prepare('DELETE FROM local_queue_schema').run();
    db.prepare('INSERT INTO local_queue_schema (version) VALUES (?)').run(MIGRATIONS.length);
  }).immediate();
}
