/**
 * Wall-clock time in a named IANA zone <-> instants, for the DateTime field: the agent types a
 * local date and time in their zone ("2026-03-02T10:00" as a datetime-local input gives it) and the
 * API gets an ISO instant. Pure functions on Intl, so they hold for any zone, not only the browser's.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: number, timeZone: string): Record<string, number> {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const wall = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return wall - Math.floor(instant / 1000) * 1000;
}

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
  const p = partsIn(instant, timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p['year']}-${two(p['month'])}-${two(p['day'])}T${two(p['hour'])}:${two(p['minute'])}`;
}
