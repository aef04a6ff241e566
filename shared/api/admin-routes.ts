/**
 * The routes behind the admin screens (issues 18 and 19, ADR 0028): rule versions, the rule
 * editor's dry run, agents and teams; spliced into API_ROUTES.
 */
import type { ApiRoute } from './api-routes.js';
import { page } from './common.schemas.js';
import { ZAgent, ZAgentInput, ZTeamDetail, ZTeamInput } from './directory.schemas.js';
import { ZRule, ZRulePreview, ZRulePreviewRequest, ZRuleVersion } from './rules.schemas.js';
import { ZTicketTemplate } from './ticket-templates.schemas.js';

export const ADMIN_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: 'rules/preview',
    summary: 'Dry run of a draft rule on the most recently updated tickets: which match, what would change',
    auth: true,
    body: ZRulePreviewRequest,
    response: ZRulePreview,
  },
  {
    method: 'GET',
    path: 'rules/{id}/versions',
    summary: "A rule's versions, newest first (every save is one)",
    auth: true,
    response: page(ZRuleVersion),
  },
  {
    method: 'GET',
    path: 'rules/{id}/versions/{version}',
    summary: 'One version of a rule',
    auth: true,
    response: ZRuleVersion,
  },
  {
    method: 'POST',
    path: 'rules/{id}/versions/{version}/restore',
    summary: "Save an old version's definition again, as a new version (If-Match)",
    auth: true,
    response: ZRule,
  },
  { method: 'GET', path: 'agents/{id}', summary: 'One agent with its ETag (admin)', auth: true, response: ZAgent },
  {
    method: 'POST',
    path: 'agents',
    summary: 'Create an agent (admin; the address must be free)',
    auth: true,
    body: ZAgentInput,
    response: ZAgent,
    status: 201,
  },
  {
    method: 'PUT',
    path: 'agents/{id}',
    summary: "Replace an agent's name, address, roles, teams, skills, capacity and active flag (admin, If-Match)",
    auth: true,
    body: ZAgentInput,
    response: ZAgent,
  },
  {
    method: 'GET',
    path: 'teams/{id}',
    summary: 'One team with its members and ETag (admin)',
    auth: true,
    response: ZTeamDetail,
  },
  {
    method: 'POST',
    path: 'teams',
    summary: 'Create a team with its leads and members (admin)',
    auth: true,
    body: ZTeamInput,
    response: ZTeamDetail,
    status: 201,
  },
  {
    method: 'PUT',
    path: 'teams/{id}',
    summary: 'Replace a team: name, leads, offer time, members (admin, If-Match)',
    auth: true,
    body: ZTeamInput,
    response: ZTeamDetail,
  },
  {
    method: 'GET',
    path: 'ticket-templates/{id}',
    summary: 'One ticket template with its ETag',
    auth: true,
    response: ZTicketTemplate,
  },
];
