/** The agent editor's form: roles and teams as ticked lists, skills as `name:level` text. */
import type { AgentInput, TAgent } from '$lib/api/admin-endpoints';
import type { Role } from '$shared/directory/agent';
import { commaList } from '../sla/sla-admin';

export const ROLE_LIST: readonly [Role, string][] = [
  ['agent', 'Agent (owns tickets)'],
  ['expert', 'Expert (answers assists, never owns)'],
  ['lead', 'Team lead'],
  ['admin', 'Admin'],
];

export interface AgentForm {
  id: string;
  name: string;
  email: string;
  roles: string[];
  teamIds: string[];
  skills: string;
  capacity: string;
  active: boolean;
  /** An SLA calendar's id, or '' for always working. */
  workingCalendarId: string;
}

export const blankAgent = (): AgentInput => ({
  id: '',
  name: '',
  email: '',
  roles: ['agent'],
  teamIds: [],
  skills: [],
  capacity: 10,
  active: true,
  workingCalendarId: null,
});

export const toAgentForm = (a: TAgent | AgentInput): AgentForm => ({
  id: a.id,
  name: a.name,
  email: a.email,
  roles: [...(a.roles ?? [])],
  teamIds: [...(a.teamIds ?? [])],
  skills: (a.skills ?? []).map((s) => `${s.name}:${s.level}`).join(', '),
  capacity: String(a.capacity ?? 10),
  active: a.active ?? true,
  workingCalendarId: a.workingCalendarId ?? '',
});

export const fromAgentForm = (f: AgentForm): AgentInput => ({
  id: f.id,
  name: f.name,
  email: f.email.trim(),
  roles: f.roles as Role[],
  teamIds: f.teamIds,
  skills: commaList(f.skills).map((s) => {
    const [name, level] = s.split(':');
    return { name: (name ?? '').trim(), level: Number(level ?? 1) || 1 };
  }),
  capacity: Number(f.capacity),
  active: f.active,
  workingCalendarId: f.workingCalendarId || null,
});
