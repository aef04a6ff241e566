/** POST /api/tickets/{id}/assists {expert: {agentId}|{teamId}, question, dueAt?}: the owner asks for help. */
import { ZRequestAssist } from '../../../shared/api/assists.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { problemResponse } from '../kit/problem.js';
import { fromResult, json } from '../kit/respond.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const requestAssistFunction: FunctionDefinition<Services> = {
  name: 'tickets-request-assist',
  trigger: { type: 'http', route: 'tickets/{id}/assists', methods: ['POST'] },
  handler: (s) =>
    ticketCommand(s, OWNING_ROLES, ZRequestAssist, async (id, input, p, o) => {
      const requested = await s.tickets.requestAssist(id, input, p.actor, o);
      if (!requested.ok) return problemResponse(requested.error);
      return fromResult(await s.queries.assist(requested.value.value), (assist) => ({
        ...json(201, assist),
        headers: { 'content-type': 'application/json; charset=utf-8', location: `/api/assists/${assist.id}` },
      }));
    }),
};
