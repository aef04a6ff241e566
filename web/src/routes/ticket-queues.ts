/**
 * What each queue means as a list query: the queue gives defaults, the filters in the URL
 * override them. "Active" (the default status filter outside All) is new, open and pending.
 */

import type { TicketQuery } from '$lib/api/endpoints';
import type { Column, SortState } from '$lib/ui/data-table';
import type { TListTicketsQuery, TTicket } from '$shared/api/tickets.schemas';
import { PRIORITIES } from '$shared/tickets/priority';
import { TICKET_STATUSES } from '$shared/tickets/ticket-status';

export type Queue = 'mine' | 'unassigned' | 'team' | 'all';

export const QUEUE_TITLES: Record<Queue, string> = {
  mine: 'My tickets',
  unassigned: 'Unassigned',
  team: 'Team',
  all: 'All tickets',
};

export const SORT_LABELS: Record<TListTicketsQuery['sort'], string> = {
  '-updated': 'Recently updated',
  updated: 'Least recently updated',
  priority: 'Priority',
  '-created': 'Newest',
  created: 'Oldest',
  sla: 'SLA due first',
};

export const PAGE_SIZE = 50;

const ACTIVE = ['new', 'open', 'pending'] as TListTicketsQuery['status'];
const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;

/** `myTeam` is a getter so that only the Team queue depends on the profile having loaded. */
export function queueQuery(queue: Queue, params: URLSearchParams, myTeam: () => string | undefined): TicketQuery {
  const status = params.get('status');
  const q: TicketQuery = {
    sort: oneOf(Object.keys(SORT_LABELS) as TListTicketsQuery['sort'][], params.get('sort')) ?? '-updated',
    limit: PAGE_SIZE,
  };
  const statusOne = oneOf(TICKET_STATUSES, status);
  if (statusOne) q.status = [statusOne];
  else if (status !== 'any' && queue !== 'all') q.status = ACTIVE;
  const priority = oneOf(PRIORITIES, params.get('priority'));
  if (priority) q.priority = [priority];
  const team = params.get('team') || (queue === 'team' ? myTeam() : undefined);
  if (team) q.team = team;
  const owner = params.get('owner');
  if (queue === 'mine') q.owner = 'me';
  else if (queue === 'unassigned') q.owner = 'none';
  else if (owner) q.owner = owner;
  const text = params.get('q')?.trim();
  if (text) q.q = text;
  return q;
}

/** The list's columns; sortable ones map to the API's sort orders (server-side sorting). */
export const LIST_COLUMNS: readonly Column<TTicket>[] = [
  { id: 'number', label: 'Number', sortable: true, numeric: true, hideable: false },
  { id: 'title', label: 'Title', hideable: false },
  { id: 'requester', label: 'Requester', optional: true },
  { id: 'status', label: 'Status', optional: true },
  { id: 'priority', label: 'Priority', sortable: true },
  { id: 'owner', label: 'Owner', optional: true },
  { id: 'updated', label: 'Updated', sortable: true, optional: true },
];

type Sort = TListTicketsQuery['sort'];

/** Which column and direction a sort order shows in the header ("SLA due first" has no column). */
export function sortState(sort: string): SortState | null {
  switch (sort) {
    case '-updated':
      return { column: 'updated', direction: 'descending' };
    case 'updated':
      return { column: 'updated', direction: 'ascending' };
    case 'priority':
      return { column: 'priority', direction: 'ascending' };
    case '-created':
      return { column: 'number', direction: 'descending' };
    case 'created':
      return { column: 'number', direction: 'ascending' };
    default:
      return null;
  }
}

/** The sort order a click on a column's header asks for: its first order, then the reverse. */
export function sortByColumn(column: string, current: string): Sort {
  if (column === 'priority') return 'priority';
  if (column === 'number') return current === '-created' ? 'created' : '-created';
  return current === '-updated' ? 'updated' : '-updated';
}
