/** The ticket template editor's form: the fields a template fills in on the new-ticket form, each optional. */
import type { TemplateInput, TTicketTemplate } from '$lib/api/admin-endpoints';
import type { TTemplateFields } from '$shared/api/ticket-templates.schemas';
import { commaList } from '../sla/sla-admin';

export interface TemplateForm {
  id: string;
  name: string;
  description: string;
  active: boolean;
  type: string;
  title: string;
  text: string;
  impact: string;
  urgency: string;
  category: string;
  teamId: string;
  tags: string;
}

export const blankTemplate = (): TemplateInput => ({ id: '', name: '', description: '', active: true, fields: {} });

export const toTemplateForm = (t: TTicketTemplate | TemplateInput): TemplateForm => ({
  id: t.id,
  name: t.name,
  description: t.description ?? '',
  active: t.active ?? true,
  type: t.fields.type ?? '',
  title: t.fields.title ?? '',
  text: t.fields.description ?? '',
  impact: t.fields.impact ? String(t.fields.impact) : '',
  urgency: t.fields.urgency ? String(t.fields.urgency) : '',
  category: t.fields.category ?? '',
  teamId: t.fields.teamId ?? '',
  tags: t.fields.tags?.join(', ') ?? '',
});

export function fromTemplateForm(f: TemplateForm): TemplateInput {
  const fields: Record<string, unknown> = {
    type: f.type || undefined,
    title: f.title.trim() || undefined,
    description: f.text || undefined,
    impact: f.impact ? Number(f.impact) : undefined,
    urgency: f.urgency ? Number(f.urgency) : undefined,
    category: f.category.trim() || undefined,
    teamId: f.teamId || undefined,
    tags: commaList(f.tags).length ? commaList(f.tags) : undefined,
  };
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    active: f.active,
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as TTemplateFields,
  };
}
