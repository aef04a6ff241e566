/** Every 5 min: delta catch-up of each Graph mailbox's inbox, the safety net for dropped notifications. */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const graphDeltaCatchUpFunction: TimerFunctionDefinition<Services> = {
  name: 'graph-delta-catch-up',
  trigger: { type: 'timer', schedule: '30 */5 * * * *' },
  handler: (s) => async (_timer, context) => {
    if (!s.graph) return;
    for (const run of await s.graph.delta.catchUpAll())
      if (run.enqueued > 0)
        context.log(`graph delta ${run.mailbox}: ${run.enqueued} message(s) enqueued over ${run.pages} page(s)`);
  },
};
