/**
 * GET /api/dev/agents: the dev sign-in page's list of agents. Anonymous, so it exists only when
 * dev sign-in is on (AUTH_MODE=dev, which start-up refuses in Azure); otherwise 404.
 */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { problem } from '../kit/problem.js';
import { json } from '../kit/respond.js';

export const devAgentsFunction: FunctionDefinition<Services> = {
  name: 'dev-agents',
  trigger: { type: 'http', route: 'dev/agents', methods: ['GET'] },
  handler: (s) => async () => {
    if (!s.devSignIn) return problem('REQUEST.NOT_FOUND', 'Dev sign-in is off');
    const agents = await s.directory.agents();
    return json(200, {
      items: agents.filter((a) => a.active).map(({ email, name, roles }) => ({ email, name, roles })),
      nextCursor: null,
    });
  },
};
