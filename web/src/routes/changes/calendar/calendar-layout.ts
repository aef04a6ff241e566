/**
 * The change calendar's rules, apart from its markup so they can be tested alone: the days of a
 * month grid (whole weeks, Monday first) or of a week, which changes fall on each day (a window
 * over several days shows on each), which days a maintenance or blackout window shades, and the
 * conflicts to highlight. Until the schedule API's calendar answers with its own conflicts, the
 * screen finds the plainest one itself: two changes whose windows overlap on a shared affected CI.
 * Local time throughout: a day is the viewer's day.
 */

export interface CalendarChange {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly state: string;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly affectedCiIds: readonly string[];
}

export interface CalendarWindow {
  readonly id: string;
  readonly kind: 'maintenance' | 'blackout';
  readonly name: string;
  readonly start: string;
  readonly end: string;
}

export interface CalendarDay {
  /** YYYY-MM-DD in local time: the day's key and its `datetime`. */
  readonly key: string;
  readonly date: Date;
  readonly inMonth: boolean;
  readonly start: number;
  readonly end: number;
}

export type CalendarView = 'month' | 'week';

const pad = (n: number) => String(n).padStart(2, '0');
export const dayKey = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `YYYY-MM-DD` to local midnight; anything else is today. */
export function parseDay(key: string | null): Date {
  const m = key ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(key) : null;
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date();
  d.setHours(0, 0, 0, 0);
  return Number.isNaN(d.getTime()) ? parseDay(null) : d;
}

const addDays = (d: Date, n: number): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const mondayOf = (d: Date): Date => addDays(d, -((d.getDay() + 6) % 7));

function day(date: Date, month: number): CalendarDay {
  return {
    key: dayKey(date),
    date,
    inMonth: date.getMonth() === month,
    start: date.getTime(),
    end: addDays(date, 1).getTime(),
  };
}

/** The days shown for `anchor`: whole weeks covering its month, or its week (Monday to Sunday). */
export function daysOf(view: CalendarView, anchor: Date): CalendarDay[] {
  if (view === 'week') {
    const monday = mondayOf(anchor);
    return Array.from({ length: 7 }, (_, i) => day(addDays(monday, i), anchor.getMonth()));
  }
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
  const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0);
  const from = mondayOf(first);
  const count = Math.round((addDays(mondayOf(last), 7).getTime() - from.getTime()) / 86_400_000);
  return Array.from({ length: count }, (_, i) => day(addDays(from, i), anchor.getMonth()));
}

/** The anchor one period earlier or later (the same day of the next month, clamped). */
export function shift(view: CalendarView, anchor: Date, by: number): Date {
  if (view === 'week') return addDays(anchor, 7 * by);
  const target = new Date(anchor.getFullYear(), anchor.getMonth() + by, 1);
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  return new Date(target.getFullYear(), target.getMonth(), Math.min(anchor.getDate(), last));
}

/** The instant range the days cover, for the calendar query. */
export const rangeOf = (days: readonly CalendarDay[]): { from: string; to: string } => ({
  from: new Date(days[0]?.start ?? 0).toISOString(),
  to: new Date(days[days.length - 1]?.end ?? 0).toISOString(),
});

interface Span {
  readonly start: number;
  readonly end: number;
}
const spanOf = (c: { plannedStart: string | null; plannedEnd: string | null }): Span | null =>
  c.plannedStart && c.plannedEnd ? { start: Date.parse(c.plannedStart), end: Date.parse(c.plannedEnd) } : null;

/**
 * Each day's changes, earliest start first. Days are contiguous, so a change is placed by index
 * arithmetic from its first day rather than tested against every day: 2,000 changes over 42 days
 * cost about 2,000 binary searches.
 */
export function changesByDay<C extends CalendarChange>(
  changes: readonly C[],
  days: readonly CalendarDay[],
): Map<string, C[]> {
  const byDay = new Map<string, C[]>(days.map((d) => [d.key, []]));
  const starts = days.map((d) => d.start);
  const sorted = changes
    .map((c) => ({ c, span: spanOf(c) }))
    .filter((x): x is { c: C; span: Span } => x.span !== null)
    .sort((a, b) => a.span.start - b.span.start);
  for (const { c, span } of sorted) {
    let i = Math.max(0, upperBound(starts, span.start) - 1);
    for (; i < days.length; i++) {
      const d = days[i] as CalendarDay;
      if (d.start >= span.end && !(span.start === span.end && d.start === span.start)) break;
      if (d.end > span.start) byDay.get(d.key)?.push(c);
    }
  }
  return byDay;
}

/** The first index whose value is greater than `x`. */
function upperBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The windows that touch each day (maintenance windows shade it, blackouts shade it darker). */
export function windowsByDay(
  windows: readonly CalendarWindow[],
  days: readonly CalendarDay[],
): Map<string, CalendarWindow[]> {
  const out = new Map<string, CalendarWindow[]>();
  for (const d of days) {
    const touching = windows.filter((w) => Date.parse(w.start) < d.end && Date.parse(w.end) > d.start);
    if (touching.length > 0) out.set(d.key, touching);
  }
  return out;
}

export interface Conflict {
  readonly changeId: string;
  readonly otherNumber: string;
  readonly reason: string;
}

/**
 * Changes whose windows overlap another's on a shared affected CI, with the reason; per CI the
 * windows are swept in start order, so the cost is about n log n rather than n².
 */
export function overlapConflicts(
  changes: readonly CalendarChange[],
  ciName: (id: string) => string = (id) => id,
): Map<string, Conflict[]> {
  const byCi = new Map<string, { c: CalendarChange; span: Span }[]>();
  for (const c of changes) {
    const span = spanOf(c);
    if (!span) continue;
    for (const ci of c.affectedCiIds) {
      const list = byCi.get(ci) ?? [];
      list.push({ c, span });
      byCi.set(ci, list);
    }
  }
  const out = new Map<string, Conflict[]>();
  const add = (a: CalendarChange, b: CalendarChange, ci: string) => {
    const list = out.get(a.id) ?? [];
    if (!list.some((x) => x.otherNumber === b.number))
      list.push({ changeId: a.id, otherNumber: b.number, reason: `Overlaps ${b.number} on ${ciName(ci)}` });
    out.set(a.id, list);
  };
  for (const [ci, list] of byCi) {
    list.sort((a, b) => a.span.start - b.span.start);
    const open: { c: CalendarChange; span: Span }[] = [];
    for (const item of list) {
      for (let i = open.length - 1; i >= 0; i--)
        if ((open[i] as { span: Span }).span.end <= item.span.start) open.splice(i, 1);
      for (const other of open) {
        add(item.c, other.c, ci);
        add(other.c, item.c, ci);
      }
      open.push(item);
    }
  }
  return out;
}

/** Arrow keys, Home/End and PageUp/PageDown on the grid: the index of the day to focus (or null to leave the grid). */
export function moveFocus(index: number, key: string, count: number): number | 'previous' | 'next' | null {
  const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  if (key === 'Home') return index - (index % 7);
  if (key === 'End') return index - (index % 7) + 6;
  if (key === 'PageUp') return 'previous';
  if (key === 'PageDown') return 'next';
  const by = step[key];
  if (by === undefined) return null;
  return Math.min(count - 1, Math.max(0, index + by));
}
