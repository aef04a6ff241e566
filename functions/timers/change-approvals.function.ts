/** Every 5 minutes: approval reminders and expiries whose time has come (ADR 0030). */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const changeApprovalTimerFunction: TimerFunctionDefinition<Services> = {
  name: 'change-approval-timers',
  trigger: { type: 'timer', schedule: '0 */5 * * * *' },
  handler: (s) => async (_timer, context) => {
    const { changes } = await s.changeApprovals.sweep();
    if (changes > 0) context.log(`change approvals: timers run on ${changes} change(s)`);
  },
};
