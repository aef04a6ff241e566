/**
 * What the admin queue page and `/api/health` show of the local queue: per queue, how many
 * messages wait, are scheduled or backing off, are in flight (and when their locks expire), and
 * are dead-lettered, so a stuck message is visible instead of silent.
 */
import type Database from 'better-sqlite3';
import { QUEUE_NAMES, type QueueName } from '../../../shared/ports/message-bus.js';

/** A leased message, for the admin view: what it is, how often it was tried, until when it is locked. */
export interface InFlightMessage {
  readonly id: string;
  readonly type: string;
  readonly deliveryCount: number;
  readonly lockedUntil: string;
  /** False for a lease left by an earlier run that was not released (it waits for its lock to expire). */
  readonly thisRun: boolean;
}

export interface LocalQueueStats {
  readonly queue: QueueName;
  /** Receivable now (including messages whose lock expired). */
  readonly waiting: number;
  /** Scheduled or backing off before a retry. */
  readonly scheduled: number;
  /** Leased by a handler, lock not expired yet. */
  readonly inFlight: number;
  readonly deadLettered: number;
  /** When the first of the in-flight locks expires; null when nothing is in flight. */
  readonly nextLockExpiry: string | null;
  /** The in-flight messages, soonest lock expiry first (at most `limit`). */
  readonly inFlightMessages: readonly InFlightMessage[];
}

interface CountRow {
  queue: QueueName;
  waiting: number;
  scheduled: number;
  in_flight: number;
  dead: number;
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
export function localQueueStats(
  db: Database.Database,
  runPrefix: string,
  limit: number,
  now: number,
): LocalQueueStats[] {
  const counts = db
    .prepare(
      `SELECT queue,
         SUM(dead_lettered_at IS NULL AND available_at <= ? AND (locked_until IS NULL OR locked_until <= ?)) AS waiting,
         SUM(dead_lettered_at IS NULL AND available_at > ? AND (locked_until IS NULL OR locked_until <= ?)) AS scheduled,
         SUM(dead_lettered_at IS NULL AND locked_until > ?) AS in_flight,
         SUM(dead_lettered_at IS NOT NULL) AS dead,
         MIN(CASE WHEN dead_lettered_at IS NULL AND locked_until > ? THEN locked_until END) AS next_expiry
       FROM local_queue_messages WHERE completed_at IS NULL GROUP BY queue`,
    )
    .all(now, now, now, now, now, now) as CountRow[];
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
      deadLettered: c?.dead ?? 0,
      nextLockExpiry: c?.next_expiry ? new Date(c.next_expiry).toISOString() : null,
      inFlightMessages,
    };
  });
}
