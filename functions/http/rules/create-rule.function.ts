/** POST /api/rules: adds a rule at the end of the order (its version 1); owner-changing rules are refused (422). */
import { z } from 'zod';
import { actorRef } from '../../../shared/kernel/actor.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { RULE_ADMINS, ruleDto } from './rule-response.js';

export const createRuleFunction: FunctionDefinition<Services> = {
  name: 'rules-create',
  trigger: { type: 'http', route: 'rules', methods: ['POST'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request, principal) => {
      // The rule is validated by the use case (owner check first, then the schema).
      const body = await readJson(request, z.unknown());
      if (!body.ok) return body.response;
      const created = await s.orchestra.rules.create(body.value, actorRef(principal.actor));
      return fromResult(created, (r) => json(201, ruleDto(r), r.etag));
    }),
};
