/** GET /api/teams/{id}/workload: per agent owned open, assists open, load, capacity, availability (leads, admins). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const teamWorkloadFunction: FunctionDefinition<Services> = {
  name: 'teams-workload',
  trigger: { type: 'http', route: 'teams/{id}/workload', methods: ['GET'] },
  handler: (s) =>
    authed(s, ['lead', 'admin'], async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      if (!(await s.directory.team(id.value))) return problem('TEAM.NOT_FOUND', `No team ${id.value}`);
      return json(200, await s.orchestra.routingUpkeep.workload(id.value));
    }),
};
