/**
 * MessageBus: at-least-once delivery of events and commands to queue-triggered functions.
 * Adapters: the durable local queue (SQLite) and Azure Service Bus. Handlers must be idempotent
 * by message id because a message may be delivered more than once.
 */
export const QUEUE_NAMES = ['events', 'inbound-mail', 'outbound-mail', 'bulk', 'migration'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface BusMessage {
  /** Unique id; duplicate detection and handler idempotency key on it. */
  readonly id: string;
  /** e.g. `ticket.created`. */
  readonly type: string;
  readonly body: unknown;
  /** ISO instant; when set, the message is not delivered before it. */
  readonly deliverAt?: string;
}

export interface MessageBus {
  publish(queue: QueueName, messages: readonly BusMessage[]): Promise<void>;
}

export interface DeadLetter {
  readonly queue: QueueName;
  readonly message: BusMessage;
  readonly deliveryCount: number;
  readonly reason: string;
  readonly deadLetteredAt: string;
}

/** Admin view over messages that exhausted their deliveries. */
export interface DeadLetterQueue {
  list(queue: QueueName, limit: number): Promise<DeadLetter[]>;
  /** Puts a dead letter back on its queue for another round of deliveries. */
  requeue(queue: QueueName, messageId: string): Promise<boolean>;
}

/** A leased (in-flight) message as the admin queue view shows it. */
export interface InFlightMessage {
  readonly id: string;
  readonly type: string;
  readonly deliveryCount: number;
  /** When its lock expires and it becomes receivable again. */
  readonly lockedUntil: string;
  /** False for a lease an earlier run left and nobody released (it waits for its lock to expire). */
  readonly thisRun: boolean;
}

/** One queue's depth: a stuck message shows up here instead of staying silent. */
export interface QueueStats {
  readonly queue: QueueName;
  /** Receivable now (including messages whose lock expired). */
  readonly waiting: number;
  /** Scheduled for later, or backing off before a retry. */
  readonly scheduled: number;
  /** Leased by a handler whose lock has not expired. */
  readonly inFlight: number;
  readonly deadLettered: number;
  /** When the first in-flight lock expires; null when nothing is in flight. */
  readonly nextLockExpiry: string | null;
  /** The in-flight messages, soonest lock expiry first (at most the `limit` asked for). */
  readonly inFlightMessages: readonly InFlightMessage[];
}

/** Queue depths for the admin page and /api/health (the local queue; Service Bus shows them in Azure Monitor). */
export interface QueueMonitor {
  stats(limit?: number): Promise<readonly QueueStats[]>;
}
