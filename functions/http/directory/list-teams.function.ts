/** GET /api/teams: the teams (queues and assist targets). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const listTeamsFunction: FunctionDefinition<Services> = {
  name: 'teams-list',
  trigger: { type: 'http', route: 'teams', methods: ['GET'] },
  handler: (s) => authed(s, ALL_ROLES, async () => json(200, { items: await s.directory.teams(), nextCursor: null })),
};
