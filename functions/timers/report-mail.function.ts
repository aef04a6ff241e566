/** Hourly: mails each scheduled report (weekly, monthly) whose last finished period was not sent yet. */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const reportMailFunction: TimerFunctionDefinition<Services> = {
  name: 'reports-mail',
  trigger: { type: 'timer', schedule: '0 5 * * * *' },
  handler: (s) => async (_timer, context) => {
    const sent = await s.reports.subscriptions.sendDue();
    if (sent > 0) context.log(`scheduled reports: ${sent} mail(s) sent`);
  },
};
