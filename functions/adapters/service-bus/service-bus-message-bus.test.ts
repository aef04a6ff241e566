import type { ServiceBusMessage, ServiceBusReceivedMessage } from '@azure/service-bus';
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../../shared/ports/message-bus.js';
import {
  type BusReceiver,
  type BusSender,
  type ServiceBusLinks,
  ServiceBusMessageBus,
  toBusMessage,
} from './service-bus-message-bus.js';

type Sent = { messages: ServiceBusMessage[]; at?: Date };

/** A fake broker: records sends and serves a dead-letter subqueue with peek-lock semantics. */
function fakeLinks(deadLetters: ServiceBusReceivedMessage[] = []) {
  const sent: Sent[] = [];
  const completed: string[] = [];
  const abandoned: string[] = [];
  const locked = new Set<ServiceBusReceivedMessage>();
  let closed = 0;
  const sender: BusSender = {
    sendMessages: async (m) => {
      sent.push({ messages: (Array.isArray(m) ? m : [m]) as ServiceBusMessage[] });
    },
    scheduleMessages: async (m, at) => {
      sent.push({ messages: (Array.isArray(m) ? m : [m]) as ServiceBusMessage[], at });
      return [];
    },
    close: async () => {
      closed++;
    },
  };
  const receiver: BusReceiver = {
    peekMessages: async (max) => deadLetters.slice(0, max),
    receiveMessages: async (max) => {
      const batch = deadLetters.filter((m) => !locked.has(m)).slice(0, max);
      for (const m of batch) locked.add(m);
      return batch;
    },
    completeMessage: async (m) => {
      completed.push(String(m.messageId));
      deadLetters.splice(deadLetters.indexOf(m), 1);
      locked.delete(m);
    },
    abandonMessage: async (m) => {
      abandoned.push(String(m.messageId));
      locked.delete(m);
    },
    close: async () => {},
  };
  const links: ServiceBusLinks = {
    createSender: () => sender,
    createReceiver: (_queue, options) => {
      expect(options.subQueueType).toBe('deadLetter');
      return receiver;
    },
    close: async () => {
      closed++;
    },
  };
  return { links, sent, completed, abandoned, deadLetters, closedCount: () => closed };
}

const json = (m: ServiceBusMessage) => JSON.parse(Buffer.from(m.body as Buffer).toString('utf8')) as unknown;
const now = () => new Date('2025-03-10T10:00:00Z');

function deadLetter(message: BusMessage, extra: Partial<ServiceBusReceivedMessage> = {}): ServiceBusReceivedMessage {
  return {
    messageId: message.id,
    subject: message.type,
    body: Buffer.from(JSON.stringify(message)),
    deliveryCount: 10,
    deadLetterReason: 'MaxDeliveryCountExceeded',
    deadLetterErrorDescription: 'Message could not be consumed after 10 delivery attempts.',
    enqueuedTimeUtc: new Date('2025-03-09T08:00:00Z'),
    state: 'active',
    ...extra,
  } as ServiceBusReceivedMessage;
}

describe('ServiceBusMessageBus', () => {
  it('maps a BusMessage to a Service Bus message (messageId, subject, JSON body)', async () => {
    const fake = fakeLinks();
    const bus = new ServiceBusMessageBus(fake.links, { now });
    await bus.publish('events', [{ id: 'e1', type: 'ticket.created', body: { ticketId: 'T-1' } }]);
    expect(fake.sent).toHaveLength(1);
    const [m] = fake.sent[0]!.messages;
    expect(m).toMatchObject({ messageId: 'e1', subject: 'ticket.created', contentType: 'application/json' });
    expect(json(m!)).toEqual({ id: 'e1', type: 'ticket.created', body: { ticketId: 'T-1' } });
    expect(fake.sent[0]!.at).toBeUndefined();
  });

  it('schedules messages whose deliverAt is in the future and sends past ones now', async () => {
    const fake = fakeLinks();
    const bus = new ServiceBusMessageBus(fake.links, { now });
    await bus.publish('events', [
      { id: 'late', type: 'sla.warning', body: null, deliverAt: '2025-03-10T11:00:00Z' },
      { id: 'past', type: 'sla.warning', body: null, deliverAt: '2025-03-10T09:00:00Z' },
    ]);
    expect(fake.sent.map((s) => [s.messages.map((m) => m.messageId), s.at?.toISOString()])).toEqual([
      [['past'], undefined],
      [['late'], '2025-03-10T11:00:00.000Z'],
    ]);
  });

  it('sends nothing for an empty publish', async () => {
    const fake = fakeLinks();
    await new ServiceBusMessageBus(fake.links).publish('events', []);
    expect(fake.sent).toEqual([]);
  });

  it('lists dead letters from the dead-letter subqueue with reason and delivery count', async () => {
    const fake = fakeLinks([deadLetter({ id: 'd1', type: 'ticket.created', body: { n: 1 } })]);
    const bus = new ServiceBusMessageBus(fake.links);
    expect(await bus.list('events', 10)).toEqual([
      {
        queue: 'events',
        message: { id: 'd1', type: 'ticket.created', body: { n: 1 } },
        deliveryCount: 10,
        reason: 'MaxDeliveryCountExceeded: Message could not be consumed after 10 delivery attempts.',
        deadLetteredAt: '2025-03-09T08:00:00.000Z',
      },
    ]);
  });

  it('requeues one dead letter: resends it with its original body, completes it, abandons the others', async () => {
    const fake = fakeLinks([
      deadLetter({ id: 'd1', type: 'a', body: 1 }),
      deadLetter({ id: 'd2', type: 'b', body: 2 }),
    ]);
    const bus = new ServiceBusMessageBus(fake.links, { now });
    expect(await bus.requeue('events', 'd2')).toBe(true);
    expect(fake.completed).toEqual(['d2']);
    expect(fake.abandoned).toEqual(['d1']);
    const [resent] = fake.sent[0]!.messages;
    expect(json(resent!)).toEqual({ id: 'd2', type: 'b', body: 2 });
    // A fresh messageId, or duplicate detection would swallow the resend.
    expect(resent?.messageId).not.toBe('d2');
    expect(fake.deadLetters.map((m) => m.messageId)).toEqual(['d1']);
  });

  it('answers false when the dead letter is not there', async () => {
    const fake = fakeLinks([deadLetter({ id: 'd1', type: 'a', body: 1 })]);
    const bus = new ServiceBusMessageBus(fake.links);
    expect(await bus.requeue('events', 'nope')).toBe(false);
    expect(fake.sent).toEqual([]);
    expect(fake.abandoned).toEqual(['d1']);
  });

  it('closes its senders and the client', async () => {
    const fake = fakeLinks();
    const bus = new ServiceBusMessageBus(fake.links);
    await bus.publish('events', [{ id: 'x', type: 't', body: null }]);
    await bus.close();
    expect(fake.closedCount()).toBe(2);
  });
});

describe('toBusMessage', () => {
  it('accepts bytes, JSON text and decoded objects, and rejects foreign bodies', () => {
    const m = { id: 'a', type: 't', body: { x: 1 } };
    expect(toBusMessage(Buffer.from(JSON.stringify(m)))).toEqual(m);
    expect(toBusMessage(JSON.stringify(m))).toEqual(m);
    expect(toBusMessage(m)).toEqual(m);
    expect(() => toBusMessage({ hello: 'world' })).toThrow(/id and type/);
  });
});
