/** GET /api/health: liveness for load balancers and the start script (no sign-in), with queue depths. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { json } from '../kit/respond.js';

export const healthFunction: FunctionDefinition<Services> = {
  name: 'health',
  trigger: { type: 'http', route: 'health', methods: ['GET'] },
  handler: (s) => async () => {
    const queues = s.queueMonitor
      ? (await s.queueMonitor.stats(0)).map(({ queue, waiting, inFlight, nextLockExpiry }) => ({
          queue,
          waiting,
          inFlight,
          nextLockExpiry,
        }))
      : null;
    return json(200, { status: 'ok', ...s.info, queues });
  },
};
