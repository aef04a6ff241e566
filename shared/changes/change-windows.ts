/**
 * Blackout and maintenance windows (issue 16, ADR 0031): when changes must not happen (a
 * year-end freeze) and when a CI or service may be changed (Sundays 02:00-06:00 in its zone).
 * A window is global or scoped to one CI (a business service is a CI). It is either one stretch
 * of time, or a recurrence: an RFC 5545 RRULE for the days (rrule does the calendar maths), a
 * local start time and a length, read as wall-clock time in an IANA zone, so "02:00 on Sundays"
 * stays 02:00 across daylight-saving changes. Pure: occurrences are computed, never stored.
 */
import rrule from 'rrule';
import { fail, ok, type Result } from '../kernel/result.js';
import { isValidTimeZone, offsetAt } from '../sla/time-zone.js';

const { RRule } = rrule;

export const WINDOW_KINDS = ['maintenance', 'blackout'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** The scope of a global window. */
export const GLOBAL_SCOPE = 'global';

export interface WindowRecurrence {
  /** RRULE body without DTSTART and without times: `FREQ=WEEKLY;BYDAY=SU`. */
  readonly rule: string;
  /** Local start, `HH:MM`. */
  readonly startTime: string;
  readonly durationMinutes: number;
  /** First local date the rule may fall on (`YYYY-MM-DD`). */
  readonly from: string;
  /** Last local date (inclusive) or open-ended. */
  readonly until: string | null;
}

export interface ChangeWindowFields {
  readonly kind: WindowKind;
  readonly name: string;
  /** `global`, or the id of the CI (or business service) the window is for. */
  readonly scope: string;
  readonly timeZone: string;
  /** One stretch: both set, recurrence null. Recurring: both null. */
  readonly start: string | null;
  readonly end: string | null;
  readonly recurrence: WindowRecurrence | null;
}

export interface ChangeWindow extends ChangeWindowFields {
  readonly id: string;
  /** Partition key of the `changes` container: a window is its own partition (equals `id`). */
  readonly changeId: string;
  readonly docType: 'change-window';
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Rule parts that would fight the window's own time and start date. */
const FORBIDDEN_PARTS = ['DTSTART', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'UNTIL', 'COUNT', 'TZID'];
const MAX_DURATION_MINUTES = 60 * 24 * 31;
const DAY_MS = 86_400_000;

/** Validates a window's fields; the result is what is stored. */
export function validateWindow(input: ChangeWindowFields): Result<ChangeWindowFields> {
  const invalid = (message: string, field: string) => fail('REQUEST.VALIDATION_FAILED', message, { field });
  if (input.name.trim() === '') return invalid('A window needs a name', 'name');
  if (!isValidTimeZone(input.timeZone)) return invalid(`Unknown time zone ${input.timeZone}`, 'timeZone');
  if (input.recurrence === null) {
    if (input.start === null || input.end === null)
      return invalid('A one-off window needs a start and an end', 'start');
    if (!(Date.parse(input.start) < Date.parse(input.end))) return invalid('The end must be after the start', 'end');
    return ok({ ...input, name: input.name.trim() });
  }
  if (input.start !== null || input.end !== null)
    return invalid('A recurring window has a recurrence instead of a start and an end', 'start');
  const r = input.recurrence;
  if (!TIME.test(r.startTime)) return invalid('The start time is HH:MM', 'recurrence.startTime');
  if (!(Number.isInteger(r.durationMinutes) && r.durationMinutes > 0 && r.durationMinutes <= MAX_DURATION_MINUTES))
    return invalid('The length is between 1 minute and 31 days', 'recurrence.durationMinutes');
  if (!DATE.test(r.from) || Number.isNaN(Date.parse(`${r.from}T00:00:00Z`)))
    return invalid('The first date is YYYY-MM-DD', 'recurrence.from');
  if (r.until !== null && (!DATE.test(r.until) || r.until < r.from))
    return invalid('The last date is YYYY-MM-DD, on or after the first', 'recurrence.until');
  const rule = r.rule.trim().replace(/^RRULE:/i, '');
  const parts = rule.split(';').map((p) => p.split('=')[0]?.toUpperCase() ?? '');
  const forbidden = parts.find((p) => FORBIDDEN_PARTS.includes(p));
  if (forbidden) return invalid(`${forbidden} is set by the window itself, not in the rule`, 'recurrence.rule');
  try {
    const options = RRule.parseString(rule);
    if (options.freq === undefined) return invalid('The rule needs a FREQ', 'recurrence.rule');
    // Probe: a rule that never fires in a year is a mistake (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30).
    new RRule({ ...options, dtstart: new Date(`${r.from}T00:00:00Z`) }).after(new Date(`${r.from}T00:00:00Z`), true);
  } catch {
    return invalid(`Not a recurrence rule: ${r.rule}`, 'recurrence.rule');
  }
  return ok({ ...input, name: input.name.trim(), recurrence: { ...r, rule } });
}

/** The instant a local wall-clock reading (as UTC-labelled ms) happens in a zone. */
export const instantOfWallClock = (timeZone: string, wallMs: number): number => {
  const guess = wallMs - offsetAt(timeZone, wallMs);
  return wallMs - offsetAt(timeZone, guess);
};

type RuleOptions = ReturnType<typeof RRule.parseString>;
/** Parsed rules, per stored window object (a calendar or a slot search reuses them). */
const parsed = new WeakMap<ChangeWindowFields, RuleOptions>();

/**
 * The rule, started at the last whole period before `wallFrom`: rrule walks every occurrence from
 * DTSTART, so a weekday window started a year ago costs hundreds of steps per look-up otherwise.
 * A daily or weekly rule repeats every INTERVAL days or weeks, so moving DTSTART by whole periods
 * keeps every occurrence (and the weeks' alignment); monthly and yearly ones are walked as they are.
 */
function ruleFor(window: ChangeWindowFields, r: WindowRecurrence, wallFrom: number): InstanceType<typeof RRule> {
  let options = parsed.get(window);
  if (!options) {
    options = RRule.parseString(r.rule);
    parsed.set(window, options);
  }
  const [h, m] = r.startTime.split(':').map(Number) as [number, number];
  let dtstart = Date.parse(`${r.from}T00:00:00Z`) + (h * 60 + m) * 60_000;
  const periodDays = options.freq === RRule.WEEKLY ? 7 : options.freq === RRule.DAILY ? 1 : 0;
  if (periodDays > 0 && wallFrom > dtstart) {
    const period = periodDays * (options.interval ?? 1) * DAY_MS;
    dtstart += Math.max(0, Math.floor((wallFrom - dtstart) / period) - 1) * period;
  }
  const until = r.until ? new Date(Date.parse(`${r.until}T23:59:59Z`)) : null;
  // Floating wall-clock dates (labelled UTC): the zone is applied per occurrence.
  return new RRule({ ...options, dtstart: new Date(dtstart), ...(until ? { until } : {}) });
}

/** The window's occurrences that overlap [from, to), in order. */
export function occurrences(window: ChangeWindowFields, from: number, to: number): Occurrence[] {
  if (window.recurrence === null) {
    const start = Date.parse(window.start as string);
    const end = Date.parse(window.end as string);
    return start < to && end > from ? [{ start, end }] : [];
  }
  const r = window.recurrence;
  const length = r.durationMinutes * 60_000;
  // Wall-clock bounds, widened by the zone's largest offsets and the occurrence's length.
  const wallFrom = new Date(from - length - DAY_MS);
  const wallTo = new Date(to + DAY_MS);
  const out: Occurrence[] = [];
  for (const wall of ruleFor(window, r, wallFrom.getTime()).between(wallFrom, wallTo, true)) {
    const start = instantOfWallClock(window.timeZone, wall.getTime());
    const end = instantOfWallClock(window.timeZone, wall.getTime() + length);
    if (start < to && end > from) out.push({ start, end });
  }
  return out;
}

/** True when [start, end) lies wholly inside one occurrence of the window. */
export function contains(window: ChangeWindowFields, start: number, end: number): boolean {
  return occurrences(window, start, end).some((o) => o.start <= start && o.end >= end);
}

/** A short description for reasons and the calendar: "Sun 02:00-06:00 Europe/Berlin". */
export function describeWindow(window: ChangeWindowFields): string {
  if (window.recurrence === null) return `${window.start} to ${window.end}`;
  const r = window.recurrence;
  return `${r.rule} at ${r.startTime} for ${r.durationMinutes} min (${window.timeZone})`;
}
