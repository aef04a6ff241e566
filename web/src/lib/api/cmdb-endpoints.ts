/**
 * Typed calls of the CMDB (issue 15): classes, the CI list and picker search, a CI with its
 * history, relations, tickets, impact and neighbourhood, create and edit, the file import, the
 * sync status, and a ticket's CIs (set, suggestions, the header's facts). Types come from the shared schemas.
 */
import type { TCiTickets, TNeighbourhood, TTicketCiFacts } from '$shared/api/ci-tickets.schemas';
import type {
  TAddRelation,
  TCi,
  TCiHistoryEntry,
  TCiRelation,
  TCiSearchHit,
  TCreateCi,
  TImpact,
  TImportCis,
  TImportReport,
  TUpdateCi,
} from '$shared/api/cmdb.schemas';
import type { TCmdbSyncSource, TCmdbSyncStatus } from '$shared/api/cmdb-sync.schemas';
import type { TTicket } from '$shared/api/tickets.schemas';
import { type ApiResult, request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;
const data = async <T>(p: Promise<ApiResult<T>>): Promise<T> => (await p).data;

export type { TCi, TCiTickets, TCmdbSyncSource, TImpact, TImportReport, TNeighbourhood, TTicketCiFacts };

export interface CiClass {
  readonly id: string;
  readonly label: string;
  readonly attributes: Record<string, { kind: string; values?: string[]; required?: boolean }>;
}

export type CiHit = TCiSearchHit;
export type CiHistoryEntry = TCiHistoryEntry;
export type CiRelation = TCiRelation;

export interface CiListQuery {
  readonly q?: string;
  readonly ciClass?: string;
  readonly status?: string;
  readonly environment?: string;
  readonly criticality?: string;
  readonly ownerTeamId?: string;
  readonly cursor?: string | null;
}

export type TImportInput = Pick<TImportCis, 'format' | 'content'> & { dryRun: boolean };

export const cmdbApi = {
  classes: async () => (await data(request<{ items: CiClass[] }>('GET', 'cmdb/classes'))).items,
  search: async (q: string, limit = 8) =>
    (await data(request<{ items: CiHit[] }>('GET', 'cmdb/search', { query: { q, limit } }))).items,
  list: (q: CiListQuery, signal?: AbortSignal) =>
    data(request<Page<TCi>>('GET', 'cmdb/cis', { query: { limit: 50, ...q }, signal })),
  ci: (id: string) => request<TCi>('GET', `cmdb/cis/${enc(id)}`),
  create: (body: TCreateCi) => request<TCi>('POST', 'cmdb/cis', { body }),
  update: (id: string, body: TUpdateCi, etag: string | null) =>
    request<TCi>('PATCH', `cmdb/cis/${enc(id)}`, { body, ifMatch: etag }),
  history: (id: string) =>
    data(request<Page<CiHistoryEntry>>('GET', `cmdb/cis/${enc(id)}/history`, { query: { limit: 50 } })),
  relations: async (id: string) =>
    (await data(request<{ items: CiRelation[] }>('GET', `cmdb/cis/${enc(id)}/relations`))).items,
  addRelation: (id: string, body: TAddRelation) => request<unknown>('POST', `cmdb/cis/${enc(id)}/relations`, { body }),
  removeRelation: (fromId: string, relationId: string) =>
    request<null>('DELETE', `cmdb/cis/${enc(fromId)}/relations/${enc(relationId)}`),
  tickets: (id: string) => data(request<TCiTickets>('GET', `cmdb/cis/${enc(id)}/tickets`)),
  /** `maxVisits`: walk on past the listed items to find every business service (costs what it reaches). */
  impact: (id: string, direction: 'downstream' | 'upstream', maxVisits?: number) =>
    data(request<TImpact>('GET', `cmdb/cis/${enc(id)}/impact`, { query: { direction, maxVisits } })),
  neighbourhood: (id: string, depth: number) =>
    data(request<TNeighbourhood>('GET', `cmdb/cis/${enc(id)}/neighbourhood`, { query: { depth } })),
  import: (body: TImportInput) => data(request<TImportReport>('POST', 'cmdb/import', { body })),
  syncStatus: () => data(request<TCmdbSyncStatus>('GET', 'cmdb/sync')),
  requestFullSync: (source: string) => data(request<TCmdbSyncSource>('POST', `cmdb/sync/${enc(source)}/full`)),
  ticketCis: (ticketId: string) => data(request<TTicketCiFacts>('GET', `tickets/${enc(ticketId)}/cis`)),
  setTicketCis: (ticketId: string, cis: { ciId: string; primary: boolean }[], etag: string | null) =>
    request<TTicket>('PUT', `tickets/${enc(ticketId)}/cis`, { body: { cis }, ifMatch: etag }),
  actOnSuggestion: (ticketId: string, ciId: string, action: 'accept' | 'dismiss') =>
    request<TTicket>('POST', `tickets/${enc(ticketId)}/cis/suggestions`, { body: { ciId, action } }),
};
