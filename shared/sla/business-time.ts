/**
 * Business-time arithmetic on a calendar: the due time of a duration and the business time between
 * two instants. Both use the same compiled running sums, so they are exact inverses:
 * businessTimeBetween(start, addBusinessTime(start, d)) === d for every start and d.
 */
import type { TCalendar } from './calendar.js';
import { CHUNK_MS, compileCalendar, cumulativeAt, instantAtCumulative } from './compiled-calendar.js';

/** Safety net: a calendar whose holidays swallow every business day for ten years is a bug upstream. */
const MAX_EMPTY_CHUNKS = Math.ceil((10 * 366 * 86_400_000) / CHUNK_MS);

const checkDuration = (durationMs: number): void => {
  if (!Number.isSafeInteger(durationMs) || durationMs < 0) {
    throw new RangeError(`business duration must be a non-negative integer of ms, got ${durationMs}`);
  }
};

/**
 * The earliest instant at which `durationMs` of business time has passed since `start` (the due time).
 * A zero duration is due at `start` itself; a positive one is due inside or at the end of a business
 * interval (17:00, not the next morning).
 */
export const addBusinessTime = (calendar: TCalendar, start: Date, durationMs: number): Date => {
  checkDuration(durationMs);
  const compiled = compileCalendar(calendar);
  const t = start.getTime();
  if (compiled.always || durationMs === 0) return new Date(t + durationMs);
  let index = Math.floor(t / CHUNK_MS);
  let chunk = compiled.chunk(index);
  let target = cumulativeAt(chunk, t) + durationMs;
  let empty = 0;
  while (target > chunk.total) {
    if (chunk.total === 0 && ++empty > MAX_EMPTY_CHUNKS) {
      throw new Error(`calendar ${calendar.id} has no business time for ten years after ${start.toISOString()}`);
    }
    target -= chunk.total;
    index++;
    chunk = compiled.chunk(index);
  }
  return new Date(instantAtCumulative(chunk, target));
};

/** Milliseconds of business time in [from, to); 0 when `to` is not after `from`. */
export const businessTimeBetween = (calendar: TCalendar, from: Date, to: Date): number => {
  const compiled = compileCalendar(calendar);
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  if (compiled.always) return b - a;
  const first = Math.floor(a / CHUNK_MS);
  const last = Math.floor(b / CHUNK_MS);
  if (first === last) {
    const chunk = compiled.chunk(first);
    return cumulativeAt(chunk, b) - cumulativeAt(chunk, a);
  }
  const head = compiled.chunk(first);
  let sum = head.total - cumulativeAt(head, a);
  for (let index = first + 1; index < last; index++) sum += compiled.chunk(index).total;
  return sum + cumulativeAt(compiled.chunk(last), b);
};

/** True when the instant is business time (intervals are closed at the start, open at the end). */
export const isBusinessTime = (calendar: TCalendar, at: Date): boolean => {
  const t = at.getTime();
  return businessTimeBetween(calendar, at, new Date(t + 1)) === 1;
};

export interface BusinessInterval {
  readonly start: Date;
  readonly end: Date;
}

/** The business intervals overlapping [from, to), clipped to it (for previews and explanations). */
export const businessIntervals = (calendar: TCalendar, from: Date, to: Date): BusinessInterval[] => {
  const compiled = compileCalendar(calendar);
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return [];
  if (compiled.always) return [{ start: new Date(a), end: new Date(b) }];
  const result: Array<[number, number]> = [];
  for (let index = Math.floor(a / CHUNK_MS); index <= Math.floor(b / CHUNK_MS); index++) {
    const chunk = compiled.chunk(index);
    for (let i = 0; i < chunk.starts.length; i++) {
      const start = Math.max(chunk.starts[i]!, a);
      const end = Math.min(chunk.ends[i]!, b);
      if (start >= end) continue;
      const last = result[result.length - 1];
      // Chunks cut intervals at their borders; glue the halves back together.
      if (last && last[1] === start) last[1] = end;
      else result.push([start, end]);
    }
  }
  return result.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
};
