/**
 * The customer on a ticket: GET /api/tickets/{id}/customer is the agent's panel (who, company,
 * tier as recorded and as now, account manager, open and recent tickets, 90-day figures, HubSpot);
 * POST /api/tickets/{id}/customer/reevaluate-sla applies the customer's current tier (and
 * company) to the ticket, re-matches the SLA policy and records it on the timeline.
 */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { json } from '../kit/respond.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const ticketCustomerPanelFunction: FunctionDefinition<Services> = {
  name: 'tickets-customer-panel',
  trigger: { type: 'http', route: 'tickets/{id}/customer', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const ticketId = await s.queries.resolveId(id.value);
      const ticket = ticketId ? await s.customers.acts.ticket(ticketId) : undefined;
      if (!ticket) return problem('TICKET.NOT_FOUND', `No ticket ${id.value}`);
      return json(200, await s.customers.service.panel(ticket));
    }),
};

export const reevaluateSlaFunction: FunctionDefinition<Services> = {
  name: 'tickets-customer-reevaluate-sla',
  trigger: { type: 'http', route: 'tickets/{id}/customer/reevaluate-sla', methods: ['POST'] },
  handler: (s) =>
    ticketCommand(s, OWNING_ROLES, null, (id, _input, p, o) => s.customers.acts.reevaluateSla(id, p.actor, o)),
};
