/**
 * The Orchestra's timers: scheduled rules (every minute; each rule keeps its own period),
 * routing upkeep (expired offers, queue heads) and the coalesced alert emails.
 */
import { OPEN_STATUSES } from '../../shared/routing/routing-queries.js';
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const rulesScheduleFunction: TimerFunctionDefinition<Services> = {
  name: 'rules-schedule',
  trigger: { type: 'timer', schedule: '15 * * * * *' },
  handler: (s) => async (_timer, context) => {
    const ran = await s.orchestra.ruleRunner.runSchedules((statuses) =>
      s.orchestra.routingQueries.byStatus(statuses.length > 0 ? statuses : [...OPEN_STATUSES]),
    );
    if (ran > 0) context.log(`scheduled rules ran ${ran} time(s)`);
  },
};

export const routingSweepFunction: TimerFunctionDefinition<Services> = {
  name: 'routing-sweep',
  trigger: { type: 'timer', schedule: '30 * * * * *' },
  handler: (s) => async (_timer, context) => {
    const { expired, routed } = await s.orchestra.routingUpkeep.sweep();
    if (expired + routed > 0) context.log(`routing: ${expired} offer(s) expired, ${routed} ticket(s) routed`);
  },
};

export const notificationsFlushFunction: TimerFunctionDefinition<Services> = {
  name: 'notifications-flush',
  trigger: { type: 'timer', schedule: '45 * * * * *' },
  handler: (s) => async (_timer, context) => {
    const sent = await s.orchestra.notifications.flushDigests();
    if (sent > 0) context.log(`sent ${sent} alert digest(s)`);
  },
};
