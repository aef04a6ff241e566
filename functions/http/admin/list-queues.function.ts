/** GET /api/admin/queues?limit=20: per queue, messages waiting, scheduled, in flight (with lock expiry) and dead (admins only). */
import { z } from 'zod';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const ZQueuesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) });

export const listQueuesFunction: FunctionDefinition<Services> = {
  name: 'admin-queues',
  trigger: { type: 'http', route: 'admin/queues', methods: ['GET'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const query = readQuery(request, ZQueuesQuery);
      if (!query.ok) return query.response;
      const monitor = s.queueMonitor;
      return json(200, {
        monitored: monitor !== undefined,
        items: monitor ? await monitor.stats(query.value.limit) : [],
      });
    }),
};
