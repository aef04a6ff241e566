/**
 * Typed calls of the ITIL-NEXT API, one function per route of `shared/api/api-routes.ts`.
 * Request and response types come from the shared zod schemas, never hand-copied.
 */
import type { AssistApiAction, TAssist, TAssistActionBody, TRequestAssist } from '$shared/api/assists.schemas';
import type { TAgent, TReachByEmail, TTeam } from '$shared/api/directory.schemas';
import type {
  TAddNote,
  TChangeStatus,
  TListTicketsQuery,
  TMergeTicket,
  TReply,
  TTicket,
  TTimelineEntry,
  TTransferTicket,
} from '$shared/api/tickets.schemas';
import { type ApiResult, request } from './client';

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface DevAgent {
  readonly email: string;
  readonly name: string;
  readonly roles: string[];
}

/** The list query as the screen builds it: every filter optional, multi-value filters as arrays. */
export type TicketQuery = Partial<TListTicketsQuery>;

const ticketQuery = (q: TicketQuery): Record<string, string | number | undefined> => ({
  status: q.status?.join(','),
  priority: q.priority?.join(','),
  owner: q.owner,
  team: q.team,
  q: q.q,
  sort: q.sort,
  limit: q.limit,
  cursor: q.cursor,
});

const enc = encodeURIComponent;
const data = async <T>(p: Promise<ApiResult<T>>): Promise<T> => (await p).data;

/** Follows cursors until the end: timelines and directories are read whole. */
async function all<T>(path: string, query: Record<string, string | number> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await data(request<Page<T>>('GET', path, { query: { ...query, cursor } }));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const api = {
  me: () => data(request<TAgent>('GET', 'me')),
  devAgents: () => data(request<Page<DevAgent>>('GET', 'dev/agents')).then((p) => p.items),
  agents: () => all<TAgent>('agents'),
  teams: () => all<TTeam>('teams'),
  setTeamReachByEmail: (id: string, reachByEmail: TReachByEmail | null) =>
    data(request<TTeam>('PUT', `teams/${enc(id)}/reach-by-email`, { body: { reachByEmail } })),
  setAgentReachByEmail: (id: string, reachByEmail: TReachByEmail | null) =>
    data(request<TAgent>('PUT', `agents/${enc(id)}/reach-by-email`, { body: { reachByEmail } })),

  listTickets: (q: TicketQuery, signal?: AbortSignal) =>
    data(request<Page<TTicket>>('GET', 'tickets', { query: ticketQuery(q), signal })),
  ticket: (id: string) => request<TTicket>('GET', `tickets/${enc(id)}`),
  // Accept needs no If-Match: on an unowned ticket it either makes you owner or is refused with
  // TICKET.ALREADY_OWNED, whatever else (routing's offer entries, rules) was written meanwhile.
  accept: (id: string) => request<TTicket>('POST', `tickets/${enc(id)}/accept`),
  transfer: (id: string, body: TTransferTicket, etag: string | null) =>
    request<TTicket>('POST', `tickets/${enc(id)}/transfer`, { body, ifMatch: etag }),
  merge: (id: string, body: TMergeTicket, etag: string | null) =>
    request<TTicket>('POST', `tickets/${enc(id)}/merge`, { body, ifMatch: etag }),
  changeStatus: (id: string, body: TChangeStatus, etag: string | null) =>
    request<TTicket>('POST', `tickets/${enc(id)}/status`, { body, ifMatch: etag }),
  // Notes and replies only append to the timeline: nothing to lose, so no If-Match.
  addNote: (id: string, body: TAddNote) => request<TTicket>('POST', `tickets/${enc(id)}/timeline`, { body }),
  reply: (id: string, body: Pick<TReply, 'body'> & Partial<TReply>) =>
    request<TTicket>('POST', `tickets/${enc(id)}/replies`, { body }),
  timeline: (id: string) => all<TTimelineEntry>(`tickets/${enc(id)}/timeline`, { limit: 500 }),

  ticketAssists: (id: string) => all<TAssist>(`tickets/${enc(id)}/assists`),
  requestAssist: (id: string, body: TRequestAssist) =>
    data(request<TAssist>('POST', `tickets/${enc(id)}/assists`, { body })),
  myAssists: (state: 'open' | 'all' = 'open') => all<TAssist>('assists', { expert: 'me', state }),
  actOnAssist: (id: string, action: AssistApiAction, body: Partial<TAssistActionBody> = {}) =>
    data(request<TAssist>('POST', `assists/${enc(id)}/${action}`, { body })),
};
