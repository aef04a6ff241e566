/**
 * Typed calls of the CAB and the standard-change catalog (issue 16, ADR 0030): meetings with their
 * agenda and decisions, templates and a standard change made from one.
 */
import type { TCabAgendaItem, TCabDecisionInput, TCabMeeting } from '$shared/api/cab.schemas';
import type { TChangeTemplate, TFromTemplate } from '$shared/api/change-templates.schemas';
import type { TChange } from '$shared/api/changes.schemas';
import { request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export type { TCabAgendaItem, TCabMeeting, TChangeTemplate };

export const cabApi = {
  meetings: async () => (await request<Page<TCabMeeting>>('GET', 'cab/meetings')).data.items,
  agenda: async (id: string) =>
    (await request<Page<TCabAgendaItem>>('GET', `cab/meetings/${enc(id)}/agenda`)).data.items,
  decide: (id: string, body: TCabDecisionInput) =>
    request<TCabMeeting>('POST', `cab/meetings/${enc(id)}/decisions`, { body }),
};

export const templatesApi = {
  list: async () => (await request<Page<TChangeTemplate>>('GET', 'change-templates')).data.items,
  createChange: (id: string, body: TFromTemplate) =>
    request<TChange>('POST', `change-templates/${enc(id)}/changes`, { body }),
};
