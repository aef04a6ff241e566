/**
 * Elapsed/due helpers over a clock that is paused for some stretches: the same maths the SLA clocks
 * use, exposed so tests and previews can check due times against elapsed times.
 */
import { addBusinessTime, businessTimeBetween } from './business-time.js';
import type { TCalendar } from './calendar.js';

export interface Pause {
  readonly from: Date;
  readonly to: Date;
}

/** Non-overlapping pauses sorted by start, clipped to start after `start`. */
const normalise = (start: number, pauses: readonly Pause[]): Array<[number, number]> => {
  const sorted = pauses
    .map((pause): [number, number] => [Math.max(pause.from.getTime(), start), pause.to.getTime()])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
};

/** Business time in [from, to) outside the pauses. */
export const elapsedExcluding = (calendar: TCalendar, from: Date, to: Date, pauses: readonly Pause[]): number => {
  const end = to.getTime();
  let elapsed = businessTimeBetween(calendar, from, to);
  for (const [pauseFrom, pauseTo] of normalise(from.getTime(), pauses)) {
    elapsed -= businessTimeBetween(calendar, new Date(pauseFrom), new Date(Math.min(pauseTo, end)));
  }
  return elapsed;
};

/** When `durationMs` of business time outside the pauses has passed since `start`. */
export const dueExcluding = (calendar: TCalendar, start: Date, durationMs: number, pauses: readonly Pause[]): Date => {
  let cursor = start.getTime();
  let remaining = durationMs;
  for (const [pauseFrom, pauseTo] of normalise(cursor, pauses)) {
    const before = businessTimeBetween(calendar, new Date(cursor), new Date(pauseFrom));
    if (before >= remaining) break;
    remaining -= before;
    cursor = Math.max(cursor, pauseTo);
  }
  return addBusinessTime(calendar, new Date(cursor), remaining);
};
