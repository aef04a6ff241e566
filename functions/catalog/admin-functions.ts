/** The functions behind the admin screens (ADR 0028): rule versions, the editor's dry run, agents and teams. */
import { DIRECTORY_ADMIN_FUNCTIONS } from '../http/directory/directory-admin.functions.js';
import { previewRuleFunction } from '../http/rules/preview-rule.function.js';
import {
  getRuleVersionFunction,
  listRuleVersionsFunction,
  restoreRuleVersionFunction,
} from '../http/rules/rule-versions.functions.js';
import { getTicketTemplateFunction } from '../http/templates/get-ticket-template.function.js';
import type { Services } from '../services.js';
import type { FunctionDefinition } from './function-definition.js';

export const ADMIN_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  previewRuleFunction,
  listRuleVersionsFunction,
  getRuleVersionFunction,
  restoreRuleVersionFunction,
  ...DIRECTORY_ADMIN_FUNCTIONS,
  getTicketTemplateFunction,
];
