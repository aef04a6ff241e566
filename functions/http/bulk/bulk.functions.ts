/**
 * POST /api/bulk/jobs: one action over up to 1,000 tickets, queued as a job (202 with its
 * progress); GET /api/bulk/jobs/{id}: its progress and every ticket's outcome so far (the
 * agent who started it, or an admin).
 */
import { type TBulkMatching, ZStartBulkRequest } from '../../../shared/api/bulk.schemas.js';
import { ticketsMatching } from '../../../shared/bulk/bulk-matching.js';
import type { Actor } from '../../../shared/kernel/actor.js';
import type { DomainError } from '../../../shared/kernel/result.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem, problemResponse } from '../kit/problem.js';
import { readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

/** The search refused the filter's text (a bad query): reported as its problem. */
class SearchRefused extends Error {
  constructor(readonly refusal: DomainError) {
    super(refusal.message);
  }
}

/** The ids of every ticket the list filter matches: the list itself, or the search when it has text. */
const matchingIds = (s: Services, matching: TBulkMatching, actor: Actor) =>
  ticketsMatching(async (cursor) => {
    const { q, ...filters } = matching;
    const query = { ...filters, sort: '-created' as const, limit: 100, ...(cursor ? { cursor } : {}) };
    if (q === undefined) {
      const page = await s.queries.list(query, actor);
      return { ids: page.items.map((t) => t.id), nextCursor: page.nextCursor };
    }
    const found = await s.search.tickets.search({ ...query, q }, actor);
    if (!found.ok) throw new SearchRefused(found.error);
    return { ids: found.value.items.map((i) => i.ticket.id), nextCursor: found.value.nextCursor };
  });

export const startBulkJobFunction: FunctionDefinition<Services> = {
  name: 'bulk-jobs-start',
  trigger: { type: 'http', route: 'bulk/jobs', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const input = await readJson(request, ZStartBulkRequest);
      if (!input.ok) return input.response;
      let ticketIds: string[];
      if ('matching' in input.value) {
        const matched = await matchingIds(s, input.value.matching, principal.actor).catch((error: unknown) => {
          if (error instanceof SearchRefused) return error;
          throw error;
        });
        if (matched instanceof SearchRefused) return problemResponse(matched.refusal);
        if (!matched.ok) return problem('REQUEST.VALIDATION_FAILED', matched.reason);
        ticketIds = matched.ticketIds;
      } else ticketIds = input.value.ticketIds;
      const started = await s.productivity.bulk.start({ action: input.value.action, ticketIds }, principal.actor);
      return fromResult(started, (job) => ({
        ...json(202, job),
        headers: { 'content-type': 'application/json; charset=utf-8', location: `/api/bulk/jobs/${job.id}` },
      }));
    }),
};

export const getBulkJobFunction: FunctionDefinition<Services> = {
  name: 'bulk-jobs-get',
  trigger: { type: 'http', route: 'bulk/jobs/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.productivity.bulk.get(id.value, principal.actor), (job) => json(200, job));
    }),
};
