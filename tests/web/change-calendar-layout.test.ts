/**
 * The change calendar's rules (web/src/routes/changes/calendar/calendar-layout.ts): whole weeks
 * for a month, a window over several days on each of them, conflicts on a shared CI only when the
 * windows overlap, and the grid's keys.
 */
import { describe, expect, it } from 'vitest';
import {
  type CalendarChange,
  changesByDay,
  daysOf,
  moveFocus,
  overlapConflicts,
  parseDay,
  shift,
  windowsByDay,
} from '../../web/src/routes/changes/calendar/calendar-layout.js';

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00`).toISOString();
const aChange = (n: number, start: string | null, end: string | null, cis: string[] = []): CalendarChange => ({
  id: `c${n}`,
  number: `CHG-${n}`,
  title: `change ${n}`,
  state: 'scheduled',
  plannedStart: start,
  plannedEnd: end,
  affectedCiIds: cis,
});

describe('Change calendar layout', () => {
  it('shows a month as whole weeks from Monday, and a week as Monday to Sunday', () => {
    const december = daysOf('month', parseDay('2026-12-15'));
    expect(december.length % 7).toBe(0);
    expect(december[0]?.key).toBe('2026-11-30');
    expect(december.at(-1)?.key).toBe('2027-01-03');
    expect(december.filter((d) => d.inMonth)).toHaveLength(31);
    expect(daysOf('week', parseDay('2026-12-04')).map((d) => d.key)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('moves by a month (clamping the day) or by a week', () => {
    expect(shift('month', parseDay('2027-01-31'), 1).getDate()).toBe(28);
    expect(shift('week', parseDay('2026-12-04'), -1).getDate()).toBe(27);
  });

  it('places a change on every day its window touches, earliest first, and leaves unplanned ones out', () => {
    const days = daysOf('month', parseDay('2026-12-01'));
    const byDay = changesByDay(
      [
        aChange(2, at('2026-12-03', 22), at('2026-12-05', 2)),
        aChange(1, at('2026-12-03', 8), at('2026-12-03', 9)),
        aChange(3, null, null),
      ],
      days,
    );
    expect(byDay.get('2026-12-03')?.map((c) => c.number)).toEqual(['CHG-1', 'CHG-2']);
    expect(byDay.get('2026-12-04')?.map((c) => c.number)).toEqual(['CHG-2']);
    expect(byDay.get('2026-12-05')?.map((c) => c.number)).toEqual(['CHG-2']);
    expect(byDay.get('2026-12-06')).toEqual([]);
    expect([...byDay.values()].flat().some((c) => c.number === 'CHG-3')).toBe(false);
  });

  it('finds a conflict only for overlapping windows on a shared CI, both ways, with the reason', () => {
    const conflicts = overlapConflicts(
      [
        aChange(1, at('2026-12-03', 8), at('2026-12-03', 10), ['db']),
        aChange(2, at('2026-12-03', 9), at('2026-12-03', 11), ['db', 'web']),
        aChange(3, at('2026-12-03', 10), at('2026-12-03', 12), ['db']), // starts when 1 ends
        aChange(4, at('2026-12-03', 8), at('2026-12-03', 12), ['other']),
      ],
      (id) => `${id}-server`,
    );
    expect(conflicts.get('c1')?.map((c) => c.reason)).toEqual(['Overlaps CHG-2 on db-server']);
    expect(
      conflicts
        .get('c2')
        ?.map((c) => c.otherNumber)
        .sort(),
    ).toEqual(['CHG-1', 'CHG-3']);
    expect(conflicts.get('c3')?.map((c) => c.otherNumber)).toEqual(['CHG-2']);
    expect(conflicts.has('c4')).toBe(false);
  });

  it('shades the days a window touches', () => {
    const days = daysOf('week', parseDay('2026-12-04'));
    const shaded = windowsByDay(
      [{ id: 'w', kind: 'blackout', name: 'Year end', start: at('2026-12-05', 18), end: at('2026-12-06', 6) }],
      days,
    );
    expect([...shaded.keys()]).toEqual(['2026-12-05', '2026-12-06']);
  });

  it('moves focus by day and week, to the week ends, and asks for the next period on PageDown', () => {
    expect(moveFocus(8, 'ArrowRight', 35)).toBe(9);
    expect(moveFocus(8, 'ArrowUp', 35)).toBe(1);
    expect(moveFocus(3, 'ArrowUp', 35)).toBe(0);
    expect(moveFocus(33, 'ArrowDown', 35)).toBe(34);
    expect(moveFocus(9, 'Home', 35)).toBe(7);
    expect(moveFocus(9, 'End', 35)).toBe(13);
    expect(moveFocus(9, 'PageDown', 35)).toBe('next');
    expect(moveFocus(9, 'a', 35)).toBeNull();
  });
});
