/** Every 15 min: creates, renews (well before the expiry Graph granted) or recreates each mailbox's subscription. */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const graphSubscriptionsRenewFunction: TimerFunctionDefinition<Services> = {
  name: 'graph-subscriptions-renew',
  trigger: { type: 'timer', schedule: '0 */15 * * * *' },
  handler: (s) => async (_timer, context) => {
    if (!s.graph) return;
    const outcomes = await s.graph.subscriptions.ensureAll();
    const changed = Object.entries(outcomes).filter(([, outcome]) => outcome !== 'kept' && outcome !== 'skipped');
    if (changed.length > 0) context.log(`graph subscriptions: ${changed.map(([m, o]) => `${m} ${o}`).join(', ')}`);
  },
};
