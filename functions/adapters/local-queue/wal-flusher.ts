/**
 * Flushes an SQLite WAL file to the disk off the main thread. A commit under WAL +
 * synchronous=NORMAL has written its frames to the OS; an fsync of the WAL file afterwards makes
 * them as durable as synchronous=FULL would, but in libuv's thread pool, so a burst of webhook
 * answers never waits ~0.7 ms per commit on the event loop. Requests coalesce: one fsync covers
 * every commit made before it started, and at most one more is queued behind a running one.
 */
import { close, fsync, open } from 'node:fs';

export type SyncFile = (path: string) => Promise<void>;

export const fsyncFile: SyncFile = (path) =>
  new Promise((resolve, reject) =>
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      fsync(fd, (syncError) =>
        close(fd, (closeError) => ((syncError ?? closeError) ? reject(syncError ?? closeError) : resolve())),
      );
    }),
  );

export class WalFlusher {
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  constructor(
    private readonly walPath: string,
    private readonly syncFile: SyncFile = fsyncFile,
  ) {}

  /** Resolves once everything committed before this call is on the disk. */
  flush(): Promise<void> {
    if (!this.#running) return this.#start();
    // The running fsync may have begun before the caller's commit: one more after it covers it.
    this.#queued ??= this.#running.then(
      () => this.#next(),
      () => this.#next(),
    );
    return this.#queued;
  }

  #next(): Promise<void> {
    this.#queued = undefined;
    return this.#start();
  }

  #start(): Promise<void> {
    const run = this.syncFile(this.walPath).finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }
}
