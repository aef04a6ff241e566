/** The change approval API's routes (issue 16, ADR 0030), spread into API_ROUTES. */
import type { ApiRoute } from './api-routes.js';
import { ZCabAgendaItem, ZCabDecisionInput, ZCabMeeting, ZCreateCabMeeting } from './cab.schemas.js';
import {
  ZApprovalDecisionInput,
  ZApprovalSettings,
  ZApprovalSettingsInput,
  ZChangeApprovals,
  ZMyApproval,
  ZMyApprovalsQuery,
} from './change-approvals.schemas.js';
import { ZChangeTemplate, ZChangeTemplateInput, ZFromTemplate } from './change-templates.schemas.js';
import { ZChange } from './changes.schemas.js';
import { page } from './common.schemas.js';

export const CHANGE_APPROVAL_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'approvals/mine',
    summary: 'Approvals for me: the change approvals waiting for my decision, soonest due first',
    auth: true,
    query: ZMyApprovalsQuery,
    response: page(ZMyApproval),
  },
  {
    method: 'GET',
    path: 'changes/{id}/approvals',
    summary: "A change's approval plan, each step's tally and every approver's record",
    auth: true,
    response: ZChangeApprovals,
  },
  {
    method: 'POST',
    path: 'changes/{id}/approvals/{approvalId}/decision',
    summary: 'Decide my own approval: approve, or reject with a reason (If-Match on the change)',
    auth: true,
    body: ZApprovalDecisionInput,
    response: ZChange,
  },
  {
    method: 'GET',
    path: 'admin/approval-policy',
    summary: 'The approval policy (decision table by type and risk) and the approver groups, versioned (admins)',
    auth: true,
    response: ZApprovalSettings,
  },
  {
    method: 'PUT',
    path: 'admin/approval-policy',
    summary: 'Save a new version of the approval policy (If-Match with the ETag read; admins)',
    auth: true,
    body: ZApprovalSettingsInput,
    response: ZApprovalSettings,
  },
];

const cabMeeting = (path: string) => `cab/meetings${path}`;

/** The standard-change catalog and the CAB (ADR 0030). */
export const CAB_AND_TEMPLATE_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'change-templates',
    summary: 'The standard-change catalog (pre-approved templates)',
    auth: true,
    response: page(ZChangeTemplate),
  },
  { method: 'GET', path: 'change-templates/{id}', summary: 'One template', auth: true, response: ZChangeTemplate },
  {
    method: 'POST',
    path: 'change-templates/{id}/changes',
    summary: 'Make a standard change from the template: pre-approved, no CAB, schedulable at once',
    auth: true,
    body: ZFromTemplate,
    response: ZChange,
    status: 201,
  },
  {
    method: 'PUT',
    path: 'admin/change-templates/{id}',
    summary: 'Create or replace a template (If-Match with the ETag read; admins)',
    auth: true,
    body: ZChangeTemplateInput,
    response: ZChangeTemplate,
  },
  { method: 'GET', path: cabMeeting(''), summary: 'CAB meetings', auth: true, response: page(ZCabMeeting) },
  {
    method: 'POST',
    path: cabMeeting(''),
    summary: 'Schedule a CAB (or emergency CAB) meeting, one-off or recurring (leads and admins)',
    auth: true,
    body: ZCreateCabMeeting,
    response: ZCabMeeting,
    status: 201,
  },
  {
    method: 'GET',
    path: cabMeeting('/{id}'),
    summary: 'A CAB meeting with its minutes',
    auth: true,
    response: ZCabMeeting,
  },
  {
    method: 'GET',
    path: cabMeeting('/{id}/agenda'),
    summary: 'The changes waiting for this CAB, soonest due first',
    auth: true,
    response: page(ZCabAgendaItem),
  },
  {
    method: 'POST',
    path: cabMeeting('/{id}/decisions'),
    summary: "Record the CAB's decision on a change with the attendees (a member's vote is their own approval)",
    auth: true,
    body: ZCabDecisionInput,
    response: ZCabMeeting,
  },
];
