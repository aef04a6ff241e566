/**
 * POST /api/rules/preview {rule, ruleId?, limit, event?}: the editor's dry run. The draft is
 * validated as a save would be (owner-changing actions refused) and planned on the most recently
 * updated tickets by the same planner the runner executes; nothing is saved or changed.
 */
import { ZRulePreviewRequest } from '../../../shared/api/rules.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { RULE_ADMINS } from './rule-response.js';

export const previewRuleFunction: FunctionDefinition<Services> = {
  name: 'rules-preview',
  trigger: { type: 'http', route: 'rules/preview', methods: ['POST'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request) => {
      const body = await readJson(request, ZRulePreviewRequest);
      if (!body.ok) return body.response;
      const { rule, ruleId, limit, event } = body.value;
      const preview = await s.orchestra.rules.preview(rule, {
        limit,
        ...(ruleId ? { ruleId } : {}),
        ...(event ? { eventType: event.type, eventData: event.data } : {}),
      });
      return fromResult(preview, (p) => json(200, p));
    }),
};
