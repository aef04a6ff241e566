/**
 * The migrations page's API (issue 20, admins only): POST /api/admin/migrations/jobs starts an
 * import (a dry run unless `dryRun: false`) or a shadow report as a queued job (202 with its
 * progress); GET /api/admin/migrations/jobs lists the latest, GET .../jobs/{id} is one job's
 * progress and results; POST .../jobs/{id}/resume queues an interrupted job again.
 */
import { ZStartMigrationJob } from '../../../shared/api/migration.schemas.js';
import { actorRef } from '../../../shared/kernel/actor.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const startMigrationJobFunction: FunctionDefinition<Services> = {
  name: 'admin-migration-jobs-start',
  trigger: { type: 'http', route: 'admin/migrations/jobs', methods: ['POST'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request, principal) => {
      const input = await readJson(request, ZStartMigrationJob);
      if (!input.ok) return input.response;
      const started = await s.migrationJobs.start(input.value, actorRef(principal.actor));
      return fromResult(started, (job) => json(202, job));
    }),
};

export const listMigrationJobsFunction: FunctionDefinition<Services> = {
  name: 'admin-migration-jobs',
  trigger: { type: 'http', route: 'admin/migrations/jobs', methods: ['GET'] },
  handler: (s) => authed(s, ADMIN_ONLY, async () => json(200, { items: await s.migrationJobs.list() })),
};

export const getMigrationJobFunction: FunctionDefinition<Services> = {
  name: 'admin-migration-jobs-get',
  trigger: { type: 'http', route: 'admin/migrations/jobs/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const job = await s.migrationJobs.get(id.value);
      return job ? json(200, job) : problem('REQUEST.NOT_FOUND', `No migration job ${id.value}`);
    }),
};

export const resumeMigrationJobFunction: FunctionDefinition<Services> = {
  name: 'admin-migration-jobs-resume',
  trigger: { type: 'http', route: 'admin/migrations/jobs/{id}/resume', methods: ['POST'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.migrationJobs.resume(id.value), (job) => json(202, job));
    }),
};
