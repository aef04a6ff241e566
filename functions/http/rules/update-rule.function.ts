/** PUT /api/rules/{id}: replaces a rule's definition as a new version (If-Match optional); order is kept. */
import { z } from 'zod';
import { actorRef } from '../../../shared/kernel/actor.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { RULE_ADMINS, ruleDto } from './rule-response.js';

export const updateRuleFunction: FunctionDefinition<Services> = {
  name: 'rules-update',
  trigger: { type: 'http', route: 'rules/{id}', methods: ['PUT'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const body = await readJson(request, z.unknown());
      if (!body.ok) return body.response;
      const updated = await s.orchestra.rules.update(
        id.value,
        body.value,
        ifMatchOf(request),
        actorRef(principal.actor),
      );
      return fromResult(updated, (r) => json(200, ruleDto(r), r.etag));
    }),
};
