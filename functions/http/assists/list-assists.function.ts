/** GET /api/assists?expert=me&state=open: the expert's inbox (their assists and unclaimed team requests). */
import { ZListAssistsQuery } from '../../../shared/api/assists.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const listAssistsFunction: FunctionDefinition<Services> = {
  name: 'assists-list',
  trigger: { type: 'http', route: 'assists', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZListAssistsQuery);
      if (!query.ok) return query.response;
      const expert = query.value.expert === 'me' ? principal.agent : await s.directory.agent(query.value.expert);
      if (!expert) return problem('AGENT.NOT_FOUND', `No agent ${query.value.expert}`);
      const items = await s.queries.assistsForExpert(expert.id, expert.teamIds, query.value.state);
      return json(200, { items, nextCursor: null });
    }),
};
