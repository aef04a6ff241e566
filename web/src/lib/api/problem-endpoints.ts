/**
 * Typed calls of the problem API (issue 17, ADR 0033): list, read, timeline, create (blank or from
 * incidents) and the commands (accept, transfer, state, fields, links, tasks, notes, communicate
 * workaround), each write with the problem's ETag; and the "suggested problems" queue.
 */
import type {
  TAddProblemTask,
  TCreateProblem,
  TListProblemsQuery,
  TMoveProblem,
  TProblemLinks,
  TProblemRecord,
  TProblemSuggestion,
  TUpdateProblem,
  TUpdateProblemTask,
  TWorkaroundSent,
} from '$shared/api/problems.schemas';
import type { TWorkItemEntry } from '$shared/api/work-items.schemas';
import { type ApiResult, request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export type { TProblemRecord as TProblem, TProblemSuggestion, TWorkaroundSent };
export type TProblemEntry = TWorkItemEntry;

/** The list query as the screen builds it: states as an array, everything optional. */
export type ProblemQuery = Partial<Omit<TListProblemsQuery, 'state'>> & { state?: string[] };

const command =
  <B>(path: string) =>
  (id: string, etag: string | null, body?: B) =>
    request<TProblemRecord>('POST', `problems/${enc(id)}/${path}`, { body: body ?? {}, ifMatch: etag });

export const problemsApi = {
  list: async (q: ProblemQuery, signal?: AbortSignal): Promise<Page<TProblemRecord>> =>
    (
      await request<Page<TProblemRecord>>('GET', 'problems', {
        query: {
          state: q.state?.join(','),
          priority: q.priority,
          owner: q.owner,
          limit: q.limit ?? 50,
          cursor: q.cursor,
        },
        signal,
      })
    ).data,
  get: (id: string): Promise<ApiResult<TProblemRecord>> => request<TProblemRecord>('GET', `problems/${enc(id)}`),
  timeline: async (id: string): Promise<TProblemEntry[]> =>
    (await request<Page<TProblemEntry>>('GET', `problems/${enc(id)}/timeline`, { query: { limit: 500 } })).data.items,
  create: (body: TCreateProblem) => request<TProblemRecord>('POST', 'problems', { body }),
  accept: command<never>('accept'),
  transfer: command<{ toAgentId: string; reason: string }>('transfer'),
  move: command<TMoveProblem>('state'),
  update: command<TUpdateProblem>('fields'),
  link: command<TProblemLinks>('links'),
  unlink: command<TProblemLinks>('unlink'),
  addTask: command<TAddProblemTask>('tasks'),
  updateTask: (id: string, taskId: string, etag: string | null, body: TUpdateProblemTask) =>
    request<TProblemRecord>('POST', `problems/${enc(id)}/tasks/${enc(taskId)}`, { body, ifMatch: etag }),
  note: command<{ body: string }>('notes'),
  communicateWorkaround: async (
    id: string,
    etag: string | null,
  ): Promise<ApiResult<TProblemRecord> & { sent: TWorkaroundSent }> => {
    const result = await request<TWorkaroundSent>('POST', `problems/${enc(id)}/communicate-workaround`, {
      body: {},
      ifMatch: etag,
    });
    return { data: result.data.problem, etag: result.etag, sent: result.data };
  },
};

export const problemSuggestionsApi = {
  list: async (state: 'open' | 'accepted' | 'dismissed' = 'open') =>
    (await request<Page<TProblemSuggestion>>('GET', 'problem-suggestions', { query: { state } })).data.items,
  accept: async (id: string) => (await request<TProblemRecord>('POST', `problem-suggestions/${enc(id)}/accept`)).data,
  dismiss: async (id: string) =>
    (await request<TProblemSuggestion>('POST', `problem-suggestions/${enc(id)}/dismiss`)).data,
};
