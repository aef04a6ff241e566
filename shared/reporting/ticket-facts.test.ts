import { describe, expect, it } from 'vitest';
import { testSlaConfig } from '../sla-engine/test-config.js';
import { bucketKey, type Tally } from './report-model.js';
import { anAssist, anEntry, aReportTicket, MIN } from './test-fixtures.js';
import { ticketContribution } from './ticket-facts.js';

const config = testSlaConfig();
const std = config.policies.find((p) => p.id === 'std')!;
const p1 = config.policies.find((p) => p.id === 'p1')!;
const H = 60 * MIN;

const ticketsKey = (day: string, policyId: string, priority = 'P3') =>
  bucketKey({
    family: 'tickets',
    day,
    dims: { teamId: 'desk', priority, type: 'incident', channel: 'email', policyId },
  });
const agentsKey = (day: string, agentId: string, priority = 'P3') =>
  bucketKey({ family: 'agents', day, dims: { agentId, teamId: 'desk', priority, type: 'incident' } });

describe('ticketContribution', () => {
  // Office calendar Mon-Fri 08:00-17:00 UTC; 2026-03-02 is a Monday.
  it('measures first response and resolution in business and calendar time, pauses excluded', () => {
    const ticket = aReportTicket(
      {
        id: 't1',
        createdAt: '2026-03-02T16:00:00.000Z',
        updatedAt: '2026-03-03T14:00:00.000Z',
        status: 'resolved',
        ownerId: 'alice',
        resolvedAt: '2026-03-03T14:00:00.000Z',
      },
      [
        { type: 'created', at: '2026-03-02T16:00:00.000Z', priority: 'P3', status: 'new' },
        { type: 'status_changed', at: '2026-03-02T16:10:00.000Z', from: 'new', to: 'open' },
        { type: 'agent_public_reply', at: '2026-03-03T08:30:00.000Z' },
        { type: 'status_changed', at: '2026-03-03T09:00:00.000Z', from: 'open', to: 'pending' },
        { type: 'status_changed', at: '2026-03-03T11:00:00.000Z', from: 'pending', to: 'open' },
        { type: 'status_changed', at: '2026-03-03T14:00:00.000Z', from: 'open', to: 'resolved' },
      ],
      std,
    );
    const entries = [
      anEntry(
        't1',
        3,
        'email_out',
        '2026-03-03T08:30:00.000Z',
        { kind: 'agent', agentId: 'alice' },
        { visibility: 'public' },
      ),
    ];
    const c = ticketContribution({ ticket, entries, assists: [], config, timeZone: 'UTC' });

    // Target 60 business minutes from Mon 16:00: due, and breached, at Mon 17:00; the whole life of
    // the target (90 business minutes up to the reply) was with the owner.
    expect(c.get(ticketsKey('2026-03-02', 'std'))).toEqual<Tally>({
      n: { created: 1, 'sla.firstResponse.breached': 1, 'breach.firstResponse.ownerMs': 90 * MIN },
      h: {},
    });
    const tuesday = c.get(ticketsKey('2026-03-03', 'std'))!;
    // First response: Mon 16-17 (60) + Tue 08:00-08:30 (30) = 90 business minutes; 16.5 h on the wall clock.
    expect(tuesday.n.frBusinessMs).toBe(90 * MIN);
    expect(tuesday.n.frCalendarMs).toBe(16.5 * H);
    expect(tuesday.n['sla.firstResponse.breached']).toBeUndefined();
    // Resolution: Mon 16-17 (60) + Tue 08-09 (60) + pending 09-11 paused + 11-14 (180) = 300 minutes; met (480).
    expect(tuesday.n.resBusinessMs).toBe(300 * MIN);
    expect(tuesday.n.resCalendarMs).toBe(22 * H);
    expect(tuesday.n['sla.resolution.met']).toBe(1);
    expect(tuesday.n.resolved).toBe(1);
    expect(tuesday.n.fcr).toBe(1);
    expect(tuesday.n.open).toBeUndefined();
    expect(c.get(agentsKey('2026-03-03', 'alice'))?.n).toEqual({
      resolved: 1,
      fcr: 1,
      replies: 1,
      resCalendarMs: 22 * H,
      resBusinessMs: 300 * MIN,
    });
  });

  it('counts a reopen, a transfer and an assist, and splits the breach between owner and expert', () => {
    const ticket = aReportTicket(
      {
        id: 't2',
        createdAt: '2026-03-04T10:00:00.000Z',
        updatedAt: '2026-03-04T11:30:00.000Z',
        status: 'resolved',
        priority: 'P1',
        ownerId: 'carol',
      },
      [
        { type: 'created', at: '2026-03-04T10:00:00.000Z', priority: 'P1', status: 'open' },
        { type: 'agent_public_reply', at: '2026-03-04T10:05:00.000Z' },
        { type: 'assist_opened', at: '2026-03-04T10:10:00.000Z', assistId: 't2.a1' },
        { type: 'assist_closed', at: '2026-03-04T10:35:00.000Z', assistId: 't2.a1' },
        { type: 'status_changed', at: '2026-03-04T10:50:00.000Z', from: 'open', to: 'resolved' },
        { type: 'status_changed', at: '2026-03-04T11:00:00.000Z', from: 'resolved', to: 'open' },
        { type: 'status_changed', at: '2026-03-04T11:30:00.000Z', from: 'open', to: 'resolved' },
      ],
      p1,
    );
    const entries = [
      anEntry(
        't2',
        9,
        'owner_changed',
        '2026-03-04T11:05:00.000Z',
        { kind: 'agent', agentId: 'bob' },
        { data: { via: 'transfer', from: 'bob', to: 'carol' } },
      ),
      anEntry(
        't2',
        2,
        'owner_changed',
        '2026-03-04T10:01:00.000Z',
        { kind: 'agent', agentId: 'bob' },
        { data: { via: 'accept', from: null, to: 'bob' } },
      ),
    ];
    const assists = [
      anAssist('t2', {
        state: 'answered',
        createdAt: '2026-03-04T10:10:00.000Z',
        closedAt: '2026-03-04T10:35:00.000Z',
      }),
    ];
    const c = ticketContribution({ ticket, entries, assists, config, timeZone: 'UTC' });
    const day = c.get(ticketsKey('2026-03-04', 'p1', 'P1'))!;
    expect(day.n).toMatchObject({
      created: 1,
      escalated: 1,
      reopened: 1,
      resolved: 1,
      reopenedResolved: 1,
      transfers: 1,
    });
    expect(day.n.fcr).toBeUndefined();
    // 24x7: 10:00-10:50 (50) + 11:00-11:30 (30) = 80 min against 60: breached at 11:10.
    expect(day.n.resBusinessMs).toBe(80 * MIN);
    expect(day.n.resCalendarMs).toBe(90 * MIN);
    expect(day.n['sla.resolution.breached']).toBe(1);
    // Owner 10:00-10:10, 10:35-10:50, 11:00-11:30 = 55 min; expert 10:10-10:35 = 25 min.
    expect(day.n['breach.resolution.ownerMs']).toBe(55 * MIN);
    expect(day.n['breach.resolution.expertMs']).toBe(25 * MIN);
    // P1 policy has no first-response target: times are measured, compliance is not.
    expect(day.n.frBusinessMs).toBe(5 * MIN);
    expect(day.n['sla.firstResponse.met']).toBeUndefined();
    const assistKey = bucketKey({
      family: 'assists',
      day: '2026-03-04',
      dims: { expertTeamId: 'network', teamId: 'desk', priority: 'P1', type: 'incident' },
    });
    // Default OLA: 30 minutes on 24x7; answered after 25.
    expect(c.get(assistKey)?.n).toEqual({
      requested: 1,
      answered: 1,
      olaMet: 1,
      answerCalendarMs: 25 * MIN,
      answerBusinessMs: 25 * MIN,
    });
    expect(c.get(agentsKey('2026-03-04', 'carol', 'P1'))?.n.resolved).toBe(1);
    expect(c.get(agentsKey('2026-03-04', 'bob', 'P1'))).toBeUndefined();
  });

  it('keeps an open ticket in the backlog of its creation day, for its owner too', () => {
    const ticket = aReportTicket(
      { id: 't3', createdAt: '2026-03-05T23:30:00.000Z', updatedAt: '2026-03-05T23:40:00.000Z', ownerId: 'alice' },
      [{ type: 'created', at: '2026-03-05T23:30:00.000Z', priority: 'P3', status: 'open' }],
      std,
    );
    const utc = ticketContribution({ ticket, entries: [], assists: [], config, timeZone: 'UTC' });
    expect(utc.get(ticketsKey('2026-03-05', 'std'))?.n).toEqual({ created: 1, open: 1 });
    expect(utc.get(agentsKey('2026-03-05', 'alice'))?.n).toEqual({ open: 1 });
    // In Berlin (UTC+1) the same instant is already the next day.
    const berlin = ticketContribution({ ticket, entries: [], assists: [], config, timeZone: 'Europe/Berlin' });
    expect(berlin.get(ticketsKey('2026-03-06', 'std'))?.n).toEqual({ created: 1, open: 1 });
  });
});
