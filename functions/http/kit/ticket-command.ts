/**
 * The common edge of every ticket command: authenticate, resolve `{id}` (id or number),
 * validate the body, pass If-Match, run the use case, answer with the ticket and its ETag.
 *
 * With If-Match a concurrent change is the caller's business (412). Without it the request means
 * "do this to the ticket as it is": a write that lands in between (often a background one: rules,
 * routing, the SLA timer) makes the command run again on the fresh ticket, where the domain checks
 * it anew (a second accept then gets TICKET.ALREADY_OWNED, not a bare conflict), as Zendesk's API
 * does without `safe_update`.
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
    const options: CommandOptions = ifMatch ? { ifMatch } : { retryOnConflict: true };
    const outcome = await run(ticketId, input.value as z.output<S>, principal, options);
    return 'ok' in outcome ? ticketResponse(outcome) : outcome;
  });
