/** DELETE /api/rules/{id}: removes a rule (If-Match optional); its versions stay, the last one `deleted`. */
import { actorRef } from '../../../shared/kernel/actor.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId } from '../kit/request.js';
import { fromResult } from '../kit/respond.js';
import { RULE_ADMINS } from './rule-response.js';

export const deleteRuleFunction: FunctionDefinition<Services> = {
  name: 'rules-delete',
  trigger: { type: 'http', route: 'rules/{id}', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const removed = await s.orchestra.rules.remove(id.value, actorRef(principal.actor), ifMatchOf(request));
      return fromResult(removed, () => ({ status: 204 }));
    }),
};
