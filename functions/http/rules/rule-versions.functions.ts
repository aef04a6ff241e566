/**
 * A rule's versions (ADR 0028): GET /api/rules/{id}/versions (newest first), GET
 * /api/rules/{id}/versions/{version}, and POST /api/rules/{id}/versions/{version}/restore, which
 * saves that version's definition again as a new version (If-Match on the rule).
 */
import { ZRuleVersionParams } from '../../../shared/api/rules.schemas.js';
import { actorRef } from '../../../shared/kernel/actor.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { RULE_ADMINS, ruleDto } from './rule-response.js';

const versionParams = (params: Record<string, string>) => {
  const parsed = ZRuleVersionParams.safeParse(params);
  return parsed.success ? parsed.data : null;
};

export const listRuleVersionsFunction: FunctionDefinition<Services> = {
  name: 'rules-versions',
  trigger: { type: 'http', route: 'rules/{id}/versions', methods: ['GET'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.orchestra.rules.versions(id.value), (items) => json(200, { items, nextCursor: null }));
    }),
};

export const getRuleVersionFunction: FunctionDefinition<Services> = {
  name: 'rules-version',
  trigger: { type: 'http', route: 'rules/{id}/versions/{version}', methods: ['GET'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request) => {
      const p = versionParams(request.params);
      if (!p) return problem('REQUEST.NOT_FOUND', 'No such rule version');
      return fromResult(await s.orchestra.rules.version(p.id, p.version), (v) => json(200, v));
    }),
};

export const restoreRuleVersionFunction: FunctionDefinition<Services> = {
  name: 'rules-restore',
  trigger: { type: 'http', route: 'rules/{id}/versions/{version}/restore', methods: ['POST'] },
  handler: (s) =>
    authed(s, RULE_ADMINS, async (request, principal) => {
      const p = versionParams(request.params);
      if (!p) return problem('REQUEST.NOT_FOUND', 'No such rule version');
      const restored = await s.orchestra.rules.restore(p.id, p.version, ifMatchOf(request), actorRef(principal.actor));
      return fromResult(restored, (r) => json(200, ruleDto(r), r.etag));
    }),
};
