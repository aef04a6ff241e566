/**
 * Typed calls of the change API (issue 16): list, read, timeline, create (blank or from an
 * incident) and the commands (accept, transfer, state, schedule, plan, notes), each write with the
 * change's ETag. Types come from the shared schemas.
 */

import type { z } from 'zod';
import type {
  TCalendar,
  TChangeWindow,
  TChangeWindowInput,
  ZConflict,
  ZConflictReport,
  ZNextFreeSlot,
  ZTicketChanges,
} from '$shared/api/change-schedule.schemas';
import type {
  TChange,
  TCreateChange,
  TListChangesQuery,
  TMoveChange,
  TScheduleChange,
  TUpdateChangePlan,
} from '$shared/api/changes.schemas';
import type { TWorkItemEntry } from '$shared/api/work-items.schemas';
import { type ApiResult, request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export type { TCalendar, TChange, TChangeWindow, TChangeWindowInput };
export type TConflict = z.infer<typeof ZConflict>;
export type TConflictReport = z.infer<typeof ZConflictReport>;
/** A change's timeline entry: the work-item kernel's entry (ADR 0025). */
export type TChangeEntry = TWorkItemEntry;

/** The list query as the screen builds it: states as an array, everything optional. */
export type ChangeQuery = Partial<Omit<TListChangesQuery, 'state'>> & { state?: string[] };

const command =
  <B>(path: string) =>
  (id: string, etag: string | null, body?: B) =>
    request<TChange>('POST', `changes/${enc(id)}/${path}`, { body: body ?? {}, ifMatch: etag });

export const changesApi = {
  list: async (q: ChangeQuery, signal?: AbortSignal): Promise<Page<TChange>> =>
    (
      await request<Page<TChange>>('GET', 'changes', {
        query: { state: q.state?.join(','), type: q.type, owner: q.owner, limit: q.limit ?? 50, cursor: q.cursor },
        signal,
      })
    ).data,
  change: (id: string): Promise<ApiResult<TChange>> => request<TChange>('GET', `changes/${enc(id)}`),
  /** A ticket's linked changes with their state, and the changes on its CIs of the last `hours`. */
  ofTicket: async (ticketId: string, hours = 72) =>
    (await request<z.infer<typeof ZTicketChanges>>('GET', `tickets/${enc(ticketId)}/changes`, { query: { hours } }))
      .data,
  timeline: async (id: string): Promise<TChangeEntry[]> =>
    (await request<Page<TChangeEntry>>('GET', `changes/${enc(id)}/timeline`, { query: { limit: 500 } })).data.items,
  create: (body: TCreateChange) => request<TChange>('POST', 'changes', { body }),
  accept: command<never>('accept'),
  transfer: command<{ toAgentId: string; reason: string }>('transfer'),
  move: command<TMoveChange>('state'),
  schedule: command<TScheduleChange>('schedule'),
  plan: command<TUpdateChangePlan>('plan'),
  note: command<{ body: string }>('notes'),
  /** The conflicts of a proposed window (default: the planned one), each with its reason. */
  conflicts: async (id: string, window?: { start: string; end: string }) =>
    (await request<TConflictReport>('GET', `changes/${enc(id)}/conflicts`, { query: window ?? {} })).data,
  nextFreeSlot: async (id: string, durationMinutes: number) =>
    (
      await request<z.infer<typeof ZNextFreeSlot>>('GET', 'changes/next-free-slot', {
        query: { change: id, durationMinutes },
      })
    ).data,
  calendar: async (range: { from: string; to: string }, signal?: AbortSignal) =>
    (await request<TCalendar>('GET', 'changes/calendar', { query: range, signal })).data,
};

export const windowsApi = {
  list: async () => (await request<{ items: TChangeWindow[] }>('GET', 'change-windows')).data.items,
  get: (id: string) => request<TChangeWindow>('GET', `change-windows/${enc(id)}`),
  create: (body: TChangeWindowInput) => request<TChangeWindow>('POST', 'change-windows', { body }),
  replace: (id: string, body: TChangeWindowInput, etag: string | null) =>
    request<TChangeWindow>('PUT', `change-windows/${enc(id)}`, { body, ifMatch: etag }),
  remove: (id: string, etag: string | null) => request<null>('DELETE', `change-windows/${enc(id)}`, { ifMatch: etag }),
};
