/**
 * Typed calls of the known error database (issue 17): list, candidates, one known error with its
 * versions, write and edit (If-Match), publish / retire / redraft, apply the workaround, an
 * incident's suggestions, promote an answered assist. Types come from the shared schemas.
 */
import type {
  TAppliedWorkaround,
  TCreateKnownError,
  TEditKnownError,
  TKnownError,
  TKnownErrorCandidate,
  TKnownErrorSuggestion,
  TKnownErrorVersion,
} from '$shared/api/known-errors.schemas';
import type { TProblemRecord } from '$shared/api/problems.schemas';
import { request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export type { TKnownError, TKnownErrorCandidate, TKnownErrorSuggestion, TKnownErrorVersion };

export const knownErrorApi = {
  list: async (status?: string) =>
    (await request<Page<TKnownError>>('GET', 'known-errors', { query: { limit: 100, ...(status ? { status } : {}) } }))
      .data,
  candidates: async () =>
    (await request<Page<TKnownErrorCandidate>>('GET', 'known-errors/candidates', { query: { limit: 50 } })).data,
  get: (id: string) => request<TKnownError>('GET', `known-errors/${enc(id)}`),
  versions: async (id: string) =>
    (await request<Page<TKnownErrorVersion>>('GET', `known-errors/${enc(id)}/versions`)).data,
  create: (body: TCreateKnownError) => request<TKnownError>('POST', 'known-errors', { body }),
  edit: (id: string, body: TEditKnownError, etag: string | null) =>
    request<TKnownError>('PATCH', `known-errors/${enc(id)}`, { body, ifMatch: etag }),
  move: (id: string, action: 'publish' | 'retire' | 'redraft', etag: string | null) =>
    request<TKnownError>('POST', `known-errors/${enc(id)}/${action}`, { ifMatch: etag }),
  apply: async (id: string, ticketId: string, as: 'note' | 'reply') =>
    (await request<TAppliedWorkaround>('POST', `known-errors/${enc(id)}/apply`, { body: { ticketId, as } })).data,
  suggestions: async (ticketId: string) =>
    (await request<{ items: TKnownErrorSuggestion[] }>('GET', `tickets/${enc(ticketId)}/known-error-suggestions`)).data
      .items,
  /** The problem a known error names (problem management, issue 17); it may not exist. */
  problem: async (id: string) => (await request<TProblemRecord>('GET', `problems/${enc(id)}`)).data,
  promote: async (ticketId: string, assistId: string) =>
    (await request<TKnownError>('POST', `tickets/${enc(ticketId)}/assists/${enc(assistId)}/known-error`)).data,
};
