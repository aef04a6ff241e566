/** The macro editor's form: text fields for the macro, its actions as optional field changes (never the owner). */
import type { MacroInput, TMacro } from '$lib/api/admin-endpoints';
import type { TMacroActions } from '$shared/api/macros.schemas';
import { commaList } from '../sla/sla-admin';

export interface MacroForm {
  id: string;
  name: string;
  description: string;
  scope: 'personal' | 'team' | 'shared';
  teamId: string;
  mode: 'reply' | 'note';
  body: string;
  status: string;
  impact: string;
  urgency: string;
  type: string;
  category: string;
  actionTeamId: string;
  addTags: string;
  removeTags: string;
}

export const blankMacro = (): MacroInput => ({
  id: '',
  name: '',
  description: '',
  scope: 'shared',
  mode: 'reply',
  body: 'Hello {{requester.firstName}},\n\n\n\n{{agent.name}}',
  actions: {},
});

export function toMacroForm(m: TMacro | MacroInput): MacroForm {
  const a = m.actions ?? {};
  return {
    id: m.id,
    name: m.name,
    description: m.description ?? '',
    scope: m.scope ?? 'personal',
    teamId: m.teamId ?? '',
    mode: m.mode ?? 'reply',
    body: m.body ?? '',
    status: a.status ?? '',
    impact: a.impact ? String(a.impact) : '',
    urgency: a.urgency ? String(a.urgency) : '',
    type: a.type ?? '',
    category: a.category ?? '',
    actionTeamId: a.teamId ?? '',
    addTags: a.addTags?.join(', ') ?? '',
    removeTags: a.removeTags?.join(', ') ?? '',
  };
}

export function fromMacroForm(f: MacroForm): MacroInput {
  const actions: Record<string, unknown> = {
    status: f.status || undefined,
    impact: f.impact ? Number(f.impact) : undefined,
    urgency: f.urgency ? Number(f.urgency) : undefined,
    type: f.type || undefined,
    category: f.category.trim() || undefined,
    teamId: f.actionTeamId || undefined,
    addTags: commaList(f.addTags).length ? commaList(f.addTags) : undefined,
    removeTags: commaList(f.removeTags).length ? commaList(f.removeTags) : undefined,
  };
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    scope: f.scope,
    ...(f.scope === 'team' ? { teamId: f.teamId } : {}),
    mode: f.mode,
    body: f.body,
    actions: Object.fromEntries(Object.entries(actions).filter(([, v]) => v !== undefined)) as TMacroActions,
  };
}
