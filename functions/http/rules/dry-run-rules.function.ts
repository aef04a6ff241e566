/**
 * POST /api/rules/dry-run {ticketId | ticket, event}: which rules would match and what they
 * would do, computed by the same planner the rules subscriber executes; nothing changes.
 */
import { ZDryRun } from '../../../shared/api/rules.schemas.js';
import type { TicketSnapshot } from '../../../shared/tickets/ticket-types.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';
import { RULE_ADMINS } from './rule-response.js';

const SAMPLE: TicketSnapshot = {
  id: 'dry-run',
  ticketId: 'dry-run',
  docType: 'ticket',
  number: 'INC-0',
  type: 'incident',
  title: 'Sample ticket',
  description: '',
  requester: { email: 'requester@example.com', name: 'Requester' },
  status: 'new',
  impact: 3,
  urgency: 3,
  priority: 'P4',
  category: null,
  teamId: null,
  tags: [],
  ownerId: null,
  channel: 'web',
  createdBy: { kind: 'system', name: 'dry-run' },
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
  resolvedAt: null,
  closedAt: null,
  lastSeq: 0,
  openAssistCount: 0,
};

export const dryRunRulesFunction: FunctionDefinition<Services> = {
  name: 'rules-dry-run',
  trigger: { type: 'http', route: 'rules/dry-run', methods: ['POST'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request) => {
      const body = await readJson(request, ZDryRun);
      if (!body.ok) return body.response;
      const { ticketId, ticket, event } = body.value;
      let base = SAMPLE;
      if (ticketId) {
        const id = await s.queries.resolveId(ticketId);
        const found = id ? await s.orchestra.rules.ticket(id) : undefined;
        if (!found) return problem('TICKET.NOT_FOUND', `No ticket ${ticketId}`);
        base = found;
      }
      const facts = { ...base, ...(ticket ?? {}) } as TicketSnapshot;
      const matches = await s.orchestra.rules.dryRun(facts, {
        id: 'dry-run',
        type: event.type,
        occurredAt: new Date().toISOString(),
        actor: event.actor,
        data: event.data,
      });
      return json(200, { matches });
    }),
};
