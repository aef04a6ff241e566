import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesNcrontab, nextOccurrence, parseNcrontab } from './ncrontab.js';

const at = (iso: string) => new Date(iso);

describe('nextOccurrence', () => {
  it.each([
    ['0 */5 * * * *', '2025-03-10T10:02:30Z', '2025-03-10T10:05:00.000Z'],
    ['0 */5 * * * *', '2025-03-10T10:05:00Z', '2025-03-10T10:10:00.000Z'],
    ['*/10 * * * * *', '2025-03-10T10:02:31.500Z', '2025-03-10T10:02:40.000Z'],
    ['0 0 9 * * Mon-Fri', '2025-03-08T12:00:00Z', '2025-03-10T09:00:00.000Z'], // Saturday -> Monday
    ['0 30 9 * * 1-5', '2025-03-10T09:30:00Z', '2025-03-11T09:30:00.000Z'],
    ['0 0 0 1 Jan *', '2025-03-10T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['0 0 12 * * 0', '2025-03-10T00:00:00Z', '2025-03-16T12:00:00.000Z'], // Sunday
    ['0 0 12 * * 7', '2025-03-10T00:00:00Z', '2025-03-16T12:00:00.000Z'], // 7 is Sunday too
    ['0 0 0 29 2 *', '2025-03-10T00:00:00Z', '2028-02-29T00:00:00.000Z'], // leap day
    ['0 0 0 31 * *', '2025-04-01T00:00:00Z', '2025-05-31T00:00:00.000Z'], // April has no 31st
    ['15,45 0 0 * * *', '2025-12-31T23:59:59Z', '2026-01-01T00:00:15.000Z'],
    ['0 0 8-18/2 * * *', '2025-03-10T08:00:00Z', '2025-03-10T10:00:00.000Z'],
    ['0 0 0 1 */3 *', '2025-02-15T00:00:00Z', '2025-04-01T00:00:00.000Z'], // Jan, Apr, Jul, Oct
    ['0 0 0 * * Sun', '2025-03-10T00:00:00Z', '2025-03-16T00:00:00.000Z'],
  ])("'%s' after %s is %s", (expr, after, expected) => {
    expect(nextOccurrence(expr, at(after)).toISOString()).toBe(expected);
  });

  it('throws when a schedule can never fire', () => {
    expect(() => nextOccurrence('0 0 0 30 2 *', at('2025-01-01T00:00:00Z'))).toThrow(/no occurrence/);
  });
});

describe('parseNcrontab', () => {
  it.each([
    ['* * * * *', /expected 6 fields/],
    ['60 * * * * *', /second field '60'/],
    ['0 61 * * * *', /minute field/],
    ['0 0 24 * * *', /hour field/],
    ['0 0 0 0 * *', /day field/],
    ['0 0 0 1 13 *', /month field/],
    ['0 0 0 1 Foo *', /month field 'Foo'/],
    ['0 0 0 * * 8', /day-of-week field/],
    ['*/0 * * * * *', /second field.*step/],
    ['0 10-5 * * * *', /minute field.*backwards/],
    ['0 1,,2 * * * *', /minute field.*empty/],
  ])("rejects '%s'", (expr, message) => {
    expect(() => parseNcrontab(expr)).toThrow(message);
  });
});

// Schedules built from pieces that keep matches dense enough for a brute-force window.
const secondField = fc.constantFrom('*', '0', '*/7', '5-20', '10,30,50', '3-40/9', '59');
const minuteField = fc.constantFrom('*', '*/2', '0-10', '15,45', '7');
const hourField = fc.constantFrom('*', '0-23/3', '12', '1-4');
const dayField = fc.constantFrom('*', '1-15', '*/2');
const monthField = fc.constantFrom('*', 'Jan-Jun', '*/2');
const dowField = fc.constantFrom('*', 'Mon-Fri', '0,6', '1/2');
const expression = fc
  .tuple(secondField, minuteField, hourField, dayField, monthField, dowField)
  .map((parts) => parts.join(' '));
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));

describe('nextOccurrence (properties)', () => {
  it('returns a matching instant strictly after `after`, skipping no matching second', () => {
    fc.assert(
      fc.property(expression, instant, (expr, after) => {
        const schedule = parseNcrontab(expr);
        const next = nextOccurrence(schedule, after);
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(matchesNcrontab(schedule, next)).toBe(true);
        // Brute force over (at most) the next hour: nothing matches earlier than `next`.
        const start = Math.floor(after.getTime() / 1000) * 1000 + 1000;
        const end = Math.min(next.getTime(), start + 3600 * 1000);
        let firstMatch: number | undefined;
        for (let t = start; t < end && firstMatch === undefined; t += 1000) {
          if (matchesNcrontab(schedule, new Date(t))) firstMatch = t;
        }
        expect(firstMatch).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });
});
