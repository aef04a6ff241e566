/**
 * Where the calendar's changes come from. The list API has no planned-range filter, so until the
 * schedule API's calendar answers for a range, the screen pages through the open and finished
 * changes (100 a page) and keeps those whose window touches the range.
 */
import { type ChangeQuery, changesApi, type TChange } from '$lib/api/change-endpoints';
import { CHANGE_STATES } from '$shared/changes/change-state';

/** Cancelled and rejected changes never happen: the calendar leaves them out. */
const SHOWN: ChangeQuery['state'] = CHANGE_STATES.filter((s) => s !== 'cancelled' && s !== 'rejected');
const MAX_PAGES = 100;

export async function changesIn(range: { from: string; to: string }, signal?: AbortSignal): Promise<TChange[]> {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const out: TChange[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await changesApi.list({ state: SHOWN, limit: 100, ...(cursor ? { cursor } : {}) }, signal);
    for (const c of page.items)
      if (c.plannedStart && c.plannedEnd && Date.parse(c.plannedStart) < to && Date.parse(c.plannedEnd) > from)
        out.push(c);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}
