/** POST /api/rules/reorder {ids}: the new execution order (every rule id once, first runs first). */
import { ZReorderRules } from '../../../shared/api/rules.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { RULE_ADMINS, ruleDto } from './rule-response.js';

export const reorderRulesFunction: FunctionDefinition<Services> = {
  name: 'rules-reorder',
  trigger: { type: 'http', route: 'rules/reorder', methods: ['POST'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request) => {
      const body = await readJson(request, ZReorderRules);
      if (!body.ok) return body.response;
      return fromResult(await s.orchestra.rules.reorder(body.value.ids), (rules) =>
        json(200, { items: rules.map(ruleDto), nextCursor: null }),
      );
    }),
};
