/**
 * GET /api/tickets: queues and searches (status, owner me|none|id, team, priority, q, sort, cursor).
 * With `q` the list comes from the full-text index (ADR 0018), most relevant first (`sort` then
 * does not apply), the other filters applied with the text.
 */
import { ZListTicketsQuery } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problemResponse } from '../kit/problem.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const listTicketsFunction: FunctionDefinition<Services> = {
  name: 'tickets-list',
  trigger: { type: 'http', route: 'tickets', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZListTicketsQuery);
      if (!query.ok) return query.response;
      const { q, ...list } = query.value;
      if (q === undefined) return json(200, await s.queries.list(list, principal.actor));
      const found = await s.search.tickets.search({ ...list, q }, principal.actor);
      if (!found.ok) return problemResponse(found.error);
      return json(200, { items: found.value.items.map((i) => i.ticket), nextCursor: found.value.nextCursor });
    }),
};
