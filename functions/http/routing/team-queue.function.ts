/** GET /api/teams/{id}/queue: the team's unassigned tickets, priority then age. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const teamQueueFunction: FunctionDefinition<Services> = {
  name: 'teams-queue',
  trigger: { type: 'http', route: 'teams/{id}/queue', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      if (!(await s.directory.team(id.value))) return problem('TEAM.NOT_FOUND', `No team ${id.value}`);
      const items = await s.orchestra.routingQueries.queue(id.value, 200);
      return json(200, { teamId: id.value, items: await s.queries.present(items) });
    }),
};
