import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessIntervals, businessTimeBetween, isBusinessTime } from './business-time.js';
import { aCalendar, at, everyDay, HOUR, MINUTE, OFFICE, WITH_LUNCH, workWeek } from './test-support.js';

const berlinEveryDay = aCalendar({ week: everyDay(OFFICE) });
const newYorkEveryDay = aCalendar({ timeZone: 'America/New_York', week: everyDay(OFFICE) });
const due = (calendar: ReturnType<typeof aCalendar>, start: string, ms: number): string =>
  addBusinessTime(calendar, at(start), ms).toISOString();

describe('addBusinessTime / businessTimeBetween', () => {
  it('moves a ticket created on Friday evening to Monday morning', () => {
    // Friday 2026-03-27 18:00 Berlin (CET) + 2 h -> Monday 10:00 CEST, across the DST weekend.
    expect(due(aCalendar(), '2026-03-27T17:00:00Z', 2 * HOUR)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('ends at the close of the day rather than the next opening', () => {
    expect(due(aCalendar(), '2026-06-01T06:00:00Z', 9 * HOUR)).toBe('2026-06-01T15:00:00.000Z');
  });

  it('counts 9 business hours on the 23-hour and the 25-hour day in Berlin', () => {
    expect(businessTimeBetween(berlinEveryDay, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(9 * HOUR);
    expect(businessTimeBetween(berlinEveryDay, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(9 * HOUR);
    // Saturday 16:00 CET + 2 h -> Sunday 09:00 CEST (07:00Z); Saturday 16:00 CEST + 2 h -> Sunday 09:00 CET (08:00Z).
    expect(due(berlinEveryDay, '2026-03-28T15:00:00Z', 2 * HOUR)).toBe('2026-03-29T07:00:00.000Z');
    expect(due(berlinEveryDay, '2026-10-24T14:00:00Z', 2 * HOUR)).toBe('2026-10-25T08:00:00.000Z');
  });

  it('counts 9 business hours on the DST days in New York', () => {
    expect(businessTimeBetween(newYorkEveryDay, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(9 * HOUR);
    expect(businessTimeBetween(newYorkEveryDay, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(9 * HOUR);
    // Saturday 16:00 EST + 2 h -> Sunday 09:00 EDT (13:00Z); Saturday 16:00 EDT + 2 h -> Sunday 09:00 EST (14:00Z).
    expect(due(newYorkEveryDay, '2026-03-07T21:00:00Z', 2 * HOUR)).toBe('2026-03-08T13:00:00.000Z');
    expect(due(newYorkEveryDay, '2026-10-31T20:00:00Z', 2 * HOUR)).toBe('2026-11-01T14:00:00.000Z');
  });

  it('shortens an interval over the skipped hour and lengthens one over the repeated hour', () => {
    const night = aCalendar({ week: { sun: [{ start: '01:00', end: '05:00' }] } });
    const spring = businessTimeBetween(night, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'));
    const autumn = businessTimeBetween(night, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'));
    expect([spring, autumn]).toEqual([3 * HOUR, 5 * HOUR]);
    // 02:30 does not exist on 2026-03-29: an interval starting then opens at 03:00 CEST (01:00Z).
    const gap = aCalendar({ week: { sun: [{ start: '02:30', end: '04:00' }] } });
    expect(businessIntervals(gap, at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toEqual([
      { start: at('2026-03-29T01:00:00Z'), end: at('2026-03-29T02:00:00Z') },
    ]);
  });

  it('makes a 24-hour day 23 and 25 hours long across DST', () => {
    const allDay = aCalendar({ timeZone: 'America/New_York', week: { sun: [{ start: '00:00', end: '24:00' }] } });
    expect(businessTimeBetween(allDay, at('2026-03-07T00:00:00Z'), at('2026-03-10T00:00:00Z'))).toBe(23 * HOUR);
    expect(businessTimeBetween(allDay, at('2026-10-31T00:00:00Z'), at('2026-11-03T00:00:00Z'))).toBe(25 * HOUR);
  });

  it('skips explicit and recurring holidays', () => {
    const calendar = aCalendar({
      holidays: [
        { date: '2026-12-24', name: 'Christmas Eve' },
        { date: '2020-01-01', name: 'New Year', recurring: true },
      ],
    });
    // Wed 2026-12-23 16:00 CET + 2 h: Thu 24th is a holiday -> Fri 25th 09:00.
    expect(due(calendar, '2026-12-23T15:00:00Z', 2 * HOUR)).toBe('2026-12-25T08:00:00.000Z');
    // Thu 2026-12-31 16:00 + 2 h: Fri 2027-01-01 recurs as a holiday -> Mon 2027-01-04 09:00.
    expect(due(calendar, '2026-12-31T15:00:00Z', 2 * HOUR)).toBe('2027-01-04T08:00:00.000Z');
    // An explicit holiday does not recur.
    expect(due(calendar, '2027-12-23T15:00:00Z', 2 * HOUR)).toBe('2027-12-24T08:00:00.000Z');
  });

  it('skips the lunch gap on multi-interval days', () => {
    const calendar = aCalendar({ week: workWeek(WITH_LUNCH) });
    expect(due(calendar, '2026-06-01T09:00:00Z', 2 * HOUR)).toBe('2026-06-01T12:00:00.000Z');
    expect(isBusinessTime(calendar, at('2026-06-01T10:30:00Z'))).toBe(false);
    expect(businessTimeBetween(calendar, at('2026-06-01T06:00:00Z'), at('2026-06-01T15:00:00Z'))).toBe(8 * HOUR);
  });

  it('counts every instant on a 24x7 calendar', () => {
    const calendar = aCalendar({ mode: '24x7', holidays: [{ date: '2026-03-29', name: 'Ignored' }] });
    expect(due(calendar, '2026-03-28T23:30:00Z', 90 * MINUTE)).toBe('2026-03-29T01:00:00.000Z');
    expect(businessTimeBetween(calendar, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(48 * HOUR);
  });

  it('is due at the start for a zero duration and refuses negative ones', () => {
    expect(due(aCalendar(), '2026-06-06T12:00:00Z', 0)).toBe('2026-06-06T12:00:00.000Z');
    expect(() => addBusinessTime(aCalendar(), at('2026-06-06T12:00:00Z'), -1)).toThrow(RangeError);
    expect(businessTimeBetween(aCalendar(), at('2026-06-02T12:00:00Z'), at('2026-06-01T12:00:00Z'))).toBe(0);
  });

  it('spans chunks and long durations consistently', () => {
    const calendar = aCalendar({ week: workWeek(WITH_LUNCH) });
    const start = at('2026-01-05T07:00:00Z');
    const end = addBusinessTime(calendar, start, 200 * 8 * HOUR);
    expect(businessTimeBetween(calendar, start, end)).toBe(200 * 8 * HOUR);
    expect(end.getTime()).toBeGreaterThan(at('2026-10-01T00:00:00Z').getTime());
  });
});
