/**
 * A calendar compiled to sorted UTC business intervals with running sums, built lazily in chunks of
 * 32 days and cached per calendar object. Due-time maths then is two binary searches and no Intl.
 *
 * DST rule: an instant is business time when its local wall-clock reading (date and time) lies in
 * one of that date's intervals and the date is not a holiday. So 08:00-17:00 is 9 hours on a 23- or
 * 25-hour day; an interval spanning the skipped hour is an hour shorter (02:30 never happens, the
 * interval starts at 03:00); an interval spanning the repeated hour counts both passes through it.
 */
import { minutesOfDay, type TCalendar, WEEKDAYS } from './calendar.js';
import { offsetSegments } from './time-zone.js';

export const DAY_MS = 86_400_000;
export const CHUNK_MS = 32 * DAY_MS;
/** Local time is at most 14 h ahead of or 12 h behind UTC; one more hour of margin on each side. */
const AHEAD_MS = 15 * 3_600_000;
const BEHIND_MS = 13 * 3_600_000;

/** Business intervals inside [index * CHUNK_MS, (index + 1) * CHUNK_MS), sorted and disjoint. */
export interface CalendarChunk {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Business ms in this chunk up to the end of interval i. */
  readonly cumEnd: Float64Array;
  readonly total: number;
}

export interface CompiledCalendar {
  readonly calendar: TCalendar;
  /** 24x7: every instant is business time. */
  readonly always: boolean;
  chunk(index: number): CalendarChunk;
}

const cache = new WeakMap<TCalendar, CompiledCalendar>();

/** Weekday intervals in minutes, indexed like Date#getUTCDay (0 = Sunday). */
const weekMinutes = (calendar: TCalendar): Array<Array<[number, number]>> => {
  const byUtcDay = [WEEKDAYS[6], ...WEEKDAYS.slice(0, 6)];
  return byUtcDay.map((day) =>
    (calendar.week?.[day] ?? [])
      .map((interval): [number, number] => [minutesOfDay(interval.start), minutesOfDay(interval.end)])
      .filter(([start, end]) => start < end),
  );
};

interface Holidays {
  readonly explicit: ReadonlySet<string>;
  readonly recurring: ReadonlySet<string>;
}

const holidaySets = (calendar: TCalendar): Holidays => {
  const explicit = new Set<string>();
  const recurring = new Set<string>();
  for (const holiday of calendar.holidays ?? []) {
    if (holiday.recurring) recurring.add(holiday.date.slice(5));
    else explicit.add(holiday.date);
  }
  return { explicit, recurring };
};

const buildChunk = (
  calendar: TCalendar,
  week: Array<Array<[number, number]>>,
  holidays: Holidays,
  index: number,
): CalendarChunk => {
  const windowStart = index * CHUNK_MS;
  const windowEnd = windowStart + CHUNK_MS;
  const firstDay = Math.floor((windowStart - AHEAD_MS) / DAY_MS);
  const lastDay = Math.floor((windowEnd + BEHIND_MS) / DAY_MS);
  const segments = offsetSegments(calendar.timeZone, firstDay * DAY_MS - AHEAD_MS, (lastDay + 1) * DAY_MS + BEHIND_MS);

  const pieces: Array<[number, number]> = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const date = new Date(day * DAY_MS);
    const intervals = week[date.getUTCDay()]!;
    if (intervals.length === 0) continue;
    const iso = date.toISOString().slice(0, 10);
    if (holidays.explicit.has(iso) || holidays.recurring.has(iso.slice(5))) continue;
    for (const [startMinute, endMinute] of intervals) {
      const wallStart = day * DAY_MS + startMinute * 60_000;
      const wallEnd = day * DAY_MS + endMinute * 60_000;
      for (const segment of segments) {
        const from = Math.max(wallStart - segment.offset, segment.from, windowStart);
        const to = Math.min(wallEnd - segment.offset, segment.to, windowEnd);
        if (from < to) pieces.push([from, to]);
      }
    }
  }
  pieces.sort((a, b) => a[0] - b[0]);

  const merged: Array<[number, number]> = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && piece[0] <= last[1]) last[1] = Math.max(last[1], piece[1]);
    else merged.push([piece[0], piece[1]]);
  }
  const starts = new Float64Array(merged.length);
  const ends = new Float64Array(merged.length);
  const cumEnd = new Float64Array(merged.length);
  let total = 0;
  merged.forEach(([from, to], i) => {
    starts[i] = from;
    ends[i] = to;
    total += to - from;
    cumEnd[i] = total;
  });
  return { starts, ends, cumEnd, total };
};

/** The compiled form of a calendar, built once per calendar object (WeakMap cache). */
export const compileCalendar = (calendar: TCalendar): CompiledCalendar => {
  let compiled = cache.get(calendar);
  if (compiled) return compiled;
  const week = weekMinutes(calendar);
  const holidays = holidaySets(calendar);
  const chunks = new Map<number, CalendarChunk>();
  compiled = {
    calendar,
    always: calendar.mode === '24x7',
    chunk(index: number): CalendarChunk {
      let chunk = chunks.get(index);
      if (!chunk) {
        chunk = buildChunk(calendar, week, holidays, index);
        chunks.set(index, chunk);
      }
      return chunk;
    },
  };
  cache.set(calendar, compiled);
  return compiled;
};

/** Business ms of the chunk strictly before instant t. */
export const cumulativeAt = (chunk: CalendarChunk, t: number): number => {
  const { starts } = chunk;
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (starts[mid]! < t) low = mid + 1;
    else high = mid;
  }
  if (low === 0) return 0;
  const i = low - 1;
  return chunk.cumEnd[i]! - chunk.ends[i]! + Math.min(t, chunk.ends[i]!);
};

/** Earliest instant in the chunk at which its cumulative business time reaches `target` (0 < target <= total). */
export const instantAtCumulative = (chunk: CalendarChunk, target: number): number => {
  const { cumEnd } = chunk;
  let low = 0;
  let high = cumEnd.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumEnd[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return chunk.ends[low]! - (cumEnd[low]! - target);
};
