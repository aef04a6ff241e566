/** Shared by the rule functions: who may manage rules, and a stored rule as the API shows it. */
import type { Role } from '../../../shared/directory/agent.js';
import type { VersionedRule } from '../../../shared/rules/rule-repository.js';

export const RULE_ADMINS: readonly Role[] = ['admin', 'lead'];

export const ruleDto = ({ doc, etag }: VersionedRule) => ({ ...doc, etag });
