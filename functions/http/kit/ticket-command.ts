/**
 * The common edge of every ticket command: authenticate, resolve `{id}` (id or number),
 * validate the body, pass If-Match, run the use case, answer with the ticket and its ETag.
 */
import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import type { Role } from '../../../shared/directory/agent.js';
import type { Result } from '../../../shared/kernel/result.js';
import type { CommandOptions, CommandOutcome } from '../../../shared/use-cases/ticket-commands.js';
import type { HttpHandler } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import type { Principal } from './auth.js';
import { authed } from './endpoint.js';
import { problem } from './problem.js';
import { ifMatchOf, readId, readOptionalJson } from './request.js';
import { ticketResponse } from './ticket-response.js';

const ZNoBody = z.strictObject({});

export const ticketCommand = <S extends z.ZodType>(
  s: Services,
  roles: readonly Role[],
  schema: S | null,
  run: (
    ticketId: string,
    input: z.output<S>,
    principal: Principal,
    options: CommandOptions,
  ) => Promise<Result<CommandOutcome<unknown>> | HttpResponseInit>,
): HttpHandler =>
  authed(s, roles, async (request, principal) => {
    const id = readId(request);
    if (!id.ok) return id.response;
    const input = await readOptionalJson(request, schema ?? ZNoBody);
    if (!input.ok) return input.response;
    const ticketId = await s.queries.resolveId(id.value);
    if (!ticketId) return problem('TICKET.NOT_FOUND', `No ticket ${id.value}`);
    const ifMatch = ifMatchOf(request);
    const outcome = await run(ticketId, input.value as z.output<S>, principal, ifMatch ? { ifMatch } : {});
    return 'ok' in outcome ? ticketResponse(outcome) : outcome;
  });
