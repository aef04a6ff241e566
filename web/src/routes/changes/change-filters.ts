/**
 * The change list's filters as the URL keeps them, and which of them the API answers (state, type,
 * owner) and which the screen applies to the rows it has loaded (team, planned range): the list
 * API has no team or planned-range filter yet, so those narrow what "Load more" brought in.
 */
import type { ChangeQuery, TChange } from '$lib/api/change-endpoints';
import { OPEN_STATES } from '$lib/components/changes/change-labels';

export const FILTERS = ['state', 'type', 'owner', 'team', 'from', 'to'] as const;
export type ChangeFilters = Record<(typeof FILTERS)[number], string>;

/** `state` is one state, `open` (the default) or `all`. */
export function filtersFrom(params: URLSearchParams): ChangeFilters {
  const f = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as ChangeFilters;
  if (!f.state) f.state = 'open';
  return f;
}

export function apiQuery(f: ChangeFilters): ChangeQuery {
  const state = f.state === 'open' ? [...OPEN_STATES] : f.state === 'all' ? undefined : [f.state];
  return {
    ...(state ? { state } : {}),
    ...(f.type ? { type: f.type as ChangeQuery['type'] } : {}),
    ...(f.owner ? { owner: f.owner } : {}),
  };
}

/** Day boundaries in local time: `from` at 00:00, `to` at the end of that day. */
const dayStart = (day: string, plusDays = 0): number => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.getTime();
};

/** Team and planned range on the loaded rows: a change matches the range when its window overlaps it. */
export function matchesLocally(c: TChange, f: ChangeFilters): boolean {
  if (f.team && c.teamId !== f.team) return false;
  if (f.from || f.to) {
    if (!c.plannedStart || !c.plannedEnd) return false;
    if (f.from && new Date(c.plannedEnd).getTime() < dayStart(f.from)) return false;
    if (f.to && new Date(c.plannedStart).getTime() >= dayStart(f.to, 1)) return false;
  }
  return true;
}
