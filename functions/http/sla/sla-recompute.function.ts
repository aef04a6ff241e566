/** POST /api/sla/recompute (admin): matches and stamps every open ticket again with today's SLA configuration. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const slaRecomputeFunction: FunctionDefinition<Services> = {
  name: 'sla-recompute',
  trigger: { type: 'http', route: 'sla/recompute', methods: ['POST'] },
  handler: (s) => authed(s, ADMIN_ONLY, async () => json(200, await s.sla.admin.recompute())),
};
