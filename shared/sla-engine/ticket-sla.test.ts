import { describe, expect, it } from 'vitest';
import type { Actor } from '../kernel/actor.js';
import { systemActor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { Ticket } from '../tickets/ticket.js';
import { trackSlaHistory } from './sla-history-tracker.js';
import { testSlaConfig } from './test-config.js';
import { SLA_NO_DUE, stampTicket } from './ticket-sla.js';

const T0 = Date.parse('2026-06-01T08:00:00Z'); // a Monday
const MIN = 60_000;
const alice: Actor = { kind: 'agent', agentId: 'alice', roles: ['agent'], teamIds: ['desk'] };
const sla = systemActor('sla-engine');
let n = 0;
const ids = { next: (prefix = '') => `${prefix}${++n}` };
const ctx = (actor: Actor, minutes: number): ChangeContext => ({ actor, now: new Date(T0 + minutes * MIN), ids });

const aTicket = (impact: 1 | 2 | 3 = 3, urgency: 1 | 2 | 3 = 3): Ticket => {
  const created = Ticket.create(
    {
      number: 'INC-1',
      type: 'incident',
      title: 'Mail down',
      description: '',
      requester: { email: 'c@x.example', name: 'C' },
      impact,
      urgency,
      channel: 'web',
    },
    ctx(alice, 0),
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
};
const must = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('Ticket SLA history', () => {
  it('records creation, status, priority, replies and assists as compact events', () => {
    const ticket = aTicket();
    must(ticket.accept(ctx(alice, 1)));
    must(ticket.reply({ body: 'On it', cc: [] }, ctx(alice, 2)));
    must(ticket.updateFields({ impact: 1, urgency: 1 }, ctx(alice, 3)));
    const assistId = must(
      ticket.requestAssist({ target: { kind: 'team', teamId: 'dba' }, question: 'Locks?', dueAt: null }, ctx(alice, 4)),
    );
    must(ticket.changeStatus('resolved', 'fixed', ctx(alice, 5)));
    expect(ticket.toSnapshot().slaHistory?.map((e) => e.type)).toEqual([
      'created',
      'status_changed',
      'agent_public_reply',
      'priority_changed',
      'assist_opened',
      // Resolving withdraws the open assists first (their entries come before the status change).
      'assist_closed',
      'status_changed',
    ]);
    expect(ticket.toSnapshot().slaHistory?.[4]).toMatchObject({ type: 'assist_opened', assistId });
  });

  it('counts inbound mail a person wrote as a customer message, but not auto-replies', () => {
    const state = aTicket().toSnapshot();
    const change = {
      type: 'ticket.note_added' as const,
      kind: 'email_in' as const,
      author: { kind: 'customer' as const, email: 'c@x.example' },
      at: new Date(T0).toISOString(),
    };
    const human = trackSlaHistory(state.slaHistory ?? [], state, [], { ...change, data: { automatic: null } });
    const robot = trackSlaHistory(state.slaHistory ?? [], state, [], { ...change, data: { automatic: 'auto-reply' } });
    expect(human.at(-1)?.type).toBe('customer_message');
    expect(robot).toBe(state.slaHistory);
  });
});

describe('stampTicket', () => {
  it('matches the policy by priority and sets the indexed fields', () => {
    const stamp = stampTicket(aTicket(1, 1).toSnapshot(), [], testSlaConfig(), new Date(T0 + 10 * MIN));
    expect(stamp.sla?.policyName).toBe('P1 fast');
    expect(stamp.sla?.resolution?.dueAt).toBe('2026-06-01T09:00:00.000Z');
    expect(stamp.nextEvaluationAt).toBe('2026-06-01T08:45:00.000Z');
    expect(stamp.dueAt).toBe('2026-06-01T09:00:00.000Z');
    expect(stamp.notices).toEqual([]);
  });

  it('stores a compact snapshot on the ticket: per target its state and due time', () => {
    const ticket = aTicket(1, 1);
    ticket.applySla(stampTicket(ticket.toSnapshot(), [], testSlaConfig(), new Date(T0 + 10 * MIN)));
    expect(ticket.toSnapshot().slaSnapshot).toEqual({
      policyId: 'p1',
      status: 'ok',
      firstResponse: null, // the test policy has no first-response target
      nextResponse: null,
      resolution: { state: 'running', targetMs: 3_600_000, dueAt: '2026-06-01T09:00:00.000Z', breachedAt: null },
    });
  });

  it('drops the full clocks a document stored before they were derived on read', () => {
    const stored = { ...aTicket().toSnapshot(), sla: { policyId: 'old', status: 'ok' } };
    expect(Ticket.fromSnapshot(stored).toSnapshot()).not.toHaveProperty('sla');
  });

  it('keeps the frozen policy until the matching facts change', () => {
    const ticket = aTicket();
    ticket.applySla(stampTicket(ticket.toSnapshot(), [], testSlaConfig(), new Date(T0)));
    const edited = testSlaConfig({ policies: [{ ...testSlaConfigPolicy(), name: 'Edited' }] });
    expect(stampTicket(ticket.toSnapshot(), [], edited, new Date(T0)).sla?.policyName).toBe('Standard');
    expect(stampTicket(ticket.toSnapshot(), [], edited, new Date(T0), { rematch: true }).sla?.policyName).toBe(
      'Edited',
    );
  });

  it('makes a ticket with an unsent notice due at once, and has no due time without a policy', () => {
    const ticket = aTicket(1, 1);
    const stamp = stampTicket(ticket.toSnapshot(), [], testSlaConfig(), new Date(T0 + 50 * MIN));
    expect(stamp.notices.map((n) => n.key)).toEqual(['resolution:75']);
    expect(stamp.nextEvaluationAt).toBe(new Date(T0 + 50 * MIN).toISOString());
    const none = stampTicket(ticket.toSnapshot(), [], testSlaConfig({ policies: [] }), new Date(T0));
    expect([none.sla, none.nextEvaluationAt, none.dueAt]).toEqual([null, null, SLA_NO_DUE]);
  });
});

const testSlaConfigPolicy = () => ({
  id: 'std',
  name: 'Standard',
  order: 10,
  targets: { resolution: 480 },
  calendarId: 'office',
});

describe('Ticket.applySlaNotices', () => {
  it('sends a warning and a breach once each, with timeline entries', () => {
    const ticket = aTicket(1, 1);
    const at = (minutes: number) =>
      stampTicket(ticket.toSnapshot(), ticket.assists(), testSlaConfig(), new Date(T0 + minutes * MIN));
    expect(must(ticket.applySlaNotices(at(46).notices, ctx(sla, 46)))).toBe(1);
    expect(must(ticket.applySlaNotices(at(47).notices, ctx(sla, 47)))).toBe(0);
    expect(must(ticket.applySlaNotices(at(61).notices, ctx(sla, 61)))).toBe(1);
    expect(must(ticket.applySlaNotices(at(90).notices, ctx(sla, 90)))).toBe(0);
    const { entries, events } = ticket.pendingChanges();
    expect(events.map((e) => e.type).filter((t) => t.startsWith('sla.'))).toEqual(['sla.warning', 'sla.breached']);
    expect(entries.filter((e) => e.kind.startsWith('sla_')).map((e) => [e.kind, e.data.target])).toEqual([
      ['sla_warning', 'resolution'],
      ['sla_breached', 'resolution'],
    ]);
  });

  it('marks a warning discovered after the breach as handled without sending it', () => {
    const ticket = aTicket(1, 1);
    const stamp = stampTicket(ticket.toSnapshot(), [], testSlaConfig(), new Date(T0 + 70 * MIN));
    expect(stamp.notices.map((n) => [n.key, n.silent])).toEqual([
      ['resolution:75', true],
      ['resolution:breached', false],
    ]);
    expect(must(ticket.applySlaNotices(stamp.notices, ctx(sla, 70)))).toBe(1);
    expect(ticket.toSnapshot().slaMeta?.notified).toEqual(['resolution:75', 'resolution:breached']);
  });

  it('times an overdue assist out through the assist lifecycle, once', () => {
    const ticket = aTicket();
    must(ticket.accept(ctx(alice, 0)));
    const assistId = must(
      ticket.requestAssist({ target: { kind: 'team', teamId: 'dba' }, question: 'Locks?', dueAt: null }, ctx(alice, 0)),
    );
    const at = (minutes: number) =>
      stampTicket(ticket.toSnapshot(), ticket.assists(), testSlaConfig(), new Date(T0 + minutes * MIN));
    expect(at(10).nextEvaluationAt).toBe(new Date(T0 + 15 * MIN).toISOString());
    must(ticket.applySlaNotices(at(31).notices, ctx(sla, 31)));
    expect(ticket.assists().find((a) => a.id === assistId)?.state).toBe('timed_out');
    expect(at(40).notices).toEqual([]);
    expect(ticket.applySlaNotices(at(31).notices, ctx(alice, 31)).ok).toBe(false);
  });
});
