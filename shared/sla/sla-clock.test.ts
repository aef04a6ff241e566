import { describe, expect, it } from 'vitest';
import type { Priority } from '../tickets/priority.js';
import { computeAssistOla, computeSla } from './sla-clock.js';
import type { SlaHistoryEvent } from './sla-history.js';
import { ZAssistOla } from './sla-policy.js';
import { aCalendar, aPolicy, at, MINUTE } from './test-support.js';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const atMin = (minutes: number): string => new Date(T0 + minutes * MINUTE).toISOString();
const now = (minutes: number): Date => new Date(T0 + minutes * MINUTE);

/** History builder on minute offsets from T0. */
const history = (priority: Priority = 'P3') => {
  const events: SlaHistoryEvent[] = [{ type: 'created', at: atMin(0), priority }];
  const builder = {
    events,
    status: (minute: number, from: string, to: string) => {
      events.push({ type: 'status_changed', at: atMin(minute), from, to });
      return builder;
    },
    priority: (minute: number, from: Priority, to: Priority) => {
      events.push({ type: 'priority_changed', at: atMin(minute), from, to });
      return builder;
    },
    reply: (minute: number) => {
      events.push({ type: 'agent_public_reply', at: atMin(minute) });
      return builder;
    },
    customer: (minute: number) => {
      events.push({ type: 'customer_message', at: atMin(minute) });
      return builder;
    },
    assist: (minute: number, assistId: string, open: boolean) => {
      events.push({ type: open ? 'assist_opened' : 'assist_closed', at: atMin(minute), assistId });
      return builder;
    },
  };
  return builder;
};

const always = aCalendar({ mode: '24x7', timeZone: 'UTC' });
const policy = aPolicy();

describe('computeSla', () => {
  it('runs first response and resolution from creation with warnings and the next evaluation', () => {
    const sla = computeSla(history().events, policy, always, now(30));
    expect(sla.firstResponse).toMatchObject({
      state: 'running',
      clock: 'running',
      elapsedMs: 30 * MINUTE,
      percent: 50,
    });
    expect(sla.firstResponse?.dueAt).toBe(atMin(60));
    expect(sla.firstResponse?.warningsCrossed).toEqual([50]);
    expect(sla.resolution).toMatchObject({ targetMs: 960 * MINUTE, remainingMs: 930 * MINUTE, dueAt: atMin(960) });
    expect(sla.nextResponse).toBeNull();
    expect(sla.nextEvaluationAt).toBe(atMin(45));
  });

  it('marks a first response given in time as met and a late one as breached', () => {
    const met = computeSla(history().reply(40).events, policy, always, now(100)).firstResponse;
    expect(met).toMatchObject({
      state: 'met',
      clock: 'stopped',
      stoppedAt: atMin(40),
      dueAt: atMin(60),
      breachedAt: null,
    });
    const late = computeSla(history().reply(70).events, policy, always, now(100)).firstResponse;
    expect(late).toMatchObject({ state: 'breached', clock: 'stopped', breachedAt: atMin(60), overdueMs: 10 * MINUTE });
    const open = computeSla(history().events, policy, always, now(90)).firstResponse;
    expect(open).toMatchObject({ state: 'breached', clock: 'running', dueAt: atMin(60), nextEvaluationAt: null });
  });

  it('pauses resolution and next response on pause statuses but not first response', () => {
    const events = history().status(10, 'new', 'open').status(60, 'open', 'pending').events;
    const sla = computeSla(events, policy, always, now(120));
    expect(sla.resolution).toMatchObject({ state: 'paused', clock: 'paused', elapsedMs: 60 * MINUTE, dueAt: null });
    expect(sla.resolution?.pausedMs).toBe(60 * MINUTE);
    expect(sla.resolution?.nextEvaluationAt).toBeNull();
    expect(sla.firstResponse).toMatchObject({ state: 'breached', elapsedMs: 120 * MINUTE });
    const resumed = computeSla(
      [...events, { type: 'status_changed', at: atMin(120), from: 'pending', to: 'open' }],
      policy,
      always,
      now(180),
    );
    expect(resumed.resolution).toMatchObject({ state: 'running', elapsedMs: 120 * MINUTE, dueAt: atMin(960 + 60) });
  });

  it('applies a raised priority retroactively from the start, keeping pause time out', () => {
    const events = history('P3')
      .status(60, 'new', 'pending')
      .status(120, 'pending', 'open')
      .priority(200, 'P3', 'P1').events;
    const sla = computeSla(events, policy, always, now(200));
    expect(sla.priority).toBe('P1');
    expect(sla.resolution).toMatchObject({ targetMs: 240 * MINUTE, elapsedMs: 140 * MINUTE, dueAt: atMin(300) });
    const later = computeSla(
      history('P3').status(60, 'new', 'pending').status(120, 'pending', 'open').priority(400, 'P3', 'P1').events,
      policy,
      always,
      now(400),
    );
    expect(later.resolution).toMatchObject({ state: 'breached', breachedAt: atMin(300), overdueMs: 100 * MINUTE });
  });

  it('does not re-judge a first response already given when the priority changes later', () => {
    const strict = aPolicy({ targets: { firstResponse: { P1: 15, P3: 60 } } });
    const sla = computeSla(history('P3').reply(30).priority(40, 'P3', 'P1').events, strict, always, now(50));
    expect(sla.firstResponse).toMatchObject({ state: 'met', targetMs: 60 * MINUTE });
    expect(sla.resolution).toBeNull();
  });

  it('resumes the resolution clock where it stopped after a reopen', () => {
    const events = history().status(5, 'new', 'open').status(100, 'open', 'resolved').events;
    const resolved = computeSla(events, policy, always, now(1000));
    expect(resolved.resolution).toMatchObject({
      state: 'met',
      clock: 'stopped',
      elapsedMs: 100 * MINUTE,
      stoppedAt: atMin(100),
    });
    expect(resolved.nextEvaluationAt).toBeNull();
    const reopened = computeSla(
      [...events, { type: 'status_changed', at: atMin(1000), from: 'resolved', to: 'open' }],
      policy,
      always,
      now(1050),
    );
    expect(reopened.resolution).toMatchObject({ state: 'running', elapsedMs: 150 * MINUTE, stoppedAt: null });
    expect(reopened.resolution?.dueAt).toBe(atMin(1050 + 810));
  });

  it('starts a new next-response cycle on each customer message after an agent reply', () => {
    const base = history().customer(5).reply(10).customer(100).customer(120).reply(150);
    const answered = computeSla(base.events, policy, always, now(200));
    expect(answered.nextResponse).toMatchObject({
      cycle: 1,
      state: 'met',
      startedAt: atMin(100),
      elapsedMs: 50 * MINUTE,
    });
    const second = computeSla(base.customer(300).events, policy, always, now(330));
    expect(second.nextResponse).toMatchObject({ cycle: 2, state: 'running', startedAt: atMin(300), dueAt: atMin(420) });
    expect(second.nextEvaluationAt).toBe(atMin(360));
  });

  it('attributes business time to owner, experts and customer, summing to elapsed plus paused', () => {
    const events = history('P1')
      .status(0, 'new', 'open')
      .assist(30, 'a1', true)
      .assist(40, 'a2', true)
      .assist(90, 'a1', false)
      .assist(100, 'a2', false)
      .status(150, 'open', 'pending')
      .status(200, 'pending', 'open').events;
    const resolution = computeSla(events, policy, always, now(300))?.resolution;
    expect(resolution?.attribution).toEqual({
      withOwnerMs: 180 * MINUTE,
      waitingOnExpertMs: 70 * MINUTE,
      waitingOnCustomerMs: 50 * MINUTE,
    });
    const { withOwnerMs, waitingOnExpertMs, waitingOnCustomerMs } = resolution!.attribution;
    expect(withOwnerMs + waitingOnExpertMs + waitingOnCustomerMs).toBe(resolution!.elapsedMs + resolution!.pausedMs);
    expect(resolution).toMatchObject({ state: 'breached', breachedAt: atMin(290) });
  });

  it('pauses resolution while blocked on an expert when the policy says so', () => {
    const blocking = aPolicy({ pauseResolutionWhileBlockedOnExpert: true });
    const events = history().assist(100, 'a1', true).events;
    const blocked = computeSla(events, blocking, always, now(160)).resolution;
    expect(blocked).toMatchObject({ clock: 'paused', elapsedMs: 100 * MINUTE, pausedMs: 60 * MINUTE });
    expect(blocked?.attribution.waitingOnExpertMs).toBe(60 * MINUTE);
    expect(computeSla(events, policy, always, now(160)).resolution).toMatchObject({
      clock: 'running',
      elapsedMs: 160 * MINUTE,
    });
  });

  it('counts only business hours for a ticket created outside them', () => {
    const office = aCalendar();
    // Friday 2026-03-27 18:00 Berlin; first response 60 business minutes -> Monday 09:00 CEST.
    const events: SlaHistoryEvent[] = [{ type: 'created', at: '2026-03-27T17:00:00.000Z', priority: 'P2' }];
    const sla = computeSla(events, policy, office, at('2026-03-28T12:00:00Z'));
    expect(sla.firstResponse).toMatchObject({ state: 'running', elapsedMs: 0, dueAt: '2026-03-30T07:00:00.000Z' });
    expect(sla.nextEvaluationAt).toBe('2026-03-30T06:30:00.000Z');
  });

  it('refuses a history without a created event', () => {
    expect(() => computeSla([{ type: 'agent_public_reply', at: atMin(0) }], policy, always, now(1))).toThrow(/created/);
  });
});

describe('computeAssistOla', () => {
  const ola = ZAssistOla.parse({
    teamId: 'network',
    answerWithinMinutes: 240,
    calendarId: 'cal-1',
    warningThresholds: [50],
  });
  const office = aCalendar();

  it('gives each assist its own due time on the expert calendar', () => {
    // Friday 2026-06-05 16:00 Berlin + 4 business hours -> Monday 11:00.
    const running = computeAssistOla(at('2026-06-05T14:00:00Z'), undefined, ola, office, at('2026-06-08T07:00:00Z'));
    expect(running).toMatchObject({ state: 'running', elapsedMs: 2 * 60 * MINUTE, dueAt: '2026-06-08T09:00:00.000Z' });
    expect(running.nextEvaluationAt).toBe('2026-06-08T09:00:00.000Z');
    const answered = computeAssistOla(
      at('2026-06-05T14:00:00Z'),
      at('2026-06-08T08:00:00Z'),
      ola,
      office,
      at('2026-06-09T08:00:00Z'),
    );
    expect(answered).toMatchObject({ state: 'met', stoppedAt: '2026-06-08T08:00:00.000Z' });
    expect(answered.attribution).toEqual({
      withOwnerMs: 0,
      waitingOnExpertMs: 3 * 60 * MINUTE,
      waitingOnCustomerMs: 0,
    });
    const late = computeAssistOla(at('2026-06-05T14:00:00Z'), undefined, ola, office, at('2026-06-08T12:00:00Z'));
    expect(late).toMatchObject({ state: 'breached', breachedAt: '2026-06-08T09:00:00.000Z' });
  });
});
