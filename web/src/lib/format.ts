/** Small display helpers: relative and absolute times, file sizes. */
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const dtf = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

export const absoluteTime = (iso: string | null | undefined): string => (iso ? dtf.format(new Date(iso)) : '');

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A business-time span, compact: "45m", "3h 20m", "2d 4h" (a day here is 24 business hours). */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  return hours % 24 ? `${Math.floor(hours / 24)}d ${hours % 24}h` : `${Math.floor(hours / 24)}d`;
}

/** The agent's own time zone (the browser's), named in tooltips so due times are unambiguous. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const zoned = new Map<string, Intl.DateTimeFormat>();
/** An instant as wall-clock time in a given IANA zone, with the zone's short name. */
export function timeIn(iso: string | null | undefined, timeZone = localTimeZone()): string {
  if (!iso) return '';
  let f = zoned.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    zoned.set(timeZone, f);
  }
  return `${f.format(new Date(iso))} (${timeZone})`;
}
