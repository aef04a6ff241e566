/**
 * Moves SQLite's WAL checkpoints off the event loop. With `synchronous = NORMAL` a commit only
 * appends to the WAL (durable against a process crash); the fsyncs happen at checkpoints, which
 * SQLite otherwise runs inside whichever commit crosses the WAL size limit, stalling every request
 * behind it. Here the writer connection never checkpoints (`wal_autocheckpoint = 0`) and a worker
 * thread with its own connection checkpoints (PASSIVE: never blocks writers) a few times a second.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.filePath);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch {} };
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /**
   * Asks the worker to run a last checkpoint and close its connection, and waits (at most two
   * seconds) until it has: the database files must not change after the owner closed them.
   */
  stop(): void;
}

/** `onFailure` runs if the worker dies, so the caller can fall back to inline checkpoints. */
export function startWalCheckpointer(filePath: string, onFailure: () => void, everyMs = 200): WalCheckpointer {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filePath, modulePath, everyMs, closed } });
  worker.unref();
  worker.once('error', onFailure);
  return {
    stop() {
      worker.postMessage('stop');
      Atomics.wait(closed, 0, 0, 2_000);
    },
  };
}
