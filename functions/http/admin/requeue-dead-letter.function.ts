/** POST /api/admin/dead-letters/{queue}/{id}/requeue: gives a dead letter another round of deliveries. */
import { QUEUE_NAMES, type QueueName } from '../../../shared/ports/message-bus.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const requeueDeadLetterFunction: FunctionDefinition<Services> = {
  name: 'admin-dead-letters-requeue',
  trigger: { type: 'http', route: 'admin/dead-letters/{queue}/{id}/requeue', methods: ['POST'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const queue = request.params.queue as QueueName;
      if (!QUEUE_NAMES.includes(queue)) return problem('REQUEST.NOT_FOUND', `No queue '${request.params.queue}'`);
      const id = readId(request);
      if (!id.ok) return id.response;
      const requeued = await s.deadLetters.requeue(queue, id.value);
      return requeued
        ? json(200, { requeued: id.value })
        : problem('REQUEST.NOT_FOUND', `No dead letter ${id.value} on ${queue}`);
    }),
};
