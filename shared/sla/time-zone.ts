/**
 * Time-zone arithmetic on top of Intl. Used only when a calendar chunk is compiled, never in the
 * hot path of due-time computation: Intl formatting costs microseconds, the hot path must not.
 */

const HOUR_MS = 3_600_000;
/** Probe step when looking for offset transitions: no zone switches twice within a day. */
const PROBE_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** True when Intl knows the IANA time zone name. */
export const isValidTimeZone = (timeZone: string): boolean => {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** Local wall-clock reading of an instant, as milliseconds of a UTC-labelled clock (whole seconds). */
export const wallClockAt = (timeZone: string, epochMs: number): number => {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  utc.setUTCHours(fields.hour % 24, fields.minute, fields.second, 0);
  return utc.getTime();
};

/** UTC offset (local minus UTC, in ms) in force at an instant. */
export const offsetAt = (timeZone: string, epochMs: number): number => {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAt(timeZone, wholeSecond) - wholeSecond;
};

/** A stretch of time with one constant UTC offset. */
export interface OffsetSegment {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

/** First whole second in (lo, hi] whose offset differs from the offset at lo (tzdb switches on whole seconds). */
const findTransition = (timeZone: string, lo: number, hi: number, before: number): number => {
  let low = Math.floor(lo / 1000);
  let high = Math.ceil(hi / 1000);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(timeZone, mid * 1000) === before) low = mid;
    else high = mid;
  }
  return high * 1000;
};

/** Splits [from, to) into stretches of constant UTC offset. */
export const offsetSegments = (timeZone: string, from: number, to: number): OffsetSegment[] => {
  const segments: OffsetSegment[] = [];
  let segmentStart = from;
  let offset = offsetAt(timeZone, from);
  for (let probe = from; probe < to; ) {
    const next = Math.min(probe + PROBE_MS, to);
    const nextOffset = offsetAt(timeZone, next);
    if (nextOffset !== offset) {
      const switchAt = findTransition(timeZone, probe, next, offset);
      segments.push({ from: segmentStart, to: switchAt, offset });
      segmentStart = switchAt;
      offset = nextOffset;
    }
    probe = next;
  }
  segments.push({ from: segmentStart, to, offset });
  return segments;
};
