import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvocationContext } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalQueue } from '../../functions/adapters/local-queue/local-queue.js';
import type { FunctionDefinition, QueueHandler } from '../../functions/catalog/function-definition.js';
import type { BusMessage } from '../../shared/ports/message-bus.js';
import { DEFAULT_CONCURRENCY, exponentialBackoff, startQueueDispatcher } from './queue-dispatcher.js';

const catalogWith = (handler: QueueHandler): FunctionDefinition<null>[] => [
  { name: 'on-event', trigger: { type: 'queue', queueName: 'events' }, handler: () => handler },
];
const event = (id: string): BusMessage => ({ id, type: 'ticket.created', body: { n: id } });
const events = (count: number, prefix: string): BusMessage[] =>
  Array.from({ length: count }, (_, i) => event(`${prefix}${i}`));
/** A handler that takes `ms` and records how many of its calls ran at once (now and at most). */
const overlapping = (ms: number) => {
  const seen = { running: 0, most: 0, done: 0 };
  const handler: QueueHandler = async () => {
    seen.running++;
    seen.most = Math.max(seen.most, seen.running);
    await new Promise((r) => setTimeout(r, ms));
    seen.running--;
    seen.done++;
  };
  return { seen, handler };
};
const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('DEFAULT_CONCURRENCY', () => {
  it("is host.json's Service Bus maxConcurrentCalls, so local and Azure run as many handlers at once", () => {
    const host = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'host.json'), 'utf8')) as {
      extensions: { serviceBus: { maxConcurrentCalls: number } };
    };
    expect(DEFAULT_CONCURRENCY).toBe(host.extensions.serviceBus.maxConcurrentCalls);
  });
});

describe('startQueueDispatcher', () => {
  let dir: string;
  let queue: LocalQueue;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatcher-'));
    queue = new LocalQueue(join(dir, 'q.db'), { maxDeliveries: 3 });
  });
  afterEach(() => {
    queue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls the queue function with the message and a context, then completes it', async () => {
    const seen: { message: BusMessage; context: InvocationContext }[] = [];
    const d = startQueueDispatcher({
      queue,
      catalog: catalogWith(async (message, context) => {
        seen.push({ message, context });
      }),
      services: null,
      log: () => {},
    });
    await queue.publish('events', [event('a'), event('b')]);
    await until(() => seen.length === 2);
    await d.drain();
    await d.stop();
    expect(seen.map((s) => s.message)).toEqual([event('a'), event('b')]);
    expect(seen[0]?.context.functionName).toBe('on-event');
    expect(queue.countAvailable('events')).toBe(0);
    expect(await queue.list('events', 10)).toEqual([]);
  });

  it('runs fewer handlers while HTTP is busy, and the rest once the host has been quiet for a while', async () => {
    const { seen, handler } = overlapping(20);
    let idleForMs = 0;
    const d = startQueueDispatcher({
      queue,
      catalog: catalogWith(handler),
      services: null,
      concurrency: 8,
      busyConcurrency: 2,
      httpQuietMs: 50,
      httpIdleForMs: () => idleForMs,
      log: () => {},
    });
    await queue.publish('events', events(20, 'm'));
    await until(() => seen.done === 2);
    expect(seen.most).toBe(2);
    // Idle for a moment only (between two requests of a burst): still held back.
    idleForMs = 10;
    d.resume();
    await new Promise((r) => setTimeout(r, 60));
    expect(seen.most).toBe(2);
    idleForMs = 100;
    d.resume();
    await until(() => seen.running >= 3);
    await d.drain();
    await d.stop();
    expect(seen.done).toBe(20);
    expect(seen.most).toBeGreaterThanOrEqual(3);
  });

  it('does not look up the next due time while every handler slot is busy (a burst stays cheap)', async () => {
    let lookUps = 0;
    const nextAvailableAt = queue.nextAvailableAt.bind(queue);
    queue.nextAvailableAt = (name) => {
      lookUps++;
      return nextAvailableAt(name);
    };
    let done = 0;
    const d = startQueueDispatcher({
      queue,
      catalog: catalogWith(async () => {
        await new Promise((r) => setTimeout(r, 1));
        done++;
      }),
      services: null,
      concurrency: 2,
      log: () => {},
    });
    await queue.publish('events', events(40, 'b'));
    await until(() => done === 40);
    await d.drain();
    await d.stop();
    // Only the pumps that found free slots and nothing to fill them with look ahead.
    expect(lookUps).toBeLessThan(10);
  });

  it('retries a failing handler (at-least-once): fails twice, succeeds on the third call', async () => {
    let calls = 0;
    const d = startQueueDispatcher({
      queue,
      catalog: catalogWith(async () => {
        calls++;
        if (calls < 3) throw new Error(`fail ${calls}`);
      }),
      services: null,
      backoff: () => 0,
      pollMs: 10,
      log: () => {},
    });
    await queue.publish('events', [event('a')]);
    await until(() => calls === 3);
    await d.drain();
    await d.stop();
    expect(calls).toBe(3);
    expect(queue.countAvailable('events')).toBe(0);
    expect(queue.nextAvailableAt('events')).toBeUndefined();
    expect(await queue.list('events', 10)).toEqual([]);
  });

  it('dead-letters after maxDeliveries failures', async () => {
    let calls = 0;
    const lines: string[] = [];
    const d = startQueueDispatcher({
      queue,
      catalog: catalogWith(async () => {
        calls++;
        throw new Error('always');
      }),
      services: null,
      backoff: () => 0,
      pollMs: 10,
      log: (l) => lines.push(l),
    });
    await queue.publish('events', [event('a')]);
    await until(() => lines.some((l) => l.includes('dead-lettered')));
    await d.stop();
    expect(calls).toBe(3);
    const dead = await queue.list('events', 10);
    expect(dead.map((x) => [x.message.id, x.deliveryCount, x.reason])).toEqual([['a', 3, 'always']]);
  });

  it('leaves a message leased on stop so it is delivered again after restart', async () => {
    let release: () => void = () => {};
    let started = 0;
    const first = startQueueDispatcher({
      queue,
      catalog: catalogWith(async () => {
        started++;
        await new Promise<void>((r) => {
          release = r;
        });
        throw new Error('interrupted by shutdown');
      }),
      services: null,
      lockMs: 200,
      stopTimeoutMs: 50,
      log: () => {},
    });
    await queue.publish('events', [event('a')]);
    await until(() => started === 1);
    await first.stop();
    release();
    const redelivered: BusMessage[] = [];
    const second = startQueueDispatcher({
      queue,
      catalog: catalogWith(async (m) => {
        redelivered.push(m);
      }),
      services: null,
      pollMs: 20,
      log: () => {},
    });
    await until(() => redelivered.length === 1);
    await second.stop();
    expect(redelivered).toEqual([event('a')]);
  });

  it('never runs more handlers at once than its concurrency', async () => {
    const { seen, handler } = overlapping(10);
    const d = startQueueDispatcher({
      queue,
      catalog: catalogWith(handler),
      services: null,
      concurrency: 2,
      log: () => {},
    });
    await queue.publish('events', events(8, 'm'));
    await until(() => queue.countAvailable('events') === 0 && seen.running === 0);
    await d.drain();
    await d.stop();
    expect(seen.most).toBe(2);
  });
});

describe('exponentialBackoff', () => {
  it('doubles from one second and caps at a minute', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(exponentialBackoff)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });
});
