/**
 * Default SLA configuration of the demo: a Berlin business-hours calendar (Mon-Fri 08:00-17:00,
 * German public holidays), a 24x7 calendar for P1, one policy per priority with targets close to
 * common service-desk defaults (ServiceNow / Zendesk style), and a default assist OLA.
 */

import { type TCalendarInput, ZCalendar } from '../../shared/sla/calendar.js';
import { type TSlaPolicyInput, ZSlaPolicy } from '../../shared/sla/sla-policy.js';
import { type TSlaOlaInput, ZSlaOla } from '../../shared/sla-engine/sla-config.js';
import type { SlaConfigRepository } from '../../shared/sla-engine/sla-config-repository.js';

const OFFICE = [{ start: '08:00', end: '17:00' }];

/** Nationwide German public holidays of 2026 (fixed dates recur every year). */
export const GERMAN_HOLIDAYS_2026 = [
  { date: '2026-01-01', name: 'Neujahr', recurring: true },
  { date: '2026-04-03', name: 'Karfreitag' },
  { date: '2026-04-06', name: 'Ostermontag' },
  { date: '2026-05-01', name: 'Tag der Arbeit', recurring: true },
  { date: '2026-05-14', name: 'Christi Himmelfahrt' },
  { date: '2026-05-25', name: 'Pfingstmontag' },
  { date: '2026-10-03', name: 'Tag der Deutschen Einheit', recurring: true },
  { date: '2026-12-25', name: '1. Weihnachtstag', recurring: true },
  { date: '2026-12-26', name: '2. Weihnachtstag', recurring: true },
];

export const DEFAULT_CALENDARS: readonly TCalendarInput[] = [
  {
    id: 'business-hours',
    name: 'Business hours (Berlin)',
    timeZone: 'Europe/Berlin',
    mode: 'business',
    week: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
    holidays: GERMAN_HOLIDAYS_2026,
  },
  { id: '24x7', name: 'Round the clock', timeZone: 'UTC', mode: '24x7' },
];

const byPriority = (
  order: number,
  priority: 'P1' | 'P2' | 'P3' | 'P4',
  name: string,
  minutes: [firstResponse: number, nextResponse: number, resolution: number],
  calendarId: string,
): TSlaPolicyInput => ({
  id: priority.toLowerCase(),
  name,
  order,
  conditions: { priorities: [priority] },
  targets: { firstResponse: minutes[0], nextResponse: minutes[1], resolution: minutes[2] },
  calendarId,
  pauseStatuses: ['pending'],
  warningThresholds: [75, 90],
});

/** Business minutes: P3 resolves within 3 business days (27 h), P4 within 5 (45 h). */
export const DEFAULT_POLICIES: readonly TSlaPolicyInput[] = [
  byPriority(10, 'P1', 'P1 Critical (24x7)', [15, 60, 240], '24x7'),
  byPriority(20, 'P2', 'P2 High', [60, 240, 480], 'business-hours'),
  byPriority(30, 'P3', 'P3 Moderate', [240, 480, 1_620], 'business-hours'),
  byPriority(40, 'P4', 'P4 Low', [480, 960, 2_700], 'business-hours'),
];

export const DEFAULT_OLAS: readonly TSlaOlaInput[] = [
  {
    id: 'default',
    name: 'Expert answer',
    answerWithinMinutes: 240,
    calendarId: 'business-hours',
    warningThresholds: [75],
  },
  {
    id: 'network',
    name: 'Network team answer',
    teamId: 'network',
    answerWithinMinutes: 120,
    calendarId: 'business-hours',
    warningThresholds: [75],
  },
];

/** Writes the defaults when no calendar exists yet; returns whether it did. */
export async function seedSlaDefaults(repo: SlaConfigRepository): Promise<boolean> {
  if ((await repo.list('calendars')).length > 0) return false;
  for (const calendar of DEFAULT_CALENDARS) await repo.save('calendars', ZCalendar.parse(calendar), { create: true });
  for (const policy of DEFAULT_POLICIES) await repo.save('policies', ZSlaPolicy.parse(policy), { create: true });
  for (const ola of DEFAULT_OLAS) await repo.save('olas', ZSlaOla.parse(ola), { create: true });
  return true;
}
