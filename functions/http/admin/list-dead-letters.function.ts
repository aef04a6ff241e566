/** GET /api/admin/dead-letters?queue=events: messages that exhausted their deliveries (admins only). */
import { z } from 'zod';
import { QUEUE_NAMES } from '../../../shared/ports/message-bus.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const ZDeadLettersQuery = z.strictObject({
  queue: z.enum(QUEUE_NAMES).default('events'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const listDeadLettersFunction: FunctionDefinition<Services> = {
  name: 'admin-dead-letters',
  trigger: { type: 'http', route: 'admin/dead-letters', methods: ['GET'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const query = readQuery(request, ZDeadLettersQuery);
      if (!query.ok) return query.response;
      return json(200, { items: await s.deadLetters.list(query.value.queue, query.value.limit), nextCursor: null });
    }),
};
