/**
 * A change's risk with the CMDB's facts, incidents it caused, and a ticket's changes (issue 16,
 * ADR 0031): GET/POST /api/changes/{id}/risk, POST /api/changes/{id}/incidents and
 * GET /api/tickets/{id}/changes (the last 72 hours on its CIs, and the changes linked to it).
 */
import { ZAssessRisk, ZLinkCausedIncident, ZTicketChangesQuery } from '../../../shared/api/change-schedule.schemas.js';
import { toChangeDto } from '../../../shared/changes/change-use-cases.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { changeCommand } from './change-commands.functions.js';

export const changeRiskFunction: FunctionDefinition<Services> = {
  name: 'changes-risk',
  trigger: { type: 'http', route: 'changes/{id}/risk', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      return fromResult(await s.changeInsights.risk(changeId), (view) => json(200, view));
    }),
};

export const assessChangeRiskFunction: FunctionDefinition<Services> = {
  name: 'changes-risk-assess',
  trigger: { type: 'http', route: 'changes/{id}/risk', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readJson(request, ZAssessRisk);
      if (!input.ok) return input.response;
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      const result = await s.changeInsights.assessRisk(
        changeId,
        input.value.answers,
        principal.actor,
        ifMatchOf(request),
      );
      return fromResult(result, ({ change, etag }) => json(200, toChangeDto(change), etag));
    }),
};

export const linkCausedIncidentFunction: FunctionDefinition<Services> = {
  name: 'changes-incident-link',
  trigger: { type: 'http', route: 'changes/{id}/incidents', methods: ['POST'] },
  handler: changeCommand(OWNING_ROLES, ZLinkCausedIncident, (s, id, input, actor) =>
    s.changeInsights.linkCausedIncident(id, input.ticket, actor),
  ),
};

export const ticketChangesFunction: FunctionDefinition<Services> = {
  name: 'tickets-changes',
  trigger: { type: 'http', route: 'tickets/{id}/changes', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZTicketChangesQuery);
      if (!query.ok) return query.response;
      return fromResult(await s.changeInsights.ticketChanges(id.value, query.value.hours), (view) => json(200, view));
    }),
};
