/**
 * POST /api/tickets/{id}/merge {into, assists}: merge this duplicate into `into` (id or number).
 * An agent who may edit both tickets; answers with the source, closed as merged (ADR 0035).
 */
import { ZMergeTicket } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { problem } from '../kit/problem.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const mergeTicketFunction: FunctionDefinition<Services> = {
  name: 'tickets-merge',
  trigger: { type: 'http', route: 'tickets/{id}/merge', methods: ['POST'] },
  handler: (s) =>
    ticketCommand(s, ALL_ROLES, ZMergeTicket, async (id, input, p, o) => {
      const intoId = await s.queries.resolveId(input.into);
      if (!intoId) return problem('TICKET.NOT_FOUND', `No ticket ${input.into}`);
      return s.productivity.merges.merge(id, { intoId, assists: input.assists }, p.actor, o);
    }),
};
