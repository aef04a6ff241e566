/** POST /api/tickets/{id}/transfer {toAgentId, reason}: the owner (or a lead/admin) hands the ticket over. */
import { ZTransferTicket } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const transferTicketFunction: FunctionDefinition<Services> = {
  name: 'tickets-transfer',
  trigger: { type: 'http', route: 'tickets/{id}/transfer', methods: ['POST'] },
  handler: (s) =>
    ticketCommand(s, OWNING_ROLES, ZTransferTicket, (id, input, p, o) => s.tickets.transfer(id, input, p.actor, o)),
};
