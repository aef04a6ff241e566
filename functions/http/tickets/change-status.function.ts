/** POST /api/tickets/{id}/status {status, reason?}: moves the ticket through its lifecycle (only the owner resolves). */
import { ZChangeStatus } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const changeStatusFunction: FunctionDefinition<Services> = {
  name: 'tickets-status',
  trigger: { type: 'http', route: 'tickets/{id}/status', methods: ['POST'] },
  handler: (s) =>
    ticketCommand(s, ALL_ROLES, ZChangeStatus, (id, input, p, o) => s.tickets.changeStatus(id, input, p.actor, o)),
};
