/**
 * The durable local queue: MessageBus + DeadLetterQueue over a SQLite file, with the
 * Service Bus semantics the handlers rely on — duplicate detection by message id, scheduled
 * delivery, peek-lock leases (an expired lock = crashed consumer = redelivery, so at-least-once),
 * retries and dead-lettering after `maxDeliveries`.
 *
 * Each instance is one run with its own id, written into every lock token it hands out. A run
 * that died (SIGKILL, power cut) leaves its leases behind; the next run of the data folder's one
 * owner releases them at start (`releaseEarlierRuns`, ADR 0012) instead of waiting for the locks
 * to expire. Publishes to the queues named in `flushQueues` (mail that a sender was told we
 * accepted) resolve once the WAL is fsync'ed; other writes ride on WAL + synchronous=NORMAL like
 * the document store, which survives a process crash but not a power cut.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  type BusMessage,
  type DeadLetter,
  type DeadLetterQueue,
  type MessageBus,
  QUEUE_NAMES,
  type QueueMonitor,
  type QueueName,
  type QueueStats,
} from '../../../shared/ports/message-bus.js';
import { checkpointInBackground } from '../sqlite/sqlite-database.js';
import { migrateLocalQueue } from './local-queue-schema.js';
import { localQueueStats } from './local-queue-stats.js';
import { type SyncFile, WalFlusher } from './wal-flusher.js';

export interface LocalQueueOptions {
  /** Deliveries before a failing message is dead-lettered (Service Bus: maxDeliveryCount). */
  readonly maxDeliveries?: number;
  /** How long a completed message id still counts as a duplicate (Service Bus default: 10 min). */
  readonly dedupeWindowMs?: number;
  readonly now?: () => Date;
  /** This run's id (default: a fresh UUID); it prefixes every lock token this instance hands out. */
  readonly runId?: string;
  /**
   * Queues whose publishes resolve only once the commit is fsync'ed (the WAL file, off the main
   * thread: WalFlusher): those whose publisher answers an outside sender (`250`, `202`) on the
   * strength of it. Concurrent publishes share one fsync (~0.7 ms here).
   */
  readonly flushQueues?: readonly QueueName[];
  /** How the WAL is fsync'ed (tests observe it); default a real fsync. */
  readonly syncFile?: SyncFile;
}

export interface ReceivedMessage {
  readonly queue: QueueName;
  readonly message: BusMessage;
  readonly deliveryCount: number;
  readonly lockToken: string;
  readonly lockedUntil: Date;
}

export interface ReceiveOptions {
  readonly max: number;
  readonly lockMs: number;
  readonly now?: Date;
}

export type AbandonOutcome = 'retry' | 'dead-lettered' | 'lock-lost';

interface Row {
  id: string;
  type: string;
  body: string;
  deliver_at: string | null;
  delivery_count: number;
  last_error: string | null;
  dead_lettered_at: number | null;
}

const PRUNE_EVERY_MS = 5_000;

interface QueuedPublish {
  readonly queue: QueueName;
  readonly messages: readonly BusMessage[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class LocalQueue implements MessageBus, DeadLetterQueue, QueueMonitor {
  readonly maxDeliveries: number;
  readonly #db: Database.Database;
  readonly #ownsDb: boolean;
  readonly #dedupeWindowMs: number;
  readonly #now: () => Date;
  readonly #listeners = new Set<(queue: QueueName) => void>();
  readonly #insert: Database.Statement;
  readonly #ready: Database.Statement;
  readonly #leaseOne: Database.Statement;
  readonly #expired: Database.Statement;
  readonly #prune: Database.Statement;
  readonly #available: Database.Statement;
  readonly #nextAvailable: Database.Statement;
  readonly #complete: Database.Statement;
  readonly #releaseEarlier: Database.Statement;
  /** Flushes the WAL for publishes to `flushQueues`; absent for an in-memory database. */
  readonly #walFlusher: WalFlusher | undefined;
  readonly #flushQueues: ReadonlySet<QueueName>;
  readonly runId: string;
  #leases = 0;
  /** Transaction functions are built once: better-sqlite3 builds their wrappers on every `transaction()` call. */
  readonly #publishTx: Database.Transaction<(group: readonly QueuedPublish[], now: number) => Set<QueueName>>;
  readonly #receiveTx: Database.Transaction<
    (queue: QueueName, now: number, lockedUntil: number, max: number) => ReceivedMessage[]
  >;
  #lastPruneAt = 0;
  #queuedPublishes: QueuedPublish[] = [];

  constructor(database: Database.Database | string, options: LocalQueueOptions = {}) {
    if (typeof database === 'string') {
      if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
      this.#db = new Database(database);
      this.#ownsDb = true;
      this.#db.pragma('synchronous = NORMAL');
      this.#db.pragma('busy_timeout = 5000');
      if (database !== ':memory:') {
        this.#db.pragma('journal_mode = WAL');
        checkpointInBackground(this.#db, database);
      }
    } else {
      this.#db = database;
      this.#ownsDb = false;
    }
    this.maxDeliveries = options.maxDeliveries ?? 5;
    this.#dedupeWindowMs = options.dedupeWindowMs ?? 10 * 60_000;
    this.#now = options.now ?? (() => new Date());
    this.runId = options.runId ?? randomUUID();
    this.#flushQueues = new Set(options.flushQueues ?? []);
    migrateLocalQueue(this.#db);
    // Only WAL commits need it: in rollback-journal mode synchronous=NORMAL already syncs each commit.
    this.#walFlusher =
      this.#flushQueues.size > 0 && this.#db.pragma('journal_mode', { simple: true }) === 'wal'
        ? new WalFlusher(`${this.#db.name}-wal`, options.syncFile)
        : undefined;
    this.#releaseEarlier = this.#db.prepare(
      `UPDATE local_queue_messages SET locked_until = NULL, lock_token = NULL
       WHERE completed_at IS NULL AND dead_lettered_at IS NULL AND lock_token IS NOT NULL
         AND substr(lock_token, 1, ?) <> ?`,
    );
    this.#insert = this.#db.prepare(
      `INSERT OR IGNORE INTO local_queue_messages (queue, id, type, body, deliver_at, enqueued_at, available_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#ready = this.#db.prepare(
      `SELECT id, delivery_count FROM local_queue_messages
       WHERE queue = ? AND completed_at IS NULL AND dead_lettered_at IS NULL AND available_at <= ?
         AND (locked_until IS NULL OR locked_until <= ?)
       ORDER BY available_at, seq LIMIT ?`,
    );
    this.#leaseOne = this.#db.prepare(
      `UPDATE local_queue_messages SET delivery_count = delivery_count + 1, locked_until = ?, lock_token = ?
       WHERE queue = ? AND id = ? RETURNING id, type, body, deliver_at, delivery_count`,
    );
    this.#available = this.#db.prepare(
      `SELECT COUNT(*) AS n FROM local_queue_messages
       WHERE queue = ? AND completed_at IS NULL AND dead_lettered_at IS NULL AND available_at <= ?
         AND (locked_until IS NULL OR locked_until <= ?)`,
    );
    this.#nextAvailable = this.#db.prepare(
      `SELECT MIN(MAX(available_at, COALESCE(locked_until, 0))) AS t FROM local_queue_messages
       WHERE queue = ? AND completed_at IS NULL AND dead_lettered_at IS NULL`,
    );
    this.#prune = this.#db.prepare(
      'DELETE FROM local_queue_messages WHERE completed_at IS NOT NULL AND completed_at < ?',
    );
    this.#expired = this.#db.prepare(
      `UPDATE local_queue_messages SET dead_lettered_at = ?, locked_until = NULL, lock_token = NULL,
         last_error = 'lock expired on the last allowed delivery (consumer stopped or crashed)'
       WHERE queue = ? AND id = ?`,
    );
    this.#complete = this.#db.prepare(
      `UPDATE local_queue_messages SET completed_at = ?, locked_until = NULL, lock_token = NULL, body = 'null'
       WHERE queue = ? AND id = ? AND lock_token = ? AND completed_at IS NULL`,
    );
    this.#publishTx = this.#db.transaction((group: readonly QueuedPublish[], now: number) =>
      this.#insertAll(group, now),
    );
    this.#receiveTx = this.#db.transaction((queue: QueueName, now: number, lockedUntil: number, max: number) =>
      this.#lease(queue, now, lockedUntil, max),
    );
  }

  /** Called after every publish that added messages, so a dispatcher can wake up at once. */
  onPublish(listener: (queue: QueueName) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Publishes are grouped: those requested in the same turn of the event loop (a burst of webhook
   * calls, several saves relaying their events) are written in one SQLite transaction, and each
   * promise settles once that transaction committed, so an awaited publish is durable.
   */
  publish(queue: QueueName, messages: readonly BusMessage[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queuedPublishes.push({ queue, messages, resolve, reject });
      if (this.#queuedPublishes.length === 1) setImmediate(() => this.#commitPublishes());
    });
  }

  #commitPublishes(): void {
    const group = this.#queuedPublishes;
    this.#queuedPublishes = [];
    const now = this.#now().getTime();
    let woken: Set<QueueName>;
    try {
      woken = this.#publishTx(group, now);
    } catch (error) {
      for (const publish of group) publish.reject(error);
      return;
    }
    // Publishes to a flushed queue settle once the WAL is on the disk; the others at once.
    const flusher = this.#walFlusher;
    const flushed: QueuedPublish[] = [];
    for (const publish of group) {
      if (flusher && this.#flushQueues.has(publish.queue)) flushed.push(publish);
      else publish.resolve();
    }
    if (flusher && flushed.length > 0)
      flusher.flush().then(
        () => {
          for (const publish of flushed) publish.resolve();
        },
        (error: unknown) => {
          for (const publish of flushed) publish.reject(error);
        },
      );
    for (const queue of woken) for (const listener of this.#listeners) listener(queue);
  }

  #insertAll(group: readonly QueuedPublish[], now: number): Set<QueueName> {
    const woken = new Set<QueueName>();
    // Old completed ids stop counting as duplicates, as with Service Bus' detection window.
    // Pruning is a scan, so it runs at most every few seconds rather than on every publish.
    if (now - this.#lastPruneAt >= PRUNE_EVERY_MS) {
      this.#prune.run(now - this.#dedupeWindowMs);
      this.#lastPruneAt = now;
    }
    for (const { queue, messages } of group) {
      for (const m of messages) {
        const deliverAt = m.deliverAt ? Date.parse(m.deliverAt) : Number.NaN;
        const availableAt = Number.isNaN(deliverAt) ? now : Math.max(now, deliverAt);
        const body = JSON.stringify(m.body ?? null);
        if (this.#insert.run(queue, m.id, m.type, body, m.deliverAt ?? null, now, availableAt).changes > 0)
          woken.add(queue);
      }
    }
    return woken;
  }

  /** Atomically leases up to `max` available messages (peek-lock). */
  receive(queue: QueueName, options: ReceiveOptions): ReceivedMessage[] {
    const now = (options.now ?? this.#now()).getTime();
    return this.#receiveTx.immediate(queue, now, now + options.lockMs, options.max);
  }

  #lease(queue: QueueName, now: number, lockedUntil: number, max: number): ReceivedMessage[] {
    const out: ReceivedMessage[] = [];
    const candidates = this.#ready.all(queue, now, now, max) as { id: string; delivery_count: number }[];
    for (const c of candidates) {
      if (c.delivery_count >= this.maxDeliveries) {
        // Its last delivery's lock expired: like Service Bus, that exhausts the message.
        this.#expired.run(now, queue, c.id);
        continue;
      }
      const token = `${this.runId}:${++this.#leases}`;
      const row = this.#leaseOne.get(lockedUntil, token, queue, c.id) as Row;
      out.push({
        queue,
        message: toBusMessage(row),
        deliveryCount: row.delivery_count,
        lockToken: token,
        lockedUntil: new Date(lockedUntil),
      });
    }
    return out;
  }

  /**
   * Makes the messages leased by earlier runs receivable again (their delivery still counts, so a
   * message that kills the process each time is dead-lettered after `maxDeliveries` runs). Only
   * the data folder's one owner may call it: a lease of a live process would be broken.
   */
  releaseEarlierRuns(): number {
    const prefix = `${this.runId}:`;
    const released = this.#releaseEarlier.run(prefix.length, prefix).changes;
    if (released > 0) for (const queue of QUEUE_NAMES) for (const listener of this.#listeners) listener(queue);
    return released;
  }

  /** Removes a handled message. False when the lease was lost (lock expired and re-leased). */
  complete(queue: QueueName, id: string, lockToken: string): boolean {
    const result = this.#complete.run(this.#now().getTime(), queue, id, lockToken);
    return result.changes > 0;
  }

  /** Releases a failed message for a retry after `retryDelayMs`, or dead-letters it on its last delivery. */
  abandon(queue: QueueName, id: string, lockToken: string, error: string, retryDelayMs: number): AbandonOutcome {
    const now = this.#now().getTime();
    return this.#db.transaction((): AbandonOutcome => {
      const row = this.#db
        .prepare(
          `SELECT delivery_count FROM local_queue_messages
           WHERE queue = ? AND id = ? AND lock_token = ? AND completed_at IS NULL AND dead_lettered_at IS NULL`,
        )
        .get(queue, id, lockToken) as { delivery_count: number } | undefined;
      if (!row) return 'lock-lost';
      const dead = row.delivery_count >= this.maxDeliveries;
      this.#db
        .prepare(
          `UPDATE local_queue_messages SET locked_until = NULL, lock_token = NULL, last_error = ?,
             available_at = ?, dead_lettered_at = ? WHERE queue = ? AND id = ?`,
        )
        .run(error, now + Math.max(0, retryDelayMs), dead ? now : null, queue, id);
      return dead ? 'dead-lettered' : 'retry';
    })();
  }

  /** Messages that can be received at `now` (not leased, not scheduled later, not dead). */
  countAvailable(queue: QueueName, now: Date = this.#now()): number {
    const t = now.getTime();
    return (this.#available.get(queue, t, t) as { n: number }).n;
  }

  /** When the next not-yet-available message (scheduled, retrying or leased) becomes receivable. */
  nextAvailableAt(queue: QueueName): Date | undefined {
    const row = this.#nextAvailable.get(queue) as { t: number | null };
    return row.t === null ? undefined : new Date(row.t);
  }

  /** Per queue: waiting, scheduled, in flight (with lock expiries) and dead-lettered counts. */
  async stats(limit = 20, now: Date = this.#now()): Promise<QueueStats[]> {
    return localQueueStats(this.#db, `${this.runId}:`, limit, now.getTime());
  }

  async list(queue: QueueName, limit: number): Promise<DeadLetter[]> {
    const rows = this.#db
      .prepare(
        `SELECT id, type, body, deliver_at, delivery_count, last_error, dead_lettered_at FROM local_queue_messages
         WHERE queue = ? AND dead_lettered_at IS NOT NULL ORDER BY dead_lettered_at DESC, seq DESC LIMIT ?`,
      )
      .all(queue, limit) as Row[];
    return rows.map((row) => ({
      queue,
      message: toBusMessage(row),
      deliveryCount: row.delivery_count,
      reason: row.last_error ?? 'unknown',
      deadLetteredAt: new Date(row.dead_lettered_at ?? 0).toISOString(),
    }));
  }

  async requeue(queue: QueueName, messageId: string): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE local_queue_messages SET dead_lettered_at = NULL, delivery_count = 0, available_at = ?,
           locked_until = NULL, lock_token = NULL WHERE queue = ? AND id = ? AND dead_lettered_at IS NOT NULL`,
      )
      .run(this.#now().getTime(), queue, messageId);
    if (result.changes === 0) return false;
    for (const listener of this.#listeners) listener(queue);
    return true;
  }

  close(): void {
    this.#listeners.clear();
    if (this.#ownsDb && this.#db.open) this.#db.close();
  }
}

function toBusMessage(row: Pick<Row, 'id' | 'type' | 'body' | 'deliver_at'>): BusMessage {
  const message = { id: row.id, type: row.type, body: JSON.parse(row.body) as unknown };
  return row.deliver_at ? { ...message, deliverAt: row.deliver_at } : message;
}
