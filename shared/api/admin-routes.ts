/**
 * The routes behind the admin screens (issues 18 and 19, ADR 0028): rule versions and the rule
 * editor's dry run, spliced into API_ROUTES.
 */
import type { ApiRoute } from './api-routes.js';
import { page } from './common.schemas.js';
import { ZRule, ZRulePreview, ZRulePreviewRequest, ZRuleVersion } from './rules.schemas.js';

export const ADMIN_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: 'rules/preview',
    summary: 'Dry run of a draft rule on the most recently updated tickets: which match, what would change',
    auth: true,
    body: ZRulePreviewRequest,
    response: ZRulePreview,
  },
  {
    method: 'GET',
    path: 'rules/{id}/versions',
    summary: "A rule's versions, newest first (every save is one)",
    auth: true,
    response: page(ZRuleVersion),
  },
  {
    method: 'GET',
    path: 'rules/{id}/versions/{version}',
    summary: 'One version of a rule',
    auth: true,
    response: ZRuleVersion,
  },
  {
    method: 'POST',
    path: 'rules/{id}/versions/{version}/restore',
    summary: "Save an old version's definition again, as a new version (If-Match)",
    auth: true,
    response: ZRule,
  },
];
