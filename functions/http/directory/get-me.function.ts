/** GET /api/me: the signed-in agent (the web app shapes itself by these roles). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const getMeFunction: FunctionDefinition<Services> = {
  name: 'me-get',
  trigger: { type: 'http', route: 'me', methods: ['GET'] },
  handler: (s) => authed(s, ALL_ROLES, async (_request, principal) => json(200, principal.agent)),
};
