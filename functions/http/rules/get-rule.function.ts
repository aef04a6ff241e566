/** GET /api/rules/{id}: one rule with its ETag. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { readId } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { RULE_ADMINS, ruleDto } from './rule-response.js';

export const getRuleFunction: FunctionDefinition<Services> = {
  name: 'rules-get',
  trigger: { type: 'http', route: 'rules/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.orchestra.rules.get(id.value), (r) => json(200, ruleDto(r), r.etag));
    }),
};
