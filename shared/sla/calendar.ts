/**
 * Business calendar: an IANA time zone, weekly business hours (several intervals a day) and
 * holidays, or round-the-clock (24x7). Business hours are local wall-clock times.
 *
 * A 24x7 calendar counts every instant: its week and holidays are ignored (a 24x7 service desk
 * is staffed on holidays too; use a business calendar with 00:00-24:00 days to honour holidays).
 */
import { z } from 'zod';
import { isValidTimeZone } from './time-zone.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TIME_OF_DAY = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since local midnight of an 'HH:MM' string ('24:00' = 1440, the end of the day). */
export const minutesOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const isRealDate = (date: string): boolean => {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
};

const ZTimeOfDay = z.string().regex(TIME_OF_DAY, 'time must be HH:MM between 00:00 and 24:00');

export const ZBusinessInterval = z.strictObject({ start: ZTimeOfDay, end: ZTimeOfDay });
export type TBusinessInterval = z.infer<typeof ZBusinessInterval>;

const ZDay = z.array(ZBusinessInterval).max(48).default([]);

export const ZWeek = z.strictObject({
  mon: ZDay,
  tue: ZDay,
  wed: ZDay,
  thu: ZDay,
  fri: ZDay,
  sat: ZDay,
  sun: ZDay,
});
export type TWeek = z.infer<typeof ZWeek>;

export const ZHoliday = z.strictObject({
  date: z.string().refine(isRealDate, 'holiday date must be a real date YYYY-MM-DD'),
  name: z.string().min(1).max(200),
  /** Every year on the same month and day (29 February only in leap years). */
  recurring: z.boolean().optional(),
});
export type THoliday = z.infer<typeof ZHoliday>;

const EMPTY_WEEK: TWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

export const ZCalendar = z
  .strictObject({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    timeZone: z.string().refine(isValidTimeZone, { error: (issue) => `unknown time zone "${String(issue.input)}"` }),
    mode: z.enum(['24x7', 'business']),
    week: ZWeek.default(EMPTY_WEEK),
    holidays: z.array(ZHoliday).max(2000).default([]),
  })
  .superRefine((calendar, ctx) => {
    let businessIntervals = 0;
    for (const day of WEEKDAYS) {
      const intervals = calendar.week[day];
      intervals.forEach((interval, index) => {
        if (interval.start === '24:00' || minutesOfDay(interval.start) >= minutesOfDay(interval.end)) {
          ctx.addIssue({
            code: 'custom',
            path: ['week', day, index],
            message: `${day} interval ${interval.start}-${interval.end} is inverted or empty: start must be before end`,
          });
        } else {
          businessIntervals++;
        }
      });
      const sorted = [...intervals].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
      for (let i = 1; i < sorted.length; i++) {
        const previous = sorted[i - 1]!;
        const current = sorted[i]!;
        if (minutesOfDay(current.start) < minutesOfDay(previous.end)) {
          ctx.addIssue({
            code: 'custom',
            path: ['week', day],
            message: `${day} intervals ${previous.start}-${previous.end} and ${current.start}-${current.end} overlap`,
          });
        }
      }
    }
    if (calendar.mode === 'business' && businessIntervals === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['week'],
        message: 'a business calendar needs at least one business interval in the week, otherwise nothing is ever due',
      });
    }
  });

/** A validated calendar. Treat it as immutable: compiled forms are cached per object. */
export type TCalendar = z.infer<typeof ZCalendar>;
/** What an admin sends: defaults (empty week days, no holidays) not yet applied. */
export type TCalendarInput = z.input<typeof ZCalendar>;
