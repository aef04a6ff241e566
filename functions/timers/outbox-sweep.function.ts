/** Every 30 s: publishes outbox events a crash left behind between commit and publish. */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const outboxSweepFunction: TimerFunctionDefinition<Services> = {
  name: 'outbox-sweep',
  trigger: { type: 'timer', schedule: '*/30 * * * * *' },
  handler: (s) => async (_timer, context) => {
    const relayed = await s.relay.sweep();
    if (relayed > 0) context.log(`outbox sweep relayed ${relayed} event(s)`);
  },
};
