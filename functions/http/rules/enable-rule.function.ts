/** POST /api/rules/{id}/enable {enabled}: switches a rule on or off (a new version; If-Match optional). */
import { ZEnableRule } from '../../../shared/api/rules.schemas.js';
import { actorRef } from '../../../shared/kernel/actor.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { RULE_ADMINS, ruleDto } from './rule-response.js';

export const enableRuleFunction: FunctionDefinition<Services> = {
  name: 'rules-enable',
  trigger: { type: 'http', route: 'rules/{id}/enable', methods: ['POST'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const body = await readJson(request, ZEnableRule);
      if (!body.ok) return body.response;
      const by = actorRef(principal.actor);
      const saved = await s.orchestra.rules.setEnabled(id.value, body.value.enabled, by, ifMatchOf(request));
      return fromResult(saved, (r) => json(200, ruleDto(r), r.etag));
    }),
};
