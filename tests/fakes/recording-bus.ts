/** A MessageBus + DeadLetterQueue fake that records what was published. */
import type { BusMessage, DeadLetter, DeadLetterQueue, MessageBus, QueueName } from '../../shared/ports/message-bus.js';

export class RecordingBus implements MessageBus, DeadLetterQueue {
  readonly published: { queue: QueueName; message: BusMessage }[] = [];
  failNext = 0;

  async publish(queue: QueueName, messages: readonly BusMessage[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('bus unavailable');
    }
    for (const message of messages) this.published.push({ queue, message });
  }

  async list(): Promise<DeadLetter[]> {
    return [];
  }

  async requeue(): Promise<boolean> {
    return false;
  }

  types(): string[] {
    return this.published.map((p) => p.message.type);
  }
}
