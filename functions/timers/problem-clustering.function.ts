/** Every hour: recurring incidents and repeated assists become suggested problems (issue 17). */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const problemClusteringTimerFunction: TimerFunctionDefinition<Services> = {
  name: 'problem-clustering',
  trigger: { type: 'timer', schedule: '0 20 * * * *' },
  handler: (s) => async (_timer, context) => {
    const { open, considered } = await s.problemSuggestions.run();
    context.log(`problem clustering: ${open} suggested problem(s) from ${considered} incident(s)`);
  },
};
