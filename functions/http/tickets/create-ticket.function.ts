/** POST /api/tickets: opens a ticket (unowned: ownership starts with an explicit accept). */
import { ZCreateTicket } from '../../../shared/api/tickets.schemas.js';
import { toTicketDto } from '../../../shared/use-cases/ticket-queries.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const createTicketFunction: FunctionDefinition<Services> = {
  name: 'tickets-create',
  trigger: { type: 'http', route: 'tickets', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateTicket);
      if (!input.ok) return input.response;
      if (input.value.templateId) {
        const template = await s.productivity.templates.get(input.value.templateId);
        if (!template.ok) return fromResult(template, () => ({}));
      }
      const result = await s.tickets.create(input.value, principal.actor);
      if (result.ok && input.value.templateId) await s.productivity.templates.countUse(input.value.templateId);
      return fromResult(result, ({ ticket, etag, sla }) => ({
        ...json(201, toTicketDto(ticket, sla), etag),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          etag: `"${etag}"`,
          location: `/api/tickets/${ticket.id}`,
        },
      }));
    }),
};
