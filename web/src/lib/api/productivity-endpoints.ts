/**
 * Typed calls of agent productivity (issue 18): new tickets, ticket templates, macros (list,
 * preview, apply) and bulk jobs. Types come from the shared schemas.
 */
import type { TBulkJob, TStartBulkRequest } from '$shared/api/bulk.schemas';
import type { TApplyMacro, TMacro, TMacroPreview, TPreviewMacro } from '$shared/api/macros.schemas';
import type { TTicketTemplate } from '$shared/api/ticket-templates.schemas';
import type { TCreateTicket, TTicket } from '$shared/api/tickets.schemas';
import { request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export type { TBulkJob, TMacro, TMacroPreview, TTicketTemplate };

export const productivityApi = {
  createTicket: async (body: Partial<TCreateTicket> & Pick<TCreateTicket, 'title' | 'requester'>) =>
    (await request<TTicket>('POST', 'tickets', { body })).data,
  templates: async () => (await request<Page<TTicketTemplate>>('GET', 'ticket-templates')).data.items,
  macros: async (q?: string) => (await request<Page<TMacro>>('GET', 'macros', { query: { q } })).data.items,
  previewMacro: async (body: TPreviewMacro) => (await request<TMacroPreview>('POST', 'macros/preview', { body })).data,
  applyMacro: async (id: string, body: TApplyMacro, etag: string | null) =>
    await request<{ ticket: TTicket; macro: TMacro }>('POST', `macros/${enc(id)}/apply`, { body, ifMatch: etag }),
  startBulk: async (body: TStartBulkRequest) => (await request<TBulkJob>('POST', 'bulk/jobs', { body })).data,
  bulkJob: async (id: string) => (await request<TBulkJob>('GET', `bulk/jobs/${enc(id)}`)).data,
};
