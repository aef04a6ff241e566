/** DELETE /api/rules/{id}: removes a rule. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { readId } from '../kit/request.js';
import { fromResult } from '../kit/respond.js';
import { RULE_ADMINS } from './rule-response.js';

export const deleteRuleFunction: FunctionDefinition<Services> = {
  name: 'rules-delete',
  trigger: { type: 'http', route: 'rules/{id}', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.orchestra.rules.remove(id.value), () => ({ status: 204 }));
    }),
};
