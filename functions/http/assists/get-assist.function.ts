/** GET /api/assists/{id}: one assist with its state, expert and due time. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readId } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const getAssistFunction: FunctionDefinition<Services> = {
  name: 'assists-get',
  trigger: { type: 'http', route: 'assists/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.queries.assist(id.value), (assist) => json(200, assist));
    }),
};
