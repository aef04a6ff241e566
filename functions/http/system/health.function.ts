/** GET /api/health: liveness for load balancers and the start script (no sign-in), with queue depths. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { crmStatusOf } from '../customers/crm-status.js';
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
    const { cache: _cache, calls: _calls, checkedAt: _checkedAt, ...crm } = crmStatusOf(s);
    return json(200, { status: 'ok', ...s.info, queues, crm });
  },
};
