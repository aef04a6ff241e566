/**
 * /api/changes (issue 16): create, list, read and the timeline. A change is raised unowned by an
 * agent; ownership starts with an explicit accept, as a ticket's (the work-item kernel, ADR 0025).
 */

import { ZCreateChange, ZListChangesQuery } from '../../../shared/api/changes.schemas.js';
import { ZTimelineQuery } from '../../../shared/api/work-items.schemas.js';
import { toChangeDto } from '../../../shared/changes/change-use-cases.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const createChangeFunction: FunctionDefinition<Services> = {
  name: 'changes-create',
  trigger: { type: 'http', route: 'changes', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateChange);
      if (!input.ok) return input.response;
      const result = await s.changes.create(input.value, principal.actor);
      return fromResult(result, ({ change, etag }) => {
        const response = json(201, toChangeDto(change), etag);
        return { ...response, headers: { ...response.headers, location: `/api/changes/${change.id}` } };
      });
    }),
};

export const listChangesFunction: FunctionDefinition<Services> = {
  name: 'changes-list',
  trigger: { type: 'http', route: 'changes', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZListChangesQuery);
      if (!query.ok) return query.response;
      const page = await s.changes.list(query.value, principal.actor);
      return json(200, { items: page.items.map(toChangeDto), nextCursor: page.nextCursor });
    }),
};

export const getChangeFunction: FunctionDefinition<Services> = {
  name: 'changes-get',
  trigger: { type: 'http', route: 'changes/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      return fromResult(await s.changes.get(changeId), ({ change, etag }) => json(200, toChangeDto(change), etag));
    }),
};

export const changeTimelineFunction: FunctionDefinition<Services> = {
  name: 'changes-timeline',
  trigger: { type: 'http', route: 'changes/{id}/timeline', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZTimelineQuery);
      if (!query.ok) return query.response;
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      const page = await s.changes.timeline(changeId, query.value.limit, query.value.cursor);
      return json(200, {
        items: page.items.map(({ changeId: _c, docType: _d, ...entry }) => entry),
        nextCursor: page.nextCursor,
      });
    }),
};
