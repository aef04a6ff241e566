import { describe, expect, it } from 'vitest';
import {
  type ConflictKind,
  detectConflicts,
  nextFreeSlot,
  type ScheduleFacts,
  type ScheduleProposal,
} from './change-conflicts.js';
import type { ChangeWindowFields } from './change-windows.js';

const at = (iso: string) => Date.parse(iso);
const proposal: ScheduleProposal = {
  changeId: 'chg_me',
  start: at('2026-06-07T02:00:00Z'),
  end: at('2026-06-07T04:00:00Z'),
  ciIds: ['web-01'],
  agentIds: ['alice'],
};
const none: ScheduleFacts = {
  names: new Map([
    ['web-01', 'web-01'],
    ['db-01', 'db-01'],
    ['shop', 'Web shop'],
    ['alice', 'Alice'],
  ]),
  neighbours: [{ ciId: 'db-01', of: 'web-01', direction: 'upstream' }],
  services: [{ serviceId: 'shop', viaCiId: 'web-01' }],
  ciBookings: [],
  agentBookings: [],
  windows: [],
  incidents: [],
};
const booking = (resourceId: string, start = '2026-06-07T03:00:00Z', end = '2026-06-07T05:00:00Z') => ({
  changeId: 'chg_other',
  number: 'CHG-2',
  resourceId,
  start: at(start),
  end: at(end),
});
const sundays = (scope: string): ChangeWindowFields & { id: string } => ({
  id: `mw-${scope}`,
  kind: 'maintenance',
  name: `Sunday ${scope}`,
  scope,
  timeZone: 'UTC',
  start: null,
  end: null,
  recurrence: {
    rule: 'FREQ=WEEKLY;BYDAY=SU',
    startTime: '01:00',
    durationMinutes: 300,
    from: '2026-01-01',
    until: null,
  },
});
const blackout = (scope: string): ChangeWindowFields & { id: string } => ({
  id: `bo-${scope}`,
  kind: 'blackout',
  name: 'Freeze',
  scope,
  timeZone: 'UTC',
  start: '2026-06-06T00:00:00Z',
  end: '2026-06-08T00:00:00Z',
  recurrence: null,
});
const incident = (ciId: string, priority: string) => ({ ticketId: 't1', number: 'INC-7', priority, ciId });

describe('detectConflicts', () => {
  it.each<[string, Partial<ScheduleFacts>, Partial<ScheduleProposal>, ConflictKind[]]>([
    ['nothing else going on', {}, {}, []],
    ['another change on the same CI', { ciBookings: [booking('web-01')] }, {}, ['ci_overlap']],
    [
      'another change on the same CI, later',
      { ciBookings: [booking('web-01', '2026-06-07T04:00:00Z', '2026-06-07T06:00:00Z')] },
      {},
      [],
    ],
    ['the change itself', { ciBookings: [{ ...booking('web-01'), changeId: 'chg_me' }] }, {}, []],
    ['a change on the CI one hop up', { ciBookings: [booking('db-01')] }, {}, ['neighbour_overlap']],
    ['a change on an unrelated CI', { ciBookings: [booking('mail-01')] }, {}, []],
    ['a global blackout', { windows: [blackout('global')] }, {}, ['blackout']],
    ['a blackout on an impacted service', { windows: [blackout('shop')] }, {}, ['blackout']],
    ['a blackout on another CI', { windows: [blackout('mail-01')] }, {}, []],
    ['inside the CI maintenance window', { windows: [sundays('web-01')] }, {}, []],
    [
      'outside the CI maintenance window',
      { windows: [sundays('web-01')] },
      { start: at('2026-06-08T02:00:00Z'), end: at('2026-06-08T03:00:00Z') },
      ['outside_maintenance'],
    ],
    [
      'running past the end of the window',
      { windows: [sundays('web-01')] },
      { end: at('2026-06-07T07:00:00Z') },
      ['outside_maintenance'],
    ],
    [
      'outside the service window, the CI has none',
      { windows: [sundays('shop')] },
      { start: at('2026-06-08T02:00:00Z'), end: at('2026-06-08T03:00:00Z') },
      ['outside_maintenance'],
    ],
    [
      'the CI window wins over the global one',
      {
        windows: [
          sundays('web-01'),
          { ...sundays('global'), recurrence: { ...sundays('global').recurrence!, rule: 'FREQ=WEEKLY;BYDAY=MO' } },
        ],
      },
      {},
      [],
    ],
    ['an open P1 on the CI', { incidents: [incident('web-01', 'P1')] }, {}, ['open_incident']],
    ['an open P2 on an impacted service', { incidents: [incident('shop', 'P2')] }, {}, ['open_incident']],
    ['an open P3 on the CI', { incidents: [incident('web-01', 'P3')] }, {}, []],
    ['the assignee already booked', { agentBookings: [booking('alice')] }, {}, ['assignee_booked']],
    ['someone else booked', { agentBookings: [booking('bob')] }, {}, []],
    [
      'several at once',
      { ciBookings: [booking('web-01')], windows: [blackout('global')], incidents: [incident('web-01', 'P1')] },
      {},
      ['ci_overlap', 'blackout', 'open_incident'],
    ],
  ])('%s', (_case, facts, change, kinds) => {
    const found = detectConflicts({ ...proposal, ...change }, { ...none, ...facts });
    expect(found.map((c) => c.kind)).toEqual(kinds);
    for (const c of found) expect(c.reason).not.toBe('');
  });

  it('says why, naming the other change, the CIs and their relation', () => {
    const [c] = detectConflicts(proposal, { ...none, ciBookings: [booking('db-01')] });
    expect(c?.reason).toBe(
      'CHG-2 changes db-01, next to web-01 (which it depends on), 2026-06-07 03:00-2026-06-07 05:00 UTC',
    );
    expect(c?.ref).toEqual({ type: 'change', id: 'chg_other', label: 'CHG-2' });
  });

  it('lists a change booked on two CIs of the change once per CI', () => {
    const found = detectConflicts(
      { ...proposal, ciIds: ['web-01', 'db-01'] },
      { ...none, ciBookings: [booking('web-01'), booking('db-01'), booking('db-01')] },
    );
    expect(found.map((c) => `${c.kind}:${c.ciId}`)).toEqual(['ci_overlap:web-01', 'ci_overlap:db-01']);
  });
});

describe('nextFreeSlot', () => {
  const two = 2 * 3_600_000;
  it('is the requested start when it is free', () => {
    expect(nextFreeSlot(proposal, two, proposal.start, none)).toEqual({
      start: proposal.start,
      end: proposal.start + two,
    });
  });

  it('moves past another change on the CI', () => {
    const slot = nextFreeSlot(proposal, two, proposal.start, { ...none, ciBookings: [booking('web-01')] });
    expect(slot?.start).toBe(at('2026-06-07T05:00:00Z'));
  });

  it('finds the next maintenance window that fits after a blackout', () => {
    const slot = nextFreeSlot(proposal, two, at('2026-06-05T12:00:00Z'), {
      ...none,
      windows: [sundays('web-01'), blackout('global')],
    });
    expect(slot).toEqual({ start: at('2026-06-14T01:00:00Z'), end: at('2026-06-14T03:00:00Z') });
  });

  it('ignores open incidents (they are not a matter of time)', () => {
    expect(nextFreeSlot(proposal, two, proposal.start, { ...none, incidents: [incident('web-01', 'P1')] })?.start).toBe(
      proposal.start,
    );
  });

  it('gives up after the horizon', () => {
    const always: ChangeWindowFields & { id: string } = {
      ...blackout('global'),
      start: '2026-01-01T00:00:00Z',
      end: '2027-01-01T00:00:00Z',
    };
    expect(nextFreeSlot(proposal, two, proposal.start, { ...none, windows: [always] })).toBeNull();
  });
});
