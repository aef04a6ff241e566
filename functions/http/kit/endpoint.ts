/**
 * Wraps a handler body with authentication, role check, the route-parameter check (no id a
 * store cannot hold reaches a store) and the translation of known infrastructure refusals (bad cursor, concurrent write) into problem responses.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Role } from '../../../shared/directory/agent.js';
import { ConcurrencyConflictError, InvalidCursorError } from '../../../shared/ports/document-store.js';
import type { HttpHandler } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import type { Principal } from './auth.js';
import { problem } from './problem.js';
import { routeParamProblem } from './request.js';

export type AuthedBody = (
  request: HttpRequest,
  principal: Principal,
  context: InvocationContext,
) => Promise<HttpResponseInit>;

export const guarded = async (run: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidCursorError) return problem('REQUEST.VALIDATION_FAILED', error.message);
    if (error instanceof ConcurrencyConflictError)
      return problem('CONCURRENCY.CONFLICT', 'Someone else changed this at the same time; reload and retry');
    throw error;
  }
};

export const authed =
  (services: Pick<Services, 'auth'>, roles: readonly Role[], body: AuthedBody): HttpHandler =>
  async (request, context) => {
    const principal = await services.auth.authenticate(request, roles);
    if (!principal.ok) return principal.response;
    const badParam = routeParamProblem(request);
    if (badParam) return badParam;
    return guarded(() => body(request, principal.value, context));
  };
