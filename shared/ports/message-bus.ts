/**
 * MessageBus: at-least-once delivery of events and commands to queue-triggered functions.
 * Adapters: the durable local queue (SQLite) and Azure Service Bus. Handlers must be idempotent
 * by message id because a message may be delivered more than once.
 */
export const QUEUE_NAMES = ['events', 'inbound-mail', 'outbound-mail'] as const;
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
