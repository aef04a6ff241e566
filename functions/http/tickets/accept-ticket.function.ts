/** POST /api/tickets/{id}/accept: the caller becomes owner of an unowned ticket (exactly one of two racing agents wins). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const acceptTicketFunction: FunctionDefinition<Services> = {
  name: 'tickets-accept',
  trigger: { type: 'http', route: 'tickets/{id}/accept', methods: ['POST'] },
  handler: (s) => ticketCommand(s, OWNING_ROLES, null, (id, _input, p, o) => s.tickets.accept(id, p.actor, o)),
};
