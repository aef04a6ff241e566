/**
 * Property tests of business-time maths against random calendars in time zones with DST (including
 * Lord Howe's 30-minute DST) and a brute-force reference that asks Intl about every single minute.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween } from './business-time.js';
import { type TCalendar, WEEKDAYS, ZCalendar } from './calendar.js';
import { dueExcluding, elapsedExcluding } from './elapsed-due.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'] as const;
/** DST switch days of 2026 (plus ordinary days) so random windows often contain a transition. */
const ANCHORS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01', '2026-07-15'].map(
  (date) => Date.parse(`${date}T00:00:00Z`),
);

const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (halfHours: number): string => `${pad(Math.floor(halfHours / 2))}:${halfHours % 2 ? '30' : '00'}`;

/** 0-2 disjoint intervals on half-hour boundaries (so some start or end inside a DST gap or overlap). */
const dayArb = fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 4 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const intervals: Array<{ start: string; end: string }> = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
  return intervals;
});

const calendarArb = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    holidayOffsets: fc.array(fc.record({ day: fc.integer({ min: -3, max: 10 }), recurring: fc.boolean() }), {
      maxLength: 3,
    }),
    anchor: fc.constantFrom(...ANCHORS),
  })
  .filter(({ days }) => days.some((day) => day.length > 0))
  .map(({ timeZone, days, holidayOffsets, anchor }) => {
    const week = Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]!]));
    const holidays = holidayOffsets.map(({ day, recurring }) => ({
      date: new Date(anchor + day * DAY).toISOString().slice(0, 10),
      name: 'Holiday',
      recurring,
    }));
    return { calendar: ZCalendar.parse({ id: 'p', name: 'P', timeZone, mode: 'business', week, holidays }), anchor };
  });

/** The obviously-right definition: a minute is business time if its local wall clock is in an interval of its local date. */
const bruteForce = (calendar: TCalendar) => {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: calendar.timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const isBusinessMinute = (t: number): boolean => {
    const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    if (calendar.holidays.some((h) => (h.recurring ? h.date.slice(5) === date.slice(5) : h.date === date)))
      return false;
    const weekday = String(parts.weekday).toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number];
    const time = `${parts.hour}:${parts.minute}`;
    return calendar.week[weekday].some((interval) => interval.start <= time && time < interval.end);
  };
  return {
    between: (from: number, to: number): number => {
      let minutes = 0;
      for (let t = from; t < to; t += MINUTE) if (isBusinessMinute(t)) minutes++;
      return minutes * MINUTE;
    },
    add: (from: number, minutes: number, limit: number): number | undefined => {
      let counted = 0;
      for (let t = from; t < limit; t += MINUTE) {
        if (isBusinessMinute(t) && ++counted === minutes) return t + MINUTE;
      }
      return undefined;
    },
  };
};

const startArb = fc.integer({ min: -2 * 24 * 60, max: 2 * 24 * 60 }).map((minutes) => minutes * MINUTE);
/** Windows for the slow reference: starting up to 36 h before an anchor day, so most contain its DST switch. */
const nearAnchorArb = fc.integer({ min: -36 * 60, max: 12 * 60 }).map((minutes) => minutes * MINUTE);
const durationArb = fc.integer({ min: 0, max: 5 * 24 * 60 }).map((minutes) => minutes * MINUTE);

describe('business time (properties)', () => {
  it('agrees with a minute-by-minute reference over short windows', () => {
    fc.assert(
      fc.property(
        calendarArb,
        nearAnchorArb,
        fc.integer({ min: 0, max: 36 * 60 }),
        ({ calendar, anchor }, offset, length) => {
          const from = anchor + offset;
          const to = from + length * MINUTE;
          const reference = bruteForce(calendar);
          expect(businessTimeBetween(calendar, new Date(from), new Date(to))).toBe(reference.between(from, to));
          const minutes = Math.max(1, Math.floor(length / 4));
          const expected = reference.add(from, minutes, from + 2 * DAY);
          if (expected !== undefined) {
            expect(addBusinessTime(calendar, new Date(from), minutes * MINUTE).getTime()).toBe(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('measures exactly the duration it added, from any start', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: -3 * DAY, max: 3 * DAY }),
        durationArb,
        ({ calendar, anchor }, offset, d) => {
          const start = new Date(anchor + offset);
          expect(businessTimeBetween(calendar, start, addBusinessTime(calendar, start, d))).toBe(d);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is monotonic in the duration', () => {
    fc.assert(
      fc.property(calendarArb, startArb, durationArb, durationArb, ({ calendar, anchor }, offset, d1, d2) => {
        const start = new Date(anchor + offset);
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addBusinessTime(calendar, start, short).getTime()).toBeLessThanOrEqual(
          addBusinessTime(calendar, start, long).getTime(),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('shifts the due time by exactly the business time paused', () => {
    fc.assert(
      fc.property(
        calendarArb,
        startArb,
        durationArb.filter((d) => d > 0),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 4 * DAY }),
        ({ calendar, anchor }, offset, d, where, pauseLength) => {
          const start = new Date(anchor + offset);
          const due = addBusinessTime(calendar, start, d);
          const pauseFrom = new Date(start.getTime() + Math.floor(where * (due.getTime() - start.getTime())));
          const pauseTo = new Date(pauseFrom.getTime() + pauseLength);
          const pauses = [{ from: pauseFrom, to: pauseTo }];
          const paused = dueExcluding(calendar, start, d, pauses);
          const shift = pauseFrom < due ? businessTimeBetween(calendar, pauseFrom, pauseTo) : 0;
          expect(businessTimeBetween(calendar, due, paused)).toBe(shift);
          expect(paused.getTime()).toBeGreaterThanOrEqual(due.getTime());
          expect(elapsedExcluding(calendar, start, paused, pauses)).toBe(d);
        },
      ),
      { numRuns: 100 },
    );
  });
});
