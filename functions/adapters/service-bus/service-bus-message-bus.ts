/**
 * MessageBus + DeadLetterQueue on Azure Service Bus. Publishing maps a BusMessage onto a
 * Service Bus message (messageId = id for broker-side duplicate detection, subject = type,
 * JSON bytes as body) and uses scheduled enqueue for `deliverAt`. The admin view reads and
 * requeues the queue's dead-letter subqueue. Retries and dead-lettering are the broker's job.
 */

import type { TokenCredential } from '@azure/identity';
import {
  ServiceBusClient,
  type ServiceBusMessage,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  type ServiceBusSender,
} from '@azure/service-bus';
import type {
  BusMessage,
  DeadLetter,
  DeadLetterQueue,
  MessageBus,
  QueueName,
} from '../../../shared/ports/message-bus.js';

export type BusSender = Pick<ServiceBusSender, 'sendMessages' | 'scheduleMessages' | 'close'>;
export type BusReceiver = Pick<
  ServiceBusReceiver,
  'peekMessages' | 'receiveMessages' | 'completeMessage' | 'abandonMessage' | 'close'
>;

/** What the adapter needs from a ServiceBusClient; tests pass fakes. */
export interface ServiceBusLinks {
  createSender(queue: QueueName): BusSender;
  createReceiver(queue: QueueName, options: { subQueueType: 'deadLetter' }): BusReceiver;
  close(): Promise<void>;
}

export interface ServiceBusMessageBusOptions {
  readonly now?: () => Date;
  /** Dead-letter messages scanned per requeue call before giving up. */
  readonly requeueScanLimit?: number;
}

/** Parses a Service Bus body back into a BusMessage (bytes, JSON text or an already decoded object). */
export function toBusMessage(body: unknown): BusMessage {
  let value = body;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') value = JSON.parse(value) as unknown;
  if (typeof value !== 'object' || value === null) throw new Error('Service Bus message body is not a BusMessage');
  const candidate = value as Partial<BusMessage>;
  if (typeof candidate.id !== 'string' || typeof candidate.type !== 'string') {
    throw new Error('Service Bus message body lacks a string id and type');
  }
  const message = { id: candidate.id, type: candidate.type, body: candidate.body ?? null };
  return candidate.deliverAt ? { ...message, deliverAt: candidate.deliverAt } : message;
}

export function toServiceBusMessage(message: BusMessage, messageId: string = message.id): ServiceBusMessage {
  return {
    messageId,
    subject: message.type,
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify({ id: message.id, type: message.type, body: message.body ?? null }), 'utf8'),
  };
}

export class ServiceBusMessageBus implements MessageBus, DeadLetterQueue {
  readonly #links: ServiceBusLinks;
  readonly #senders = new Map<QueueName, BusSender>();
  readonly #now: () => Date;
  readonly #scanLimit: number;

  constructor(links: ServiceBusLinks, options: ServiceBusMessageBusOptions = {}) {
    this.#links = links;
    this.#now = options.now ?? (() => new Date());
    this.#scanLimit = options.requeueScanLimit ?? 500;
  }

  #sender(queue: QueueName): BusSender {
    let sender = this.#senders.get(queue);
    if (!sender) {
      sender = this.#links.createSender(queue);
      this.#senders.set(queue, sender);
    }
    return sender;
  }

  async publish(queue: QueueName, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const now = this.#now().getTime();
    const immediate: ServiceBusMessage[] = [];
    const scheduled = new Map<number, ServiceBusMessage[]>();
    for (const m of messages) {
      const at = m.deliverAt ? Date.parse(m.deliverAt) : Number.NaN;
      if (!Number.isNaN(at) && at > now) scheduled.set(at, [...(scheduled.get(at) ?? []), toServiceBusMessage(m)]);
      else immediate.push(toServiceBusMessage(m));
    }
    const sender = this.#sender(queue);
    if (immediate.length > 0) await sender.sendMessages(immediate);
    for (const [at, batch] of scheduled) await sender.scheduleMessages(batch, new Date(at));
  }

  async list(queue: QueueName, limit: number): Promise<DeadLetter[]> {
    const receiver = this.#links.createReceiver(queue, { subQueueType: 'deadLetter' });
    try {
      const peeked = await receiver.peekMessages(limit);
      return peeked.map((m) => toDeadLetter(queue, m));
    } finally {
      await receiver.close();
    }
  }

  /**
   * Resends the dead letter to its queue and completes it in the dead-letter subqueue. The resent
   * copy gets a fresh messageId, or the broker's duplicate detection would drop it; its body keeps
   * the original id, which is what handlers deduplicate on.
   */
  async requeue(queue: QueueName, messageId: string): Promise<boolean> {
    const receiver = this.#links.createReceiver(queue, { subQueueType: 'deadLetter' });
    const skipped: ServiceBusReceivedMessage[] = [];
    try {
      while (skipped.length < this.#scanLimit) {
        const batch = await receiver.receiveMessages(50, { maxWaitTimeInMs: 1_000 });
        if (batch.length === 0) return false;
        for (const m of batch) {
          if (m.messageId === messageId || safeId(m) === messageId) {
            const message = toBusMessage(m.body);
            await this.#sender(queue).sendMessages(
              toServiceBusMessage(message, `${message.id}#requeued-${this.#now().getTime()}`),
            );
            await receiver.completeMessage(m);
            return true;
          }
          skipped.push(m);
        }
      }
      return false;
    } finally {
      // Skipped messages go back to the dead-letter subqueue untouched.
      for (const m of skipped) await receiver.abandonMessage(m);
      await receiver.close();
    }
  }

  async close(): Promise<void> {
    for (const sender of this.#senders.values()) await sender.close();
    this.#senders.clear();
    await this.#links.close();
  }
}

function safeId(m: ServiceBusReceivedMessage): string | undefined {
  try {
    return toBusMessage(m.body).id;
  } catch {
    return undefined;
  }
}

function toDeadLetter(queue: QueueName, m: ServiceBusReceivedMessage): DeadLetter {
  let message: BusMessage;
  try {
    message = toBusMessage(m.body);
  } catch {
    // Not one of ours (sent by another tool): show it rather than hide it.
    message = { id: String(m.messageId ?? 'unknown'), type: m.subject ?? 'unknown', body: m.body ?? null };
  }
  const reason = [m.deadLetterReason, m.deadLetterErrorDescription].filter(Boolean).join(': ');
  return {
    queue,
    message,
    deliveryCount: m.deliveryCount ?? 0,
    reason: reason || 'unknown',
    deadLetteredAt: (m.enqueuedTimeUtc ?? new Date(0)).toISOString(),
  };
}

/** Production wiring: one ServiceBusClient over Entra ID (managed identity / DefaultAzureCredential). */
export function createServiceBusMessageBus(
  fullyQualifiedNamespace: string,
  credential: TokenCredential,
): ServiceBusMessageBus {
  const client = new ServiceBusClient(fullyQualifiedNamespace, credential);
  return new ServiceBusMessageBus({
    createSender: (queue) => client.createSender(queue),
    createReceiver: (queue, options) => client.createReceiver(queue, { ...options, receiveMode: 'peekLock' }),
    close: () => client.close(),
  });
}
