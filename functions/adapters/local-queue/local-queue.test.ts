import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../../shared/ports/message-bus.js';
import { LocalQueue } from './local-queue.js';

const event = (id: string, extra: Partial<BusMessage> = {}): BusMessage => ({
  id,
  type: 'ticket.created',
  body: { ticketId: `T-${id}` },
  ...extra,
});

describe('LocalQueue', () => {
  let dir: string;
  let clock: Date;
  const now = () => clock;
  const open = (maxDeliveries = 3) => new LocalQueue(join(dir, 'queue.db'), { maxDeliveries, now });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-queue-'));
    clock = new Date('2025-03-10T10:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers a published message with its id, type and body, leased once', async () => {
    const q = open();
    await q.publish('events', [event('a')]);
    const [got, ...rest] = q.receive('events', { max: 10, lockMs: 30_000 });
    expect(rest).toEqual([]);
    expect(got?.message).toEqual(event('a'));
    expect(got?.deliveryCount).toBe(1);
    expect(q.receive('events', { max: 10, lockMs: 30_000 })).toEqual([]);
    expect(q.complete('events', 'a', got!.lockToken)).toBe(true);
    q.close();
  });

  it('ignores a second publish of the same id (duplicate detection)', async () => {
    const q = open();
    await q.publish('events', [event('a')]);
    await q.publish('events', [event('a', { body: 'other' }), event('b')]);
    const got = q.receive('events', { max: 10, lockMs: 30_000 });
    expect(got.map((r) => r.message.id)).toEqual(['a', 'b']);
    expect(got[0]?.message.body).toEqual({ ticketId: 'T-a' });
    q.complete('events', 'a', got[0]!.lockToken);
    await q.publish('events', [event('a')]);
    expect(q.receive('events', { max: 10, lockMs: 30_000 })).toEqual([]);
    q.close();
  });

  it('does not deliver before deliverAt', async () => {
    const q = open();
    await q.publish('events', [event('later', { deliverAt: '2025-03-10T10:05:00Z' })]);
    expect(q.receive('events', { max: 1, lockMs: 1000 })).toEqual([]);
    expect(q.nextAvailableAt('events')?.toISOString()).toBe('2025-03-10T10:05:00.000Z');
    clock = new Date('2025-03-10T10:05:00Z');
    expect(q.receive('events', { max: 1, lockMs: 1000 }).map((r) => r.message.id)).toEqual(['later']);
    q.close();
  });

  it('retries after the backoff, then dead-letters on the last delivery with the reason', async () => {
    const q = open(2);
    await q.publish('events', [event('a')]);
    const first = q.receive('events', { max: 1, lockMs: 1000 })[0]!;
    expect(q.abandon('events', 'a', first.lockToken, 'boom 1', 5_000)).toBe('retry');
    expect(q.receive('events', { max: 1, lockMs: 1000 })).toEqual([]);
    clock = new Date(clock.getTime() + 5_000);
    const second = q.receive('events', { max: 1, lockMs: 1000 })[0]!;
    expect(second.deliveryCount).toBe(2);
    expect(q.abandon('events', 'a', second.lockToken, 'boom 2', 5_000)).toBe('dead-lettered');
    clock = new Date(clock.getTime() + 60_000);
    expect(q.receive('events', { max: 1, lockMs: 1000 })).toEqual([]);
    const dead = await q.list('events', 10);
    expect(dead).toEqual([
      {
        queue: 'events',
        message: event('a'),
        deliveryCount: 2,
        reason: 'boom 2',
        deadLetteredAt: '2025-03-10T10:00:05.000Z',
      },
    ]);
    q.close();
  });

  it('requeues a dead letter with a fresh delivery count', async () => {
    const q = open(1);
    await q.publish('events', [event('a')]);
    const got = q.receive('events', { max: 1, lockMs: 1000 })[0]!;
    q.abandon('events', 'a', got.lockToken, 'boom', 0);
    expect(await q.requeue('events', 'missing')).toBe(false);
    expect(await q.requeue('events', 'a')).toBe(true);
    expect(await q.list('events', 10)).toEqual([]);
    const again = q.receive('events', { max: 1, lockMs: 1000 })[0]!;
    expect(again.deliveryCount).toBe(1);
    q.close();
  });

  it('redelivers when a lock expires, and refuses to complete with the stale lock', async () => {
    const q = open();
    await q.publish('events', [event('a')]);
    const first = q.receive('events', { max: 1, lockMs: 1000 })[0]!;
    clock = new Date(clock.getTime() + 999);
    expect(q.receive('events', { max: 1, lockMs: 1000 })).toEqual([]);
    clock = new Date(clock.getTime() + 1);
    const second = q.receive('events', { max: 1, lockMs: 1000 })[0]!;
    expect(second.deliveryCount).toBe(2);
    expect(q.complete('events', 'a', first.lockToken)).toBe(false);
    expect(q.complete('events', 'a', second.lockToken)).toBe(true);
    q.close();
  });

  it('survives a crash: a message leased by a dead process comes back in a new process', async () => {
    const path = join(dir, 'queue.db');
    const crashed = new LocalQueue(new Database(path), { now });
    await crashed.publish('events', [event('a')]);
    expect(crashed.receive('events', { max: 1, lockMs: 60_000 })).toHaveLength(1);
    // No complete/abandon: the "process" dies holding the lease.
    clock = new Date(clock.getTime() + 60_000);
    const restarted = new LocalQueue(path, { now });
    const got = restarted.receive('events', { max: 1, lockMs: 60_000 });
    expect(got.map((r) => [r.message.id, r.deliveryCount])).toEqual([['a', 2]]);
    restarted.close();
  });

  it('dead-letters a message whose last delivery lock expired', async () => {
    const q = open(1);
    await q.publish('events', [event('a')]);
    q.receive('events', { max: 1, lockMs: 1000 });
    clock = new Date(clock.getTime() + 1000);
    expect(q.receive('events', { max: 1, lockMs: 1000 })).toEqual([]);
    expect((await q.list('events', 10)).map((d) => d.reason)).toEqual([
      expect.stringContaining('lock expired') as unknown as string,
    ]);
    q.close();
  });

  it('tells publish listeners, and counts available messages', async () => {
    const q = open();
    const seen: string[] = [];
    q.onPublish((queue) => seen.push(queue));
    await q.publish('events', [event('a'), event('b', { deliverAt: '2030-01-01T00:00:00Z' })]);
    await q.publish('events', [event('a')]);
    expect(seen).toEqual(['events']);
    expect(q.countAvailable('events')).toBe(1);
    q.close();
  });

  it('groups publishes requested together and settles each once it is durable', async () => {
    const q = open();
    const seen: string[] = [];
    q.onPublish((queue) => seen.push(queue));
    const file = join(dir, 'queue.db');
    const published = Promise.all([
      q.publish('events', [event('a')]),
      q.publish('inbound-mail', [event('b')]),
      q.publish('events', [event('c'), event('a')]),
    ]);
    // Nothing is written before the group commits: another connection sees no message yet.
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM local_queue_messages').get()).toEqual({ n: 0 });
    await published;
    expect(other.prepare('SELECT count(*) AS n FROM local_queue_messages').get()).toEqual({ n: 3 });
    other.close();
    expect(seen.sort()).toEqual(['events', 'inbound-mail']);
    q.close();
  });

  it('writes its run id into every lock token', async () => {
    const q = new LocalQueue(join(dir, 'queue.db'), { now, runId: 'run-1' });
    await q.publish('events', [event('a'), event('b')]);
    const tokens = q.receive('events', { max: 2, lockMs: 60_000 }).map((r) => r.lockToken);
    expect(tokens.every((t) => t.startsWith('run-1:'))).toBe(true);
    expect(new Set(tokens).size).toBe(2);
    q.close();
  });

  it('releases the leases of earlier runs at once, keeping their delivery counts, and not its own', async () => {
    const path = join(dir, 'queue.db');
    const crashed = new LocalQueue(new Database(path), { now, runId: 'run-1' });
    await crashed.publish('events', [event('a'), event('b'), event('c')]);
    expect(crashed.receive('events', { max: 2, lockMs: 5 * 60_000 })).toHaveLength(2);
    // The "process" dies holding two leases; the next run starts one second later.
    clock = new Date(clock.getTime() + 1_000);
    const next = new LocalQueue(path, { now, runId: 'run-2' });
    const woken: string[] = [];
    next.onPublish((queue) => woken.push(queue));
    const own = next.receive('events', { max: 1, lockMs: 5 * 60_000 });
    expect(own.map((r) => r.message.id)).toEqual(['c']);
    expect(next.releaseEarlierRuns()).toBe(2);
    expect(woken).toContain('events');
    const again = next.receive('events', { max: 10, lockMs: 5 * 60_000 });
    expect(again.map((r) => [r.message.id, r.deliveryCount])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(next.releaseEarlierRuns()).toBe(0);
    expect(next.complete('events', 'c', own[0]!.lockToken)).toBe(true);
    next.close();
  });

  it('dead-letters a released message whose crashed delivery was its last', async () => {
    const path = join(dir, 'queue.db');
    const crashed = new LocalQueue(new Database(path), { now, runId: 'run-1', maxDeliveries: 1 });
    await crashed.publish('events', [event('poison')]);
    crashed.receive('events', { max: 1, lockMs: 60_000 });
    const next = new LocalQueue(path, { now, runId: 'run-2', maxDeliveries: 1 });
    expect(next.releaseEarlierRuns()).toBe(1);
    expect(next.receive('events', { max: 1, lockMs: 60_000 })).toEqual([]);
    expect((await next.list('events', 10)).map((d) => d.message.id)).toEqual(['poison']);
    next.close();
  });

  it('settles a publish to a flushed queue only once the WAL is fsynced, and other publishes without waiting', async () => {
    const syncs: { path: string; done: () => void }[] = [];
    const q = new LocalQueue(join(dir, 'queue.db'), {
      now,
      flushQueues: ['inbound-mail'],
      syncFile: (path) => new Promise<void>((resolve) => syncs.push({ path, done: resolve })),
    });
    const settled: string[] = [];
    const mail = q.publish('inbound-mail', [event('m')]).then(() => settled.push('mail'));
    const events = q.publish('events', [event('e')]).then(() => settled.push('events'));
    await events;
    await new Promise((r) => setImmediate(r));
    expect(settled).toEqual(['events']);
    expect(syncs.map((s) => s.path)).toEqual([join(dir, 'queue.db-wal')]);
    // Committed (a consumer may take it) but not acknowledged before the fsync.
    expect(q.countAvailable('inbound-mail')).toBe(1);
    syncs[0]?.done();
    await mail;
    expect(settled).toEqual(['events', 'mail']);
    q.close();
  });

  it('flushes for real by default, and not at all for an in-memory queue', async () => {
    const q = new LocalQueue(join(dir, 'queue.db'), { now, flushQueues: ['inbound-mail'] });
    await q.publish('inbound-mail', [event('m')]);
    expect(q.countAvailable('inbound-mail')).toBe(1);
    q.close();
    const memory = new LocalQueue(':memory:', { now, flushQueues: ['inbound-mail'], syncFile: () => Promise.reject() });
    await memory.publish('inbound-mail', [event('m')]);
    memory.close();
  });

  it('reports waiting, scheduled, in-flight (with lock expiry) and dead-lettered messages per queue', async () => {
    const path = join(dir, 'queue.db');
    const earlier = new LocalQueue(new Database(path), { now, runId: 'run-1', maxDeliveries: 1 });
    await earlier.publish('inbound-mail', [event('left')]);
    earlier.receive('inbound-mail', { max: 1, lockMs: 120_000 });
    const q = new LocalQueue(path, { now, runId: 'run-2', maxDeliveries: 1 });
    await q.publish('events', [
      event('w1'),
      event('w2'),
      event('later', { deliverAt: '2025-03-10T11:00:00Z' }),
      event('leased'),
      event('dead'),
    ]);
    const leased = q.receive('events', { max: 1, lockMs: 60_000 });
    expect(leased.map((r) => r.message.id)).toEqual(['w1']);
    const [dead] = q.receive('events', { max: 1, lockMs: 60_000 });
    q.abandon('events', dead!.message.id, dead!.lockToken, 'boom', 0);
    const stats = await q.stats();
    expect(stats.map((s) => s.queue)).toEqual(['events', 'inbound-mail', 'outbound-mail', 'bulk', 'migration']);
    expect(stats[0]).toEqual({
      queue: 'events',
      waiting: 2,
      scheduled: 1,
      inFlight: 1,
      deadLettered: 1,
      nextLockExpiry: '2025-03-10T10:01:00.000Z',
      inFlightMessages: [
        { id: 'w1', type: 'ticket.created', deliveryCount: 1, lockedUntil: '2025-03-10T10:01:00.000Z', thisRun: true },
      ],
    });
    expect(stats[1]).toMatchObject({
      waiting: 0,
      inFlight: 1,
      nextLockExpiry: '2025-03-10T10:02:00.000Z',
      inFlightMessages: [{ id: 'left', thisRun: false }],
    });
    expect(stats[2]).toMatchObject({ waiting: 0, scheduled: 0, inFlight: 0, deadLettered: 0, nextLockExpiry: null });
    q.close();
  });
});
