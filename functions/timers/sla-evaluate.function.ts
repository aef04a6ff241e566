/** Every minute: SLA warnings, breaches and assist OLA time-outs for the tickets whose evaluation time has come. */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const slaEvaluateFunction: TimerFunctionDefinition<Services> = {
  name: 'sla-evaluate',
  trigger: { type: 'timer', schedule: '0 * * * * *' },
  handler: (s) => async (_timer, context) => {
    const report = await s.sla.evaluator.run();
    if (report.read > 0)
      context.log(
        `sla evaluated ${report.evaluated}/${report.read} ticket(s), sent ${report.notices} notice(s), ${report.failed} failed`,
      );
  },
};
