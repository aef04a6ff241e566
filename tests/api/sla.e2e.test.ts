/**
 * The SLA engine end to end on the local platform with a hand-moved clock: a P1 ticket crosses 75 %
 * and 100 % of its resolution target; the timer (run several times at once, as two instances or an
 * overlapping tick would) sends exactly one warning and one breach, each with its timeline entry
 * and domain event, and the API shows the ticket breached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_FUNCTIONS } from '../../functions/catalog/sla-catalog.js';
import type { DomainEvent } from '../../shared/events/domain-event.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { ManualClock } from '../support/test-services.js';

const MIN = 60_000;
type Ticket = {
  id: string;
  sla: { status: string; policyName: string; resolution: { state: string; percent: number } };
};
type Entry = { kind: string; data: Record<string, unknown> };

describe.each(E2E_STORES)('SLA engine over HTTP (%s)', (store) => {
  let p: RunningPlatform;
  const clock = new ManualClock(new Date('2026-06-01T08:00:00.000Z'));
  const events: DomainEvent[] = [];
  beforeAll(async () => {
    p = await startRunningPlatform({
      store,
      overrides: {
        clock,
        subscribers: [
          { name: 'sla-recorder', handles: ['sla.warning', 'sla.breached'], handle: async (e) => void events.push(e) },
        ],
      },
    });
  });
  afterAll(async () => {
    await p.stop();
  });

  /** The catalog's timer handler, several runs at once. */
  const tick = async (runs: number) => {
    const timer = SLA_FUNCTIONS.find((f) => f.name === 'sla-evaluate');
    if (timer?.trigger.type !== 'timer') throw new Error('no sla-evaluate timer');
    const handler = (timer.handler as (s: unknown) => (t: unknown, c: { log: () => void }) => Promise<void>)(
      p.composition.services,
    );
    await Promise.all(Array.from({ length: runs }, () => handler({}, { log: () => {} })));
    await p.platform.drainQueue();
  };
  const timeline = async (id: string) =>
    (await p.api<{ items: Entry[] }>('alice@demo.local', `tickets/${id}/timeline`)).body.items;

  it('seeds default calendars, policies per priority and an assist OLA', async () => {
    const policies = await p.api<{ items: { id: string }[] }>('alice@demo.local', 'sla/policies');
    // The demo's customers add the Enterprise policy (issue 14), matched before the per-priority ones.
    expect(policies.body.items.map((i) => i.id)).toEqual(['enterprise', 'p1', 'p2', 'p3', 'p4']);
    const calendars = await p.api<{ items: { id: string }[] }>('alice@demo.local', 'sla/calendars');
    expect(calendars.body.items.map((i) => i.id).sort()).toEqual(['24x7', 'business-hours']);
  });

  it('warns once at 75 %, breaches once at 100 %, and the API shows it', async () => {
    const policy = {
      id: 'e2e-p1',
      name: 'E2E P1',
      order: 1,
      conditions: { priorities: ['P1'], categories: ['sla-e2e'] },
      targets: { resolution: 60 },
      calendarId: '24x7',
      warningThresholds: [75],
    };
    expect((await p.api('admin@demo.local', 'sla/policies', { body: policy })).status).toBe(201);
    const created = await p.api<Ticket>('lead@demo.local', 'tickets', {
      body: {
        title: 'Core switch down',
        requester: { email: 'ops@customer.example' },
        impact: 1,
        urgency: 1,
        category: 'sla-e2e',
      },
    });
    expect(created.body.sla).toMatchObject({ policyName: 'E2E P1', status: 'ok', resolution: { state: 'running' } });
    const id = created.body.id;

    clock.advance(30 * MIN);
    await tick(3);
    expect((await timeline(id)).filter((e) => e.kind.startsWith('sla_'))).toEqual([]);

    clock.advance(16 * MIN); // 46 of 60 minutes: past 75 %
    await tick(3);
    await tick(2);
    const warned = await p.api<Ticket>('alice@demo.local', `tickets/${id}`);
    expect(warned.body.sla.status).toBe('warning');

    clock.advance(15 * MIN); // 61 minutes: breached
    await tick(3);
    clock.advance(10 * MIN);
    await tick(2);

    const kinds = (await timeline(id)).filter((e) => e.kind.startsWith('sla_'));
    expect(kinds.map((e) => [e.kind, e.data.target, e.data.threshold])).toEqual([
      ['sla_warning', 'resolution', 75],
      ['sla_breached', 'resolution', null],
    ]);
    const mine = events.filter((e) => e.ticketId === id);
    expect(mine.map((e) => e.type)).toEqual(['sla.warning', 'sla.breached']);
    const breached = await p.api<Ticket>('alice@demo.local', `tickets/${id}`);
    expect(breached.body.sla).toMatchObject({ status: 'breached', resolution: { state: 'breached' } });
    expect(breached.body.sla.resolution.percent).toBeGreaterThan(100);
    // SLA due first: due (or breach) instants ascending, tickets with nothing due last.
    const list = await p.api<{ items: { id: string; sla: { dueAt: string | null } | null }[] }>(
      'alice@demo.local',
      'tickets?sort=sla&limit=100',
    );
    const dues = list.body.items.map((t) => t.sla?.dueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect(dues[list.body.items.findIndex((t) => t.id === id)]).toBe('2026-06-01T09:00:00.000Z');
  });
});
