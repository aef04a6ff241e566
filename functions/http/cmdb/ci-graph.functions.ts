/**
 * /api/cmdb/cis/{id}/relations and /impact, and a ticket's affected CIs (/api/tickets/{id}/cis).
 * Setting a ticket's CIs goes through the Ticket aggregate (`setAffectedCis`: a timeline entry,
 * the ticket's ETag, If-Match like every ticket command); it never changes the owner.
 */
import { ZAddRelation, ZImpactQuery, ZSetAffectedCis } from '../../../shared/api/cmdb.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY, ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { ticketCommand } from '../kit/ticket-command.js';
import { toCiDto, toRelationDto } from './ci-dto.js';

export const CI_GRAPH_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  {
    name: 'cmdb-relations-list',
    trigger: { type: 'http', route: 'cmdb/cis/{id}/relations', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        return fromResult(await s.cmdb.relations(id.value), (items) => json(200, { items: items.map(toRelationDto) }));
      }),
  },
  {
    name: 'cmdb-relations-add',
    trigger: { type: 'http', route: 'cmdb/cis/{id}/relations', methods: ['POST'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request, principal) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const input = await readJson(request, ZAddRelation);
        if (!input.ok) return input.response;
        return fromResult(
          await s.cmdb.addRelation(id.value, input.value, principal.actor),
          ({ ciId: _c, docType: _d, ...r }) => json(201, r),
        );
      }),
  },
  {
    name: 'cmdb-relations-remove',
    trigger: { type: 'http', route: 'cmdb/cis/{id}/relations/{relationId}', methods: ['DELETE'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request, principal) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const relationId = readId(request, 'relationId');
        if (!relationId.ok) return relationId.response;
        return fromResult(await s.cmdb.removeRelation(id.value, relationId.value, principal.actor), () => ({
          status: 204,
        }));
      }),
  },
  {
    name: 'cmdb-impact',
    trigger: { type: 'http', route: 'cmdb/cis/{id}/impact', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const query = readQuery(request, ZImpactQuery);
        if (!query.ok) return query.response;
        return fromResult(await s.cmdb.impact(id.value, query.value), (impact) => json(200, impact));
      }),
  },
  {
    name: 'tickets-cis-get',
    trigger: { type: 'http', route: 'tickets/{id}/cis', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const ticketId = await s.queries.resolveId(id.value);
        if (!ticketId) return problem('TICKET.NOT_FOUND', `No ticket ${id.value}`);
        return fromResult(await s.ciTickets.ticketCis(ticketId), (found) =>
          json(200, { ...found, items: found.items.map((i) => ({ ...i, ci: i.ci ? toCiDto(i.ci) : null })) }),
        );
      }),
  },
  {
    name: 'tickets-cis-set',
    trigger: { type: 'http', route: 'tickets/{id}/cis', methods: ['PUT'] },
    handler: (s) =>
      ticketCommand(s, OWNING_ROLES, ZSetAffectedCis, (id, input, p, o) => s.cmdb.setTicketCis(id, input, p.actor, o)),
  },
];
