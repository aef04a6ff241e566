/** POST /api/assists/{id}/{accept|contribute|answer|decline|withdraw}: moves one assist of a ticket. */
import { ASSIST_API_ACTIONS, ZAssistActionBody } from '../../../shared/api/assists.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem, problemResponse } from '../kit/problem.js';
import { readId, readOptionalJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

const isAction = (value: string | undefined): value is (typeof ASSIST_API_ACTIONS)[number] =>
  (ASSIST_API_ACTIONS as readonly string[]).includes(value ?? '');

export const assistActionFunction: FunctionDefinition<Services> = {
  name: 'assists-action',
  trigger: { type: 'http', route: 'assists/{id}/{action}', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const action = request.params.action;
      if (!isAction(action))
        return problem(
          'REQUEST.NOT_FOUND',
          `Unknown assist action '${action ?? ''}'; use ${ASSIST_API_ACTIONS.join(', ')}`,
        );
      const input = await readOptionalJson(request, ZAssistActionBody);
      if (!input.ok) return input.response;
      const moved = await s.tickets.actOnAssist(id.value, action, input.value, principal.actor);
      if (!moved.ok) return problemResponse(moved.error);
      return fromResult(await s.queries.assist(id.value), (assist) => json(200, assist));
    }),
};
