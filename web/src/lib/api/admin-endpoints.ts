/**
 * Typed calls of the admin screens' routes (issues 18 and 19, ADR 0028): rules with their
 * versions and the editor's dry run, agents and teams (If-Match), macros and ticket templates. Types come from the shared schemas, never hand-copied.
 */
import type { TAgent, TAgentInput, TTeam, TTeamDetail, TTeamInput } from '$shared/api/directory.schemas';
import type { TCreateMacro, TMacro } from '$shared/api/macros.schemas';
import type { TRule, TRulePreview, TRulePreviewRequest, TRuleVersion } from '$shared/api/rules.schemas';
import type { TCreateTicketTemplate, TTicketTemplate } from '$shared/api/ticket-templates.schemas';
import type { TRuleInput } from '$shared/rules/rule-schema';
import { request } from './client';
import type { Page } from './endpoints';
import type { Crud } from './sla-endpoints';

const enc = encodeURIComponent;

export type { TAgent, TMacro, TRule, TRulePreview, TRuleVersion, TTeamDetail, TTicketTemplate };

export type AgentInput = TAgentInput & { id: string };
export type TeamInput = TTeamInput & { id: string };

/** Agents and teams are deactivated (agents) or kept, never deleted: `remove` refuses. */
const noRemove = async (): Promise<never> => {
  throw new Error('Agents and teams are not deleted');
};

const agents: Crud<TAgent, AgentInput> = {
  list: async () => (await request<Page<TAgent>>('GET', 'agents')).data.items,
  get: (id) => request<TAgent>('GET', `agents/${enc(id)}`),
  create: ({ id: _id, ...body }) => request<TAgent>('POST', 'agents', { body }),
  replace: (id, { id: _id, ...body }, etag) => request<TAgent>('PUT', `agents/${enc(id)}`, { body, ifMatch: etag }),
  remove: noRemove,
};

const teams: Crud<TTeamDetail, TeamInput> = {
  // The list route has no members; they are the agents whose teams name the team.
  list: async () => {
    const [all, people] = await Promise.all([request<Page<TTeam>>('GET', 'teams'), agents.list()]);
    return all.data.items.map((t) => ({
      ...t,
      memberIds: people.filter((a) => a.teamIds.includes(t.id)).map((a) => a.id),
    }));
  },
  get: (id) => request<TTeamDetail>('GET', `teams/${enc(id)}`),
  create: (body) => request<TTeamDetail>('POST', 'teams', { body }),
  replace: (id, { id: _id, ...body }, etag) => request<TTeamDetail>('PUT', `teams/${enc(id)}`, { body, ifMatch: etag }),
  remove: noRemove,
};

const rules: Crud<TRule, TRuleInput & { id: string }> = {
  list: async () => (await request<Page<TRule>>('GET', 'rules')).data.items,
  get: (id) => request<TRule>('GET', `rules/${enc(id)}`),
  create: ({ id: _id, ...body }) => request<TRule>('POST', 'rules', { body }),
  replace: (id, { id: _id, ...body }, etag) => request<TRule>('PUT', `rules/${enc(id)}`, { body, ifMatch: etag }),
  remove: (id, etag) => request<void>('DELETE', `rules/${enc(id)}`, { ifMatch: etag }),
};

export type MacroInput = TCreateMacro & { id: string };
export type TemplateInput = TCreateTicketTemplate & { id: string };

// A macro's scope and team are fixed once made: an edit sends the rest (PATCH, If-Match).
const macros: Crud<TMacro, MacroInput> = {
  list: async () => (await request<Page<TMacro>>('GET', 'macros')).data.items,
  get: (id) => request<TMacro>('GET', `macros/${enc(id)}`),
  create: ({ id: _id, ...body }) => request<TMacro>('POST', 'macros', { body }),
  replace: (id, { name, description, mode, body, actions }, etag) =>
    request<TMacro>('PATCH', `macros/${enc(id)}`, { body: { name, description, mode, body, actions }, ifMatch: etag }),
  remove: (id) => request<void>('DELETE', `macros/${enc(id)}`),
};

const templates: Crud<TTicketTemplate, TemplateInput> = {
  list: async () =>
    (await request<Page<TTicketTemplate>>('GET', 'ticket-templates', { query: { all: 'true' } })).data.items,
  get: (id) => request<TTicketTemplate>('GET', `ticket-templates/${enc(id)}`),
  create: ({ id: _id, ...body }) => request<TTicketTemplate>('POST', 'ticket-templates', { body }),
  replace: (id, { id: _id, ...body }, etag) =>
    request<TTicketTemplate>('PATCH', `ticket-templates/${enc(id)}`, { body, ifMatch: etag }),
  remove: (id) => request<void>('DELETE', `ticket-templates/${enc(id)}`),
};

export const adminApi = {
  rules,
  agents,
  teams,
  macros,
  templates,
  setRuleEnabled: (id: string, enabled: boolean, etag: string | null) =>
    request<TRule>('POST', `rules/${enc(id)}/enable`, { body: { enabled }, ifMatch: etag }),
  ruleVersions: async (id: string) =>
    (await request<Page<TRuleVersion>>('GET', `rules/${enc(id)}/versions`)).data.items,
  restoreRuleVersion: (id: string, version: number, etag: string | null) =>
    request<TRule>('POST', `rules/${enc(id)}/versions/${version}/restore`, { ifMatch: etag }),
  previewRule: async (body: TRulePreviewRequest) =>
    (await request<TRulePreview>('POST', 'rules/preview', { body })).data,
};
