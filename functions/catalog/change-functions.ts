/** Change management's functions (issue 16), spread into THE catalog. */

import {
  cabAgendaFunction,
  cabDecisionFunction,
  createCabMeetingFunction,
  getCabMeetingFunction,
  listCabMeetingsFunction,
} from '../http/changes/cab.functions.js';
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
  assessChangeRiskFunction,
  changeRiskFunction,
  linkCausedIncidentFunction,
  ticketChangesFunction,
} from '../http/changes/change-insights.functions.js';
import {
  changeCalendarFunction,
  changeConflictsFunction,
  nextFreeSlotFunction,
} from '../http/changes/change-schedule.functions.js';
import { addChangeTaskFunction, updateChangeTaskFunction } from '../http/changes/change-tasks.functions.js';
import {
  changeFromTemplateFunction,
  getChangeTemplateFunction,
  listChangeTemplatesFunction,
  putChangeTemplateFunction,
} from '../http/changes/change-templates.functions.js';
import {
  createChangeWindowFunction,
  deleteChangeWindowFunction,
  getChangeWindowFunction,
  listChangeWindowsFunction,
  replaceChangeWindowFunction,
} from '../http/changes/change-windows.functions.js';
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
  listChangeTemplatesFunction,
  getChangeTemplateFunction,
  changeFromTemplateFunction,
  putChangeTemplateFunction,
  listCabMeetingsFunction,
  createCabMeetingFunction,
  getCabMeetingFunction,
  cabAgendaFunction,
  cabDecisionFunction,
  // The schedule (ADR 0031): conflicts, next free slot, calendar, tasks, windows.
  changeConflictsFunction,
  nextFreeSlotFunction,
  changeCalendarFunction,
  addChangeTaskFunction,
  updateChangeTaskFunction,
  listChangeWindowsFunction,
  createChangeWindowFunction,
  getChangeWindowFunction,
  replaceChangeWindowFunction,
  deleteChangeWindowFunction,
  changeRiskFunction,
  assessChangeRiskFunction,
  linkCausedIncidentFunction,
  ticketChangesFunction,
];
