/** GET /api/tickets/{id}: one ticket by id or number (INC-1042), with its ETag. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readId } from '../kit/request.js';
import { fromResult, jsonText } from '../kit/respond.js';

export const getTicketFunction: FunctionDefinition<Services> = {
  name: 'tickets-get',
  trigger: { type: 'http', route: 'tickets/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.queries.getJson(id.value), ({ json, etag }) => jsonText(200, json, etag));
    }),
};
