/**
 * What the admin queue page and `/api/health` show of the local queue: per queue, how many
 * messages wait, are scheduled or backing off, are in flight (and when their locks expire), and
 * are dead-lettered, so a stuck message is visible instead of silent.
 */
import type Database from 'better-sqlite3';
import { QUEUE_NAMES, type QueueName, type QueueStats } from '../../../shared/ports/message-bus.js';

interface CountRow {
  queue: QueueName;
  waiting: number;
  scheduled: number;
  in_flight: number;
  next_expiry: number | null;
}

interface LeaseRow {
  id: string;
  type: string;
  delivery_count: number;
  locked_until: number;
  lock_token: string;
}

/** `runPrefix` is the current run's lock-token prefix; `now` in ms. */
export function localQueueStats(db: Database.Database, runPrefix: string, limit: number, now: number): QueueStats[] {
  // Both scans go through partial indexes (unfinished messages; dead letters), so the completed
  // messages kept for duplicate detection are never read: /api/health stays cheap in a burst.
  const counts = db
    .prepare(
      `SELECT queue,
         SUM(available_at <= ? AND (locked_until IS NULL OR locked_until <= ?)) AS waiting,
         SUM(available_at > ? AND (locked_until IS NULL OR locked_until <= ?)) AS scheduled,
         SUM(locked_until > ?) AS in_flight,
         MIN(CASE WHEN locked_until > ? THEN locked_until END) AS next_expiry
       FROM local_queue_messages INDEXED BY local_queue_ready
       WHERE completed_at IS NULL AND dead_lettered_at IS NULL GROUP BY queue`,
    )
    .all(now, now, now, now, now, now) as CountRow[];
  const dead = db
    .prepare(
      `SELECT queue, COUNT(*) AS n FROM local_queue_messages INDEXED BY local_queue_dead
       WHERE dead_lettered_at IS NOT NULL GROUP BY queue`,
    )
    .all() as { queue: QueueName; n: number }[];
  const leased = db.prepare(
    `SELECT id, type, delivery_count, locked_until, lock_token FROM local_queue_messages
     WHERE queue = ? AND completed_at IS NULL AND dead_lettered_at IS NULL AND locked_until > ?
     ORDER BY locked_until LIMIT ?`,
  );
  return QUEUE_NAMES.map((queue) => {
    const c = counts.find((row) => row.queue === queue);
    const inFlightMessages = (leased.all(queue, now, limit) as LeaseRow[]).map((row) => ({
      id: row.id,
      type: row.type,
      deliveryCount: row.delivery_count,
      lockedUntil: new Date(row.locked_until).toISOString(),
      thisRun: row.lock_token.startsWith(runPrefix),
    }));
    return {
      queue,
      waiting: c?.waiting ?? 0,
      scheduled: c?.scheduled ?? 0,
      inFlight: c?.in_flight ?? 0,
      deadLettered: dead.find((row) => row.queue === queue)?.n ?? 0,
      nextLockExpiry: c?.next_expiry ? new Date(c.next_expiry).toISOString() : null,
      inFlightMessages,
    };
  });
}
