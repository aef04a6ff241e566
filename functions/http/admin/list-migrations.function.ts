/** GET /api/admin/migrations: each source's import progress, counts and refused rows (admins only; issue 20). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const listMigrationsFunction: FunctionDefinition<Services> = {
  name: 'admin-migrations',
  trigger: { type: 'http', route: 'admin/migrations', methods: ['GET'] },
  handler: (s) => authed(s, ADMIN_ONLY, async () => json(200, { items: await s.migration.runs() })),
};
