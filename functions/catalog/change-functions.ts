/** Change management's functions (issue 16), spread into THE catalog. */

import {
  changeApprovalsFunction,
  decideApprovalFunction,
  getApprovalSettingsFunction,
  myApprovalsFunction,
  putApprovalSettingsFunction,
} from '../http/changes/change-approvals.functions.js';
import {
  acceptChangeFunction,
  addChangeNoteFunction,
  moveChangeFunction,
  scheduleChangeFunction,
  transferChangeFunction,
  updateChangePlanFunction,
} from '../http/changes/change-commands.functions.js';
import {
  changeTimelineFunction,
  createChangeFunction,
  getChangeFunction,
  listChangesFunction,
} from '../http/changes/changes.functions.js';
import type { Services } from '../services.js';
import { changeApprovalTimerFunction } from '../timers/change-approvals.function.js';
import type { FunctionDefinition } from './function-definition.js';

export const CHANGE_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  createChangeFunction,
  listChangesFunction,
  getChangeFunction,
  changeTimelineFunction,
  acceptChangeFunction,
  transferChangeFunction,
  moveChangeFunction,
  scheduleChangeFunction,
  updateChangePlanFunction,
  addChangeNoteFunction,
  myApprovalsFunction,
  changeApprovalsFunction,
  decideApprovalFunction,
  getApprovalSettingsFunction,
  putApprovalSettingsFunction,
  changeApprovalTimerFunction,
];
