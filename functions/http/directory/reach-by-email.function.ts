/**
 * PUT /api/teams/{id}/reach-by-email and PUT /api/agents/{id}/reach-by-email: the address assist
 * requests go to by mail (a team mailbox such as dba@contoso.example, or an expert's own inbox),
 * whether replies from outside the organisation may act, and the zone due times are written in
 * (ADR 0015). Admins set both; a team's leads set their team's. null: only in the app.
 */
import { ZSetReachByEmail } from '../../../shared/api/directory.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const setTeamReachByEmailFunction: FunctionDefinition<Services> = {
  name: 'team-reach-by-email-put',
  trigger: { type: 'http', route: 'teams/{id}/reach-by-email', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ['lead', 'admin'], async (request, principal) => {
      const id = request.params.id as string;
      const team = await s.directory.team(id);
      if (!team) return problem('TEAM.NOT_FOUND', `no team ${id}`);
      if (!principal.agent.roles.includes('admin') && !team.leadIds.includes(principal.agent.id))
        return problem('AUTH.FORBIDDEN', `only an admin or a lead of ${team.name} sets where its assist mail goes`);
      const body = await readJson(request, ZSetReachByEmail);
      if (!body.ok) return body.response;
      const saved = { ...team, reachByEmail: body.value.reachByEmail };
      await s.directory.saveTeam(saved);
      return json(200, saved);
    }),
};

export const setAgentReachByEmailFunction: FunctionDefinition<Services> = {
  name: 'agent-reach-by-email-put',
  trigger: { type: 'http', route: 'agents/{id}/reach-by-email', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const id = request.params.id as string;
      const agent = await s.directory.agent(id);
      if (!agent) return problem('AGENT.NOT_FOUND', `no agent ${id}`);
      const body = await readJson(request, ZSetReachByEmail);
      if (!body.ok) return body.response;
      const saved = { ...agent, reachByEmail: body.value.reachByEmail };
      await s.directory.saveAgent(saved);
      return json(200, saved);
    }),
};
