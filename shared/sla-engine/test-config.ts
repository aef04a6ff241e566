/** A small SLA configuration for the engine's tests (not used by production code). */
import { type TCalendarInput, ZCalendar } from '../sla/calendar.js';
import { type TSlaPolicyInput, ZSlaPolicy } from '../sla/sla-policy.js';
import { type SlaConfig, ZSlaOla } from './sla-config.js';

const OFFICE = [{ start: '08:00', end: '17:00' }];

export const calendar24x7 = (): TCalendarInput => ({ id: 'always', name: '24x7', timeZone: 'UTC', mode: '24x7' });
export const officeCalendar = (): TCalendarInput => ({
  id: 'office',
  name: 'Office',
  timeZone: 'UTC',
  mode: 'business',
  week: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
});

/** P1: resolution 60 min on 24x7, warning at 75 %; everything else: first response 60 min, resolution 8 h. */
export const testPolicies = (): TSlaPolicyInput[] => [
  {
    id: 'p1',
    name: 'P1 fast',
    order: 1,
    conditions: { priorities: ['P1'] },
    targets: { resolution: 60 },
    calendarId: 'always',
    warningThresholds: [75],
  },
  {
    id: 'std',
    name: 'Standard',
    order: 10,
    targets: { firstResponse: 60, nextResponse: 120, resolution: 480 },
    calendarId: 'office',
    warningThresholds: [50, 75],
  },
];

export const testSlaConfig = (overrides: Partial<{ policies: TSlaPolicyInput[] }> = {}): SlaConfig => ({
  calendars: new Map([calendar24x7(), officeCalendar()].map((c) => [c.id, ZCalendar.parse(c)])),
  policies: (overrides.policies ?? testPolicies()).map((p) => ZSlaPolicy.parse(p)),
  olas: [ZSlaOla.parse({ id: 'default', answerWithinMinutes: 30, calendarId: 'always', warningThresholds: [50] })],
});
