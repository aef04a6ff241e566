/**
 * POST /api/macros/preview: a stored macro (or the editor's draft text) rendered on a ticket,
 * with the changes its actions would make; nothing is written. A template that reads files,
 * loops without end or grows without bound is refused with a 422 problem.
 * POST /api/macros/{id}/apply: the macro on one ticket, in one command (If-Match honoured).
 */
import { ZApplyMacro, ZPreviewMacro } from '../../../shared/api/macros.schemas.js';
import { toMacroDto } from '../../../shared/macros/macro.js';
import { toTicketDto } from '../../../shared/use-cases/ticket-queries.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const previewMacroFunction: FunctionDefinition<Services> = {
  name: 'macros-preview',
  trigger: { type: 'http', route: 'macros/preview', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const input = await readJson(request, ZPreviewMacro);
      if (!input.ok) return input.response;
      const ticketId = await s.queries.resolveId(input.value.ticketId);
      if (!ticketId) return problem('TICKET.NOT_FOUND', `No ticket ${input.value.ticketId}`);
      const preview = await s.productivity.macros.preview({ ...input.value, ticketId }, principal.actor);
      return fromResult(preview, (p) => json(200, p));
    }),
};

export const applyMacroFunction: FunctionDefinition<Services> = {
  name: 'macros-apply',
  trigger: { type: 'http', route: 'macros/{id}/apply', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readJson(request, ZApplyMacro);
      if (!input.ok) return input.response;
      const ticketId = await s.queries.resolveId(input.value.ticketId);
      if (!ticketId) return problem('TICKET.NOT_FOUND', `No ticket ${input.value.ticketId}`);
      const ifMatch = ifMatchOf(request);
      const applied = await s.productivity.macros.apply(
        id.value,
        { ...input.value, ticketId },
        principal.actor,
        ifMatch ? { ifMatch } : { retryOnConflict: true },
      );
      return fromResult(applied, (a) =>
        json(200, { ticket: toTicketDto(a.ticket, a.sla), macro: toMacroDto(a.macro, a.canManage) }, a.etag),
      );
    }),
};
