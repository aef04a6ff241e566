/**
 * The search call of the web app (GET /api/search) and what the screens say about a query
 * before and after asking: the same length limit as the server, and the server's own message
 * (problem+json detail) when it refuses a query.
 */
import type { TSearchQuery, TSearchResponse } from '$shared/api/search.schemas';
import { MAX_QUERY_LENGTH } from '$shared/search/search-query';
import { ApiError, request } from '../../api/client';

export type SearchFilters = Partial<Omit<TSearchQuery, 'q' | 'status' | 'priority'>> & {
  readonly status?: readonly string[];
  readonly priority?: readonly string[];
};

export async function searchTickets(
  q: string,
  filters: SearchFilters = {},
  signal?: AbortSignal,
): Promise<TSearchResponse> {
  const query = {
    q,
    status: filters.status?.join(','),
    priority: filters.priority?.join(','),
    team: filters.team,
    owner: filters.owner,
    createdFrom: filters.createdFrom,
    createdTo: filters.createdTo,
    limit: filters.limit,
    cursor: filters.cursor,
  };
  return (await request<TSearchResponse>('GET', 'search', { query, signal })).data;
}

/** What to tell the person instead of asking, or undefined when the query can be sent. */
export function queryProblem(q: string): string | undefined {
  if (q.trim() === '') return 'Type a word, a "phrase", a requester or a ticket number.';
  if (q.length > MAX_QUERY_LENGTH) return `A search is at most ${MAX_QUERY_LENGTH} characters.`;
  return undefined;
}

/** A refused query (4xx) as a message for the person; anything else stays an error. */
export function refusal(error: unknown): string | undefined {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401)
    return error.problem.detail || error.problem.title;
  return undefined;
}

/** Why a ticket matched, in the words of the screen, by the index field that matched. */
export const MATCH_REASONS: Readonly<Record<string, string>> = {
  number: 'Number',
  title: 'Title',
  requester: 'Requester',
  company: 'Company',
  tags: 'Tag',
  attachments: 'Attachment',
  description: 'Description',
  mail: 'Mail text',
  publicNotes: 'Public note',
  notes: 'Internal note',
  assists: 'Assist thread',
};

export const reasonOf = (field: string): string => MATCH_REASONS[field] ?? field;

export const SYNTAX_HINT = 'Words must all match; "exact phrase"; -leave out; requester:, number:, tag:';
