/** GET /api/tickets: queues and searches (status, owner me|none|id, team, priority, q, sort, cursor). */
import { ZListTicketsQuery } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const listTicketsFunction: FunctionDefinition<Services> = {
  name: 'tickets-list',
  trigger: { type: 'http', route: 'tickets', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZListTicketsQuery);
      if (!query.ok) return query.response;
      return json(200, await s.queries.list(query.value, principal.actor));
    }),
};
