/**
 * One HTTP shape for every work-item command (changes, problems: ADR 0025): resolve `{id}` (id or
 * human number), parse the optional JSON body, pass If-Match, run the use case, answer with the
 * item and its ETag; refusals are the domain's codes as problem+json.
 */
import type { HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import type { Role } from '../../../shared/directory/agent.js';
import type { Actor } from '../../../shared/kernel/actor.js';
import type { ErrorCode } from '../../../shared/kernel/error-codes.js';
import type { Result } from '../../../shared/kernel/result.js';
import type { RunOptions } from '../../../shared/work-items/work-item-commands.js';
import type { HttpHandler } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from './endpoint.js';
import { problem } from './problem.js';
import { ifMatchOf, readId, readOptionalJson } from './request.js';
import { fromResult, json } from './respond.js';

export interface WorkItemHttp<O> {
  readonly resolveId: (s: Services, idOrNumber: string) => Promise<string | undefined>;
  readonly notFound: ErrorCode;
  readonly noun: string;
  /** The response body and ETag of a command's outcome. */
  readonly respond: (outcome: O) => { readonly body: unknown; readonly etag: string };
}

export type WorkItemRun<S extends z.ZodType, O> = (
  s: Services,
  id: string,
  input: z.output<S>,
  actor: Actor,
  options: RunOptions,
  params: Readonly<Record<string, string>>,
) => Promise<Result<O>>;

export const workItemCommand =
  <O>(http: WorkItemHttp<O>) =>
  <S extends z.ZodType>(roles: readonly Role[], schema: S, run: WorkItemRun<S, O>) =>
  (s: Services): HttpHandler =>
    authed(s, roles, async (request, principal): Promise<HttpResponseInit> => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readOptionalJson(request, schema);
      if (!input.ok) return input.response;
      const itemId = await http.resolveId(s, id.value);
      if (!itemId) return problem(http.notFound, `No ${http.noun} ${id.value}`);
      const ifMatch = ifMatchOf(request);
      const result = await run(
        s,
        itemId,
        input.value as z.output<S>,
        principal.actor,
        ifMatch ? { ifMatch } : {},
        request.params,
      );
      return fromResult(result, (outcome) => {
        const { body, etag } = http.respond(outcome);
        return json(200, body, etag);
      });
    });
