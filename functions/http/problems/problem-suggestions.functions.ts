/**
 * /api/problem-suggestions (issue 17): the "suggested problems" queue the clustering timer fills;
 * accept creates the problem with the incidents linked, dismiss is remembered.
 */
import { type TProblemSuggestion, ZListSuggestionsQuery } from '../../../shared/api/problems.schemas.js';
import { toProblemDto } from '../../../shared/problems/problem-dto.js';
import type { ProblemSuggestion } from '../../../shared/problems/problem-suggestions.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readId, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

const toDto = ({ problemId: _p, docType: _d, ...s }: ProblemSuggestion & { _etag?: unknown }): TProblemSuggestion => {
  const { _etag, ...fields } = s as typeof s & { _etag?: unknown; _ts?: unknown };
  const { _ts, ...rest } = fields as typeof fields & { _ts?: unknown };
  return {
    ...rest,
    signature: [...rest.signature],
    ticketIds: [...rest.ticketIds],
    ticketNumbers: [...rest.ticketNumbers],
    titles: [...rest.titles],
  };
};

export const listProblemSuggestionsFunction: FunctionDefinition<Services> = {
  name: 'problem-suggestions-list',
  trigger: { type: 'http', route: 'problem-suggestions', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZListSuggestionsQuery);
      if (!query.ok) return query.response;
      const items = await s.problemSuggestions.list(query.value.state);
      return json(200, { items: items.map(toDto), nextCursor: null });
    }),
};

export const acceptProblemSuggestionFunction: FunctionDefinition<Services> = {
  name: 'problem-suggestions-accept',
  trigger: { type: 'http', route: 'problem-suggestions/{id}/accept', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const result = await s.problemSuggestions.accept(id.value, principal.actor);
      return fromResult(result, ({ problem, etag }) => json(201, toProblemDto(problem), etag));
    }),
};

export const dismissProblemSuggestionFunction: FunctionDefinition<Services> = {
  name: 'problem-suggestions-dismiss',
  trigger: { type: 'http', route: 'problem-suggestions/{id}/dismiss', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const result = await s.problemSuggestions.dismiss(id.value, principal.actor);
      return fromResult(result, (suggestion) => json(200, toDto(suggestion)));
    }),
};
