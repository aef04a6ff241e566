/** Builders shared by the SLA tests (not used by production code). */
import { type TCalendar, type TCalendarInput, type TWeek, ZCalendar } from './calendar.js';
import { type TSlaPolicy, type TSlaPolicyInput, ZSlaPolicy } from './sla-policy.js';

type Day = TWeek['mon'];

export const OFFICE: Day = [{ start: '08:00', end: '17:00' }];
export const WITH_LUNCH: Day = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];

export const workWeek = (day: Day): Partial<TWeek> => ({ mon: day, tue: day, wed: day, thu: day, fri: day });
export const everyDay = (day: Day): TWeek => ({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day });

export const aCalendar = (overrides: Partial<TCalendarInput> = {}): TCalendar =>
  ZCalendar.parse({
    id: 'cal-1',
    name: 'Office',
    timeZone: 'Europe/Berlin',
    mode: 'business',
    week: workWeek(OFFICE),
    ...overrides,
  });

export const aPolicy = (overrides: Partial<TSlaPolicyInput> = {}): TSlaPolicy =>
  ZSlaPolicy.parse({
    id: 'pol-1',
    name: 'Standard',
    order: 1,
    targets: { firstResponse: 60, nextResponse: 120, resolution: { P1: 240, P2: 480, P3: 960, P4: 2400 } },
    calendarId: 'cal-1',
    pauseStatuses: ['pending'],
    warningThresholds: [50, 75, 90],
    ...overrides,
  });

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const at = (iso: string): Date => new Date(iso);
