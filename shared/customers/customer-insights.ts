/**
 * The customer panel's figures, pure: from a contact's (or company's) tickets, the open ones, the
 * most recent, and over the last 90 days the count, the resolved count, SLA breaches and the
 * median resolution time (created -> resolved, wall-clock minutes).
 */
import type { TCustomerInsights, TTicketLine } from '../api/customers.schemas.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';

const DAY_MS = 86_400_000;
const OPEN = new Set(['new', 'open', 'pending']);

export const ticketLine = (t: TicketSnapshot): TTicketLine => ({
  id: t.id,
  number: t.number,
  title: t.title,
  status: t.status,
  priority: t.priority,
  createdAt: t.createdAt,
  resolvedAt: t.resolvedAt,
  slaStatus: t.slaSnapshot?.status ?? null,
});

const breached = (t: TicketSnapshot): boolean => {
  const s = t.slaSnapshot;
  if (!s) return false;
  return [s.firstResponse, s.nextResponse, s.resolution].some((target) => target?.breachedAt);
};

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** `recent`: newest first (as read); `open`: every open one found (as read, newest first). */
export function customerInsights(
  recent: readonly TicketSnapshot[],
  open: readonly TicketSnapshot[],
  now: Date,
  truncated: boolean,
): TCustomerInsights {
  const since = new Date(now.getTime() - 90 * DAY_MS).toISOString();
  const window = recent.filter((t) => t.createdAt >= since);
  const resolved = window.filter((t) => t.resolvedAt !== null);
  const minutes = resolved.map((t) => (Date.parse(t.resolvedAt as string) - Date.parse(t.createdAt)) / 60_000);
  const m = median(minutes);
  return {
    open: open
      .filter((t) => OPEN.has(t.status))
      .slice(0, 20)
      .map(ticketLine),
    recent: recent.slice(0, 10).map(ticketLine),
    last90Days: {
      tickets: window.length,
      resolved: resolved.length,
      slaBreaches: window.filter(breached).length,
      medianResolutionMinutes: m === null ? null : Math.round(m),
    },
    truncated,
  };
}
