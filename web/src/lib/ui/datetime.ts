/**
 * Wall-clock time in a named IANA zone <-> instants, for the DateTime field: the agent types a
 * local date and time in their zone ("2026-03-02T10:00" as a datetime-local input gives it) and the
 * API gets an ISO instant. Pure functions on Intl, so they hold for any zone, not only the browser's.
 */

// Relative, not $shared: the Node test project imports this file too.
import { offsetAt, wallClockAt } from '../../../../shared/sla/time-zone.js';

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (the SLA engine's own maths). */
export const zoneOffsetMs = (instant: number, timeZone: string): number => offsetAt(timeZone, instant);

const DAY_MS = 86_400_000;
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant at which the zone's clock shows `wall` (YYYY-MM-DDTHH:mm), as ISO; null when the text
 * is not such a time. Like browsers and Temporal's "compatible" rule: a time that occurs twice (clocks
 * go back) is the earlier instant, a time skipped by clocks going forward moves on by the gap.
 */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(asUtc)) return null;
  const before = zoneOffsetMs(asUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(asUtc + DAY_MS, timeZone);
  const valid = [asUtc - before, asUtc - after].filter((t) => t + zoneOffsetMs(t, timeZone) === asUtc);
  return new Date(valid.length > 0 ? Math.min(...valid) : asUtc - before).toISOString();
}

/** The zone's wall-clock time at an ISO instant, as a datetime-local input shows it (YYYY-MM-DDTHH:mm). */
export function isoToWallTime(iso: string, timeZone: string): string {
  const instant = new Date(iso).getTime();
  if (Number.isNaN(instant)) return '';
  // The wall clock as a UTC-labelled instant: its ISO text is the local date and time.
  return new Date(wallClockAt(timeZone, instant)).toISOString().slice(0, 16);
}
