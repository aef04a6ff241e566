/** The new-ticket form's state, what a template fills in, and the request it becomes. */
import type { TTicketTemplate } from '$shared/api/ticket-templates.schemas';
import type { TCreateTicket } from '$shared/api/tickets.schemas';

export interface NewTicketForm {
  type: TCreateTicket['type'];
  channel: TCreateTicket['channel'];
  title: string;
  description: string;
  impact: string;
  urgency: string;
  teamId: string;
  tags: string;
  confirm: boolean;
}

export const TYPES = [
  { value: 'incident', label: 'Incident' },
  { value: 'service_request', label: 'Service request' },
  { value: 'question', label: 'Question' },
];
export const CHANNELS = [
  { value: 'phone', label: 'Phone' },
  { value: 'web', label: 'In person / web' },
  { value: 'email', label: 'Email' },
  { value: 'chat', label: 'Chat' },
];
export const LEVELS = [
  { value: '1', label: '1 · High' },
  { value: '2', label: '2 · Medium' },
  { value: '3', label: '3 · Low' },
];

export const emptyForm = (): NewTicketForm => ({
  type: 'incident',
  channel: 'phone',
  title: '',
  description: '',
  impact: '3',
  urgency: '3',
  teamId: '',
  tags: '',
  confirm: true,
});

/** The template's fields over the form; what it leaves out stays as the agent typed it. */
export function fromTemplate(form: NewTicketForm, template: TTicketTemplate): NewTicketForm {
  const f = template.fields;
  return {
    ...form,
    ...(f.type ? { type: f.type } : {}),
    ...(f.title !== undefined ? { title: f.title } : {}),
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.impact ? { impact: String(f.impact) } : {}),
    ...(f.urgency ? { urgency: String(f.urgency) } : {}),
    ...(f.teamId !== undefined ? { teamId: f.teamId ?? '' } : {}),
    ...(f.tags ? { tags: f.tags.join(', ') } : {}),
  };
}

const level = (v: string): 1 | 2 | 3 => (v === '1' ? 1 : v === '2' ? 2 : 3);

export function requestBody(
  form: NewTicketForm,
  requester: { email: string; name: string },
  templateId: string | undefined,
): Partial<TCreateTicket> & Pick<TCreateTicket, 'title' | 'requester'> {
  const tags = form.tags
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return {
    type: form.type,
    channel: form.channel,
    title: form.title.trim(),
    description: form.description,
    requester,
    impact: level(form.impact),
    urgency: level(form.urgency),
    teamId: form.teamId || null,
    ...(tags.length > 0 ? { tags } : {}),
    confirmToRequester: form.confirm,
    ...(templateId ? { templateId } : {}),
  };
}
