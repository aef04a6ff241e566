/** GET /api/tickets/{id}/assists: every assist of a ticket (the escalation panel). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const listTicketAssistsFunction: FunctionDefinition<Services> = {
  name: 'tickets-assists',
  trigger: { type: 'http', route: 'tickets/{id}/assists', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const ticketId = await s.queries.resolveId(id.value);
      const ticket = ticketId ? await s.queries.get(ticketId) : undefined;
      if (!ticket?.ok) return problem('TICKET.NOT_FOUND', `No ticket ${id.value}`);
      return json(200, { items: await s.queries.assistsOfTicket(ticket.value.ticket.id), nextCursor: null });
    }),
};
