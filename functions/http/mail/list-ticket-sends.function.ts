/** GET /api/tickets/{id}/sends: the delivery state of each reply of a ticket (pending, sent, failed + reason). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const listTicketSendsFunction: FunctionDefinition<Services> = {
  name: 'tickets-sends',
  trigger: { type: 'http', route: 'tickets/{id}/sends', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const ticketId = await s.queries.resolveId(id.value);
      if (!ticketId) return problem('TICKET.NOT_FOUND', `No ticket ${id.value}`);
      const records = await s.mail.outboundRecords.ofTicket(ticketId);
      return json(200, {
        items: records.map((r) => ({
          entryId: r.entryId,
          status: r.status,
          at: r.at,
          attempts: r.attempts,
          messageId: r.messageId,
          reason: r.reason,
        })),
        nextCursor: null,
      });
    }),
};
