/** PATCH /api/tickets/{id}: edits title, type, impact/urgency (priority follows), category, team, tags. */
import { ZUpdateTicket } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const updateTicketFunction: FunctionDefinition<Services> = {
  name: 'tickets-update',
  trigger: { type: 'http', route: 'tickets/{id}', methods: ['PATCH'] },
  handler: (s) =>
    ticketCommand(s, OWNING_ROLES, ZUpdateTicket, (id, input, p, o) => s.tickets.updateFields(id, input, p.actor, o)),
};
