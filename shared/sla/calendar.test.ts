import { describe, expect, it } from 'vitest';
import { ZCalendar } from './calendar.js';

const base = { id: 'c', name: 'Office', timeZone: 'Europe/Berlin', mode: 'business' as const };
const messagesOf = (input: unknown): string[] => {
  const parsed = ZCalendar.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('ZCalendar', () => {
  it('accepts several intervals a day and touching intervals', () => {
    const calendar = ZCalendar.parse({
      ...base,
      week: {
        mon: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '13:00' },
        ],
        sat: [{ start: '00:00', end: '24:00' }],
      },
      holidays: [{ date: '2026-12-25', name: 'Christmas', recurring: true }],
    });
    expect(calendar.week.tue).toEqual([]);
    expect(calendar.holidays).toHaveLength(1);
  });

  it('names the day and the intervals that overlap', () => {
    const week = {
      wed: [
        { start: '08:00', end: '12:00' },
        { start: '11:30', end: '17:00' },
      ],
    };
    expect(messagesOf({ ...base, week })).toEqual(['wed intervals 08:00-12:00 and 11:30-17:00 overlap']);
  });

  it('refuses an inverted or empty interval', () => {
    expect(messagesOf({ ...base, week: { fri: [{ start: '17:00', end: '08:00' }] } })[0]).toContain(
      'fri interval 17:00-08:00 is inverted or empty',
    );
    expect(messagesOf({ ...base, week: { fri: [{ start: '08:00', end: '08:00' }] } })[0]).toContain(
      'inverted or empty',
    );
  });

  it('refuses an unknown time zone by name', () => {
    expect(
      messagesOf({ ...base, timeZone: 'Mars/Olympus_Mons', week: { mon: [{ start: '08:00', end: '09:00' }] } }),
    ).toEqual(['unknown time zone "Mars/Olympus_Mons"']);
  });

  it('refuses bad time strings', () => {
    expect(messagesOf({ ...base, week: { mon: [{ start: '8:00', end: '24:30' }] } })).toEqual([
      'time must be HH:MM between 00:00 and 24:00',
      'time must be HH:MM between 00:00 and 24:00',
    ]);
  });

  it('refuses a business calendar without any business time', () => {
    expect(messagesOf({ ...base, week: {} })).toEqual([
      'a business calendar needs at least one business interval in the week, otherwise nothing is ever due',
    ]);
  });

  it('accepts a 24x7 calendar without a week', () => {
    expect(ZCalendar.safeParse({ ...base, mode: '24x7' }).success).toBe(true);
  });

  it('refuses holidays that are not real dates', () => {
    const holidays = [{ date: '2026-02-30', name: 'Nope' }];
    expect(messagesOf({ ...base, week: { mon: [{ start: '08:00', end: '09:00' }] }, holidays })).toEqual([
      'holiday date must be a real date YYYY-MM-DD',
    ]);
  });
});
