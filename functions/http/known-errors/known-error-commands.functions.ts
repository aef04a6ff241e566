/**
 * The known error's writes (issue 17): edit (a new version), publish, retire, redraft, apply the
 * workaround to an incident, and promote an answered assist into a draft. `{id}` is an id or a
 * KE- number; edits and moves take If-Match; refusals are problem+json with the domain's codes.
 */
import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { ZApplyWorkaround, ZEditKnownError, ZSuggestionsQuery } from '../../../shared/api/known-errors.schemas.js';
import { toKnownErrorDto } from '../../../shared/known-errors/known-error-dto.js';
import type { KnownErrorAction } from '../../../shared/known-errors/known-error-state.js';
import type { FunctionDefinition, HttpHandler } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId, readJson, readOptionalJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

const ZNoBody = z.strictObject({});

const write =
  (action: KnownErrorAction) =>
  (s: Services): HttpHandler =>
    authed(s, ALL_ROLES, async (request, principal): Promise<HttpResponseInit> => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input =
        action === 'edit' ? await readJson(request, ZEditKnownError) : await readOptionalJson(request, ZNoBody);
      if (!input.ok) return input.response;
      const keId = await s.knownErrors.resolveId(id.value);
      if (!keId) return problem('KNOWN_ERROR.NOT_FOUND', `No known error ${id.value}`);
      const ifMatch = ifMatchOf(request);
      const options = ifMatch ? { ifMatch } : {};
      const result =
        action === 'edit'
          ? await s.knownErrors.edit(keId, input.value as z.output<typeof ZEditKnownError>, principal.actor, options)
          : await s.knownErrors.act(keId, action, principal.actor, options);
      return fromResult(result, ({ knownError, etag }) => json(200, toKnownErrorDto(knownError), etag));
    });

export const editKnownErrorFunction: FunctionDefinition<Services> = {
  name: 'known-errors-edit',
  trigger: { type: 'http', route: 'known-errors/{id}', methods: ['PATCH'] },
  handler: write('edit'),
};

const move = (action: 'publish' | 'retire' | 'redraft'): FunctionDefinition<Services> => ({
  name: `known-errors-${action}`,
  trigger: { type: 'http', route: `known-errors/{id}/${action}`, methods: ['POST'] },
  handler: write(action),
});

export const publishKnownErrorFunction = move('publish');
export const retireKnownErrorFunction = move('retire');
export const redraftKnownErrorFunction = move('redraft');

export const applyWorkaroundFunction: FunctionDefinition<Services> = {
  name: 'known-errors-apply',
  trigger: { type: 'http', route: 'known-errors/{id}/apply', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readJson(request, ZApplyWorkaround);
      if (!input.ok) return input.response;
      const keId = await s.knownErrors.resolveId(id.value);
      if (!keId) return problem('KNOWN_ERROR.NOT_FOUND', `No known error ${id.value}`);
      const result = await s.knownErrors.applyWorkaround(keId, input.value, principal.actor);
      return fromResult(result, (applied) =>
        json(200, { ...applied, knownError: toKnownErrorDto(applied.knownError) }),
      );
    }),
};

export const knownErrorSuggestionsFunction: FunctionDefinition<Services> = {
  name: 'known-errors-suggestions',
  trigger: { type: 'http', route: 'tickets/{id}/known-error-suggestions', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZSuggestionsQuery);
      if (!query.ok) return query.response;
      const result = await s.knownErrors.suggestFor(id.value, query.value.limit);
      return fromResult(result, (items) =>
        json(200, { items: items.map((i) => ({ ...i, knownError: toKnownErrorDto(i.knownError) })) }),
      );
    }),
};

export const promoteAssistFunction: FunctionDefinition<Services> = {
  name: 'known-errors-promote-assist',
  trigger: { type: 'http', route: 'tickets/{id}/assists/{assistId}/known-error', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const assistId = readId(request, 'assistId');
      if (!assistId.ok) return assistId.response;
      const result = await s.knownErrors.promoteAssist(id.value, assistId.value, principal.actor);
      return fromResult(result, ({ knownError, etag }) => json(201, toKnownErrorDto(knownError), etag));
    }),
};
