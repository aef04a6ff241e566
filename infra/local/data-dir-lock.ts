/**
 * One local consumer process per data folder. `npm start` takes DATA_DIR/owner.lock before it
 * touches anything else there, and holds it until it exits; a second `npm start` on the same
 * folder stops with one line naming the owner. Holding the lock is what allows the local platform
 * to release, at start, the queue leases of earlier runs (ADR 0012): no live process holds them.
 *
 * Why an SQLite exclusive lock rather than proper-lockfile or a pid file: the lock is the kernel's
 * (fcntl on Linux and macOS, LockFileEx on Windows), taken by better-sqlite3 which the local
 * platform already uses, and the kernel drops it the moment its process dies, even by SIGKILL.
 * - proper-lockfile (4.1.2, 2021) judges a lock stale by its mtime, refreshed by a timer: after a
 *   SIGKILL a restart has to wait out `stale` (at least 2 s, 10 s by default), and an event loop
 *   blocked longer than `stale` lets a second process take a lock that is still held.
 * - An O_EXCL pid file needs a guess whether the pid still names our process (pids are reused,
 *   quickly in containers) and a careful dance to replace a stale file without a race.
 * The pid in DATA_DIR/owner.pid is only written for the message; the lock never depends on it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    const owner = readOwnerPid(dataDir);
    super(
      `DATA_DIR ${dataDir} is in use by another ITIL-NEXT process${owner ? ` (pid ${owner})` : ''}: stop it first, or start with another DATA_DIR.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  /** Gives the folder up (on a clean shutdown; dying gives it up too). */
  release(): void;
}

const readOwnerPid = (dataDir: string): string | undefined => {
  try {
    return readFileSync(join(dataDir, 'owner.pid'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
};

/** Takes the data folder's lock or throws DataDirInUseError at once (it never waits). */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const folder = resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const db = new Database(join(folder, 'owner.lock'), { timeout: 0 });
  try {
    // Held for the life of the process: the transaction is never committed.
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir);
    throw error;
  }
  writeFileSync(join(folder, 'owner.pid'), `${process.pid}\n`);
  let held = true;
  return {
    dataDir,
    release() {
      if (!held) return;
      held = false;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
