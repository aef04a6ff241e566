/** GET /api/search: full-text search over tickets and their conversations, with snippets and why each matched. */
import { ZSearchQuery } from '../../../shared/api/search.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problemResponse } from '../kit/problem.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const searchTicketsFunction: FunctionDefinition<Services> = {
  name: 'search-tickets',
  trigger: { type: 'http', route: 'search', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZSearchQuery);
      if (!query.ok) return query.response;
      const found = await s.search.tickets.search(query.value, principal.actor);
      return found.ok ? json(200, found.value) : problemResponse(found.error);
    }),
};
