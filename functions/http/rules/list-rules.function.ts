/** GET /api/rules: every rule in execution order (admins and leads). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';
import { RULE_ADMINS, ruleDto } from './rule-response.js';

export const listRulesFunction: FunctionDefinition<Services> = {
  name: 'rules-list',
  trigger: { type: 'http', route: 'rules', methods: ['GET'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async () =>
      json(200, { items: (await s.orchestra.rules.list()).map(ruleDto), nextCursor: null }),
    ),
};
