/** POST /api/tickets/{id}/replies {body, cc?, status?}: the owner replies to the customer by email. */
import { ZReply } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const replyFunction: FunctionDefinition<Services> = {
  name: 'tickets-reply',
  trigger: { type: 'http', route: 'tickets/{id}/replies', methods: ['POST'] },
  handler: (s) => ticketCommand(s, OWNING_ROLES, ZReply, (id, input, p, o) => s.tickets.reply(id, input, p.actor, o)),
};
