import { describe, expect, it } from 'vitest';
import { type ChangeWindowFields, contains, occurrences, validateWindow } from './change-windows.js';

const weekly = (
  over: Partial<ChangeWindowFields['recurrence'] & object> = {},
  timeZone = 'Europe/Berlin',
): ChangeWindowFields => ({
  kind: 'maintenance',
  name: 'Sunday night',
  scope: 'ci-1',
  timeZone,
  start: null,
  end: null,
  recurrence: {
    rule: 'FREQ=WEEKLY;BYDAY=SU',
    startTime: '02:00',
    durationMinutes: 240,
    from: '2026-01-01',
    until: null,
    ...over,
  },
});
const at = (iso: string) => Date.parse(iso);

describe('change windows', () => {
  it('puts a weekly window at 02:00 local time on both sides of a daylight-saving change', () => {
    const march = occurrences(weekly(), at('2026-03-20T00:00:00Z'), at('2026-04-06T00:00:00Z'));
    expect(march.map((o) => new Date(o.start).toISOString())).toEqual([
      '2026-03-22T01:00:00.000Z', // CET, UTC+1
      '2026-03-29T01:00:00.000Z', // the switch night: 02:00 does not exist, the window opens at 03:00 CEST
      '2026-04-05T00:00:00.000Z', // CEST, UTC+2
    ]);
    expect(march[0]?.end).toBe(at('2026-03-22T05:00:00Z'));
  });

  it('stops at its last date and starts at its first', () => {
    const w = weekly({ from: '2026-06-01', until: '2026-06-14' }, 'UTC');
    const found = occurrences(w, at('2026-05-01T00:00:00Z'), at('2026-07-01T00:00:00Z'));
    expect(found.map((o) => new Date(o.start).toISOString())).toEqual([
      '2026-06-07T02:00:00.000Z',
      '2026-06-14T02:00:00.000Z',
    ]);
  });

  it('returns an occurrence that only partly overlaps the range', () => {
    const w = weekly({}, 'UTC');
    expect(occurrences(w, at('2026-06-07T05:00:00Z'), at('2026-06-07T05:30:00Z'))).toHaveLength(1);
    expect(occurrences(w, at('2026-06-07T06:00:00Z'), at('2026-06-07T07:00:00Z'))).toHaveLength(0);
  });

  it('tells whether a stretch lies wholly inside one occurrence', () => {
    const w = weekly({}, 'UTC');
    expect(contains(w, at('2026-06-07T02:30:00Z'), at('2026-06-07T05:00:00Z'))).toBe(true);
    expect(contains(w, at('2026-06-07T05:00:00Z'), at('2026-06-07T07:00:00Z'))).toBe(false);
  });

  it('handles a one-off window', () => {
    const w: ChangeWindowFields = {
      kind: 'blackout',
      name: 'Year end',
      scope: 'global',
      timeZone: 'UTC',
      start: '2026-12-20T00:00:00Z',
      end: '2027-01-04T00:00:00Z',
      recurrence: null,
    };
    expect(occurrences(w, at('2026-12-31T00:00:00Z'), at('2026-12-31T01:00:00Z'))).toEqual([
      { start: at('2026-12-20T00:00:00Z'), end: at('2027-01-04T00:00:00Z') },
    ]);
    expect(occurrences(w, at('2027-01-04T00:00:00Z'), at('2027-01-05T00:00:00Z'))).toEqual([]);
  });

  it.each([
    ['an empty name', { name: ' ' }, 'name'],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a start and a recurrence', { start: '2026-01-01T00:00:00Z' }, 'start'],
    ['a bad time', { recurrence: { ...weekly().recurrence!, startTime: '25:00' } }, 'recurrence.startTime'],
    ['a zero length', { recurrence: { ...weekly().recurrence!, durationMinutes: 0 } }, 'recurrence.durationMinutes'],
    [
      'a rule with its own time',
      { recurrence: { ...weekly().recurrence!, rule: 'FREQ=DAILY;BYHOUR=3' } },
      'recurrence.rule',
    ],
    ['no rule at all', { recurrence: { ...weekly().recurrence!, rule: 'BYDAY=SU' } }, 'recurrence.rule'],
    ['nonsense', { recurrence: { ...weekly().recurrence!, rule: 'FREQ=SOMETIMES' } }, 'recurrence.rule'],
    [
      'a last date before the first',
      { recurrence: { ...weekly().recurrence!, until: '2025-01-01' } },
      'recurrence.until',
    ],
  ] as const)('refuses %s', (_name, patch, field) => {
    const result = validateWindow({ ...weekly(), ...patch } as ChangeWindowFields);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details).toEqual({ field });
  });

  it('refuses a one-off window that ends before it starts', () => {
    const result = validateWindow({
      kind: 'blackout',
      name: 'x',
      scope: 'global',
      timeZone: 'UTC',
      start: '2026-02-01T00:00:00Z',
      end: '2026-01-01T00:00:00Z',
      recurrence: null,
    });
    expect(result.ok).toBe(false);
  });

  it('accepts a weekly window and strips an RRULE: prefix', () => {
    const result = validateWindow(weekly({ rule: 'RRULE:FREQ=WEEKLY;BYDAY=SU' }));
    expect(result.ok && result.value.recurrence?.rule).toBe('FREQ=WEEKLY;BYDAY=SU');
  });
});
