/**
 * /api/known-errors (issue 17, ADR 0034): write, list, read, the versions and the candidates
 * queue. Writes answer with the known error and its ETag; edits and moves take If-Match.
 */
import {
  ZCandidatesQuery,
  ZCreateKnownError,
  ZListKnownErrorsQuery,
  ZVersionsQuery,
} from '../../../shared/api/known-errors.schemas.js';
import { toKnownErrorDto, toVersionDto } from '../../../shared/known-errors/known-error-dto.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const createKnownErrorFunction: FunctionDefinition<Services> = {
  name: 'known-errors-create',
  trigger: { type: 'http', route: 'known-errors', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateKnownError);
      if (!input.ok) return input.response;
      const result = await s.knownErrors.create(input.value, principal.actor);
      return fromResult(result, ({ knownError, etag }) => {
        const response = json(201, toKnownErrorDto(knownError), etag);
        return { ...response, headers: { ...response.headers, location: `/api/known-errors/${knownError.id}` } };
      });
    }),
};

export const listKnownErrorsFunction: FunctionDefinition<Services> = {
  name: 'known-errors-list',
  trigger: { type: 'http', route: 'known-errors', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZListKnownErrorsQuery);
      if (!query.ok) return query.response;
      const page = await s.knownErrors.list(query.value);
      return json(200, { items: page.items.map(toKnownErrorDto), nextCursor: page.nextCursor });
    }),
};

export const knownErrorCandidatesFunction: FunctionDefinition<Services> = {
  name: 'known-errors-candidates',
  trigger: { type: 'http', route: 'known-errors/candidates', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZCandidatesQuery);
      if (!query.ok) return query.response;
      const page = await s.knownErrors.candidates(query.value.limit, query.value.cursor);
      return json(200, {
        items: page.items.map((c) => ({ ...c, knownError: toKnownErrorDto(c.knownError) })),
        nextCursor: page.nextCursor,
      });
    }),
};

export const getKnownErrorFunction: FunctionDefinition<Services> = {
  name: 'known-errors-get',
  trigger: { type: 'http', route: 'known-errors/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const keId = await s.knownErrors.resolveId(id.value);
      if (!keId) return problem('KNOWN_ERROR.NOT_FOUND', `No known error ${id.value}`);
      return fromResult(await s.knownErrors.get(keId), ({ knownError, etag }) =>
        json(200, toKnownErrorDto(knownError), etag),
      );
    }),
};

export const knownErrorVersionsFunction: FunctionDefinition<Services> = {
  name: 'known-errors-versions',
  trigger: { type: 'http', route: 'known-errors/{id}/versions', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZVersionsQuery);
      if (!query.ok) return query.response;
      const keId = await s.knownErrors.resolveId(id.value);
      if (!keId) return problem('KNOWN_ERROR.NOT_FOUND', `No known error ${id.value}`);
      const page = await s.knownErrors.versions(keId, query.value.limit, query.value.cursor);
      return json(200, { items: page.items.map(toVersionDto), nextCursor: page.nextCursor });
    }),
};
