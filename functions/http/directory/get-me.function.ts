/**
 * GET /api/me: the signed-in agent (the web app shapes itself by these roles). Read fresh from
 * the directory, since sign-in reuses agent records for a few seconds and the agent may just have
 * changed their availability; the roles are the ones this request was granted.
 */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const getMeFunction: FunctionDefinition<Services> = {
  name: 'me-get',
  trigger: { type: 'http', route: 'me', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (_request, principal) => {
      const current = (await s.directory.agent(principal.agent.id)) ?? principal.agent;
      return json(200, { ...current, roles: principal.agent.roles });
    }),
};
