/**
 * "All tickets matching the filter" for a bulk job (issue 18): the list's filter is resolved to
 * ticket ids by reading the list page after page, as the agent would by scrolling, and refused
 * when more than BULK_MAX_TICKETS match (narrow the filter) rather than cut at an arbitrary one.
 */
import { BULK_MAX_TICKETS } from '../api/bulk.schemas.js';

export type ListPage = (cursor: string | null) => Promise<{ ids: string[]; nextCursor: string | null }>;

export type MatchingOutcome = { ok: true; ticketIds: string[] } | { ok: false; reason: string };

export async function ticketsMatching(page: ListPage): Promise<MatchingOutcome> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const next = await page(cursor);
    for (const id of next.ids) ids.add(id);
    if (ids.size > BULK_MAX_TICKETS)
      return { ok: false, reason: `more than ${BULK_MAX_TICKETS} tickets match the filter; narrow it down` };
    cursor = next.nextCursor;
  } while (cursor);
  if (ids.size === 0) return { ok: false, reason: 'no ticket matches the filter' };
  return { ok: true, ticketIds: [...ids] };
}
