/** GET /api/tickets/{id}/timeline: the ticket's story in order, paged by cursor. */
import { ZTimelineQuery } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const getTimelineFunction: FunctionDefinition<Services> = {
  name: 'tickets-timeline',
  trigger: { type: 'http', route: 'tickets/{id}/timeline', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZTimelineQuery);
      if (!query.ok) return query.response;
      const ticket = await s.queries.get(id.value);
      if (!ticket.ok) return problem('TICKET.NOT_FOUND', `No ticket ${id.value}`);
      return json(200, await s.queries.timeline(ticket.value.ticket.id, query.value.limit, query.value.cursor));
    }),
};
