/** The change approval API's routes (issue 16, ADR 0030), spread into API_ROUTES. */
import type { ApiRoute } from './api-routes.js';
import {
  ZApprovalDecisionInput,
  ZApprovalSettings,
  ZApprovalSettingsInput,
  ZChangeApprovals,
  ZMyApproval,
  ZMyApprovalsQuery,
} from './change-approvals.schemas.js';
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
