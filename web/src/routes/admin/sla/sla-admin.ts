/**
 * Helpers of the SLA admin pages: the week's days in order, a blank calendar and policy to start
 * from, comma lists, and the problem of a failed request as something the form can show.
 */

import { ApiError } from '$lib/api/client';
import type { TProblem } from '$shared/api/common.schemas';
import type { TCalendarInput, Weekday } from '$shared/sla/calendar';
import type { SlaTargetKind, TSlaPolicyInput } from '$shared/sla/sla-policy';

// Typed against the model's own `Weekday`, not imported as a value: the model drags zod along.
export const DAYS: readonly [Weekday, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];

export const TARGET_KINDS: readonly [SlaTargetKind, string][] = [
  ['firstResponse', 'First response'],
  ['nextResponse', 'Next response'],
  ['resolution', 'Resolution'],
];

const OFFICE = () => [{ start: '09:00', end: '17:00' }];

export const blankCalendar = (): TCalendarInput => ({
  id: '',
  name: '',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  mode: 'business',
  week: { mon: OFFICE(), tue: OFFICE(), wed: OFFICE(), thu: OFFICE(), fri: OFFICE(), sat: [], sun: [] },
  holidays: [],
});

export const blankPolicy = (calendarId: string): TSlaPolicyInput => ({
  id: '',
  name: '',
  order: 100,
  conditions: {},
  targets: { firstResponse: { P3: 240 }, resolution: { P3: 1440 } },
  calendarId,
  pauseStatuses: ['pending'],
  warningThresholds: [75],
  pauseResolutionWhileBlockedOnExpert: false,
});

export const commaList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** A failed request as problem details; network and unexpected errors become one too. */
export function problemOf(error: unknown): TProblem {
  if (error instanceof ApiError) return error.problem;
  return {
    type: 'about:blank',
    title: 'Unexpected error',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
    code: 'CLIENT.UNEXPECTED',
  };
}

/** Every IANA zone the browser knows, for the time zone picker. */
export const timeZones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
};
