/**
 * /api/problems (issue 17): create (blank, from incidents, from an unsuccessful change), list,
 * read and the timeline. A problem is raised unowned; ownership starts with an explicit accept,
 * as a ticket's or a change's (the work-item kernel, ADR 0025).
 */
import { ZCreateProblem, ZListProblemsQuery } from '../../../shared/api/problems.schemas.js';
import { ZTimelineQuery } from '../../../shared/api/work-items.schemas.js';
import { toProblemDto } from '../../../shared/problems/problem-dto.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const createProblemFunction: FunctionDefinition<Services> = {
  name: 'problems-create',
  trigger: { type: 'http', route: 'problems', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateProblem);
      if (!input.ok) return input.response;
      const result = await s.problems.create(input.value, principal.actor);
      return fromResult(result, ({ problem: created, etag }) => {
        const response = json(201, toProblemDto(created), etag);
        return { ...response, headers: { ...response.headers, location: `/api/problems/${created.id}` } };
      });
    }),
};

export const listProblemsFunction: FunctionDefinition<Services> = {
  name: 'problems-list',
  trigger: { type: 'http', route: 'problems', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZListProblemsQuery);
      if (!query.ok) return query.response;
      const page = await s.problems.list(query.value, principal.actor);
      return json(200, { items: page.items.map(toProblemDto), nextCursor: page.nextCursor });
    }),
};

export const getProblemFunction: FunctionDefinition<Services> = {
  name: 'problems-get',
  trigger: { type: 'http', route: 'problems/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const problemId = await s.problems.resolveId(id.value);
      if (!problemId) return problem('PROBLEM.NOT_FOUND', `No problem ${id.value}`);
      return fromResult(await s.problems.get(problemId), (found) => json(200, toProblemDto(found.problem), found.etag));
    }),
};

export const problemTimelineFunction: FunctionDefinition<Services> = {
  name: 'problems-timeline',
  trigger: { type: 'http', route: 'problems/{id}/timeline', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZTimelineQuery);
      if (!query.ok) return query.response;
      const problemId = await s.problems.resolveId(id.value);
      if (!problemId) return problem('PROBLEM.NOT_FOUND', `No problem ${id.value}`);
      const page = await s.problems.timeline(problemId, query.value.limit, query.value.cursor);
      return json(200, {
        items: page.items.map(({ problemId: _p, docType: _d, ...entry }) => entry),
        nextCursor: page.nextCursor,
      });
    }),
};
