/**
 * /api/cmdb/cis/{id}/tickets and /neighbourhood (everyone signed in reads them), and an agent's
 * accept or dismiss of a suggested CI on a ticket (a ticket command: If-Match, a timeline entry,
 * never the owner).
 */
import { ZNeighbourhoodQuery, ZSuggestionAction } from '../../../shared/api/ci-tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readId, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const CI_TICKETS_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  {
    name: 'cmdb-ci-tickets',
    trigger: { type: 'http', route: 'cmdb/cis/{id}/tickets', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        return fromResult(await s.ciTickets.ciTickets(id.value), (found) => json(200, found));
      }),
  },
  {
    name: 'cmdb-ci-neighbourhood',
    trigger: { type: 'http', route: 'cmdb/cis/{id}/neighbourhood', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const query = readQuery(request, ZNeighbourhoodQuery);
        if (!query.ok) return query.response;
        return fromResult(await s.ciTickets.neighbourhood(id.value, query.value.depth), (found) => json(200, found));
      }),
  },
  {
    name: 'tickets-ci-suggestions',
    trigger: { type: 'http', route: 'tickets/{id}/cis/suggestions', methods: ['POST'] },
    handler: (s) =>
      ticketCommand(s, OWNING_ROLES, ZSuggestionAction, (id, input, p, o) =>
        s.ciTickets.actOnSuggestion(id, input, p.actor, o),
      ),
  },
];
