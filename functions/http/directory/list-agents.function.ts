/** GET /api/agents: the directory of agents (for pickers: transfer, assist). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const listAgentsFunction: FunctionDefinition<Services> = {
  name: 'agents-list',
  trigger: { type: 'http', route: 'agents', methods: ['GET'] },
  handler: (s) => authed(s, ALL_ROLES, async () => json(200, { items: await s.directory.agents(), nextCursor: null })),
};
