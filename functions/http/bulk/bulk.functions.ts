/**
 * POST /api/bulk/jobs: one action over up to 1,000 tickets, queued as a job (202 with its
 * progress); GET /api/bulk/jobs/{id}: its progress and every ticket's outcome so far (the
 * agent who started it, or an admin).
 */
import { ZStartBulkJob } from '../../../shared/api/bulk.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const startBulkJobFunction: FunctionDefinition<Services> = {
  name: 'bulk-jobs-start',
  trigger: { type: 'http', route: 'bulk/jobs', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const input = await readJson(request, ZStartBulkJob);
      if (!input.ok) return input.response;
      const started = await s.productivity.bulk.start(input.value, principal.actor);
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
