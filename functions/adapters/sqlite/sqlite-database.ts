/**
 * Opens the one SQLite file the local platform keeps its documents in, tuned for a single
 * writer process (WAL, synchronous=NORMAL: a process crash loses nothing, a power cut may lose
 * the last transactions), and brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './migrations.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

/** The better-sqlite3 connection type, named for callers that do not import better-sqlite3. */
export type SqliteDatabase = Database.Database;

/**
 * `filePath` may be ':memory:' for tests; otherwise its folder is created when missing.
 * `migrate: false` opens a file that holds no documents (the search index) without the store's schema.
 */
export function openSqliteDatabase(filePath: string, options: { migrate?: boolean } = {}): SqliteDatabase {
  const inMemory = filePath === ':memory:';
  if (!inMemory) mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath);
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000');
  if (options.migrate !== false) applyMigrations(db);
  if (!inMemory) checkpointInBackground(db, filePath);
  return db;
}

/** Hands WAL checkpoints to a worker thread (see wal-checkpointer.ts); closing the database stops it. */
export function checkpointInBackground(db: SqliteDatabase, filePath: string): void {
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = startWalCheckpointer(filePath, () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  const close = db.close.bind(db);
  db.close = () => {
    checkpointer.stop();
    return close();
  };
}
