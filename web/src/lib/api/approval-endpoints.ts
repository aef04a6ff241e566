/**
 * Typed calls of change approvals (issue 16, ADR 0030): "Approvals for me", a change's approval
 * plan with every approver's record, and the caller's own decision (If-Match on the change, the
 * ETag the approvals read answered with). Types come from the shared schemas.
 */
import type {
  TApprovalDecisionInput,
  TApprovalSettings,
  TApprovalSettingsInput,
  TChangeApprovals,
  TMyApproval,
} from '$shared/api/change-approvals.schemas';
import type { TChange } from '$shared/api/changes.schemas';
import { type ApiResult, request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export type { TApprovalSettings, TChangeApprovals, TMyApproval };

export const approvalsApi = {
  mine: async (limit = 100): Promise<TMyApproval[]> =>
    (await request<Page<TMyApproval>>('GET', 'approvals/mine', { query: { limit } })).data.items,
  ofChange: (id: string): Promise<ApiResult<TChangeApprovals>> =>
    request<TChangeApprovals>('GET', `changes/${enc(id)}/approvals`),
  decide: (changeId: string, approvalId: string, body: TApprovalDecisionInput, etag: string | null) =>
    request<TChange>('POST', `changes/${enc(changeId)}/approvals/${enc(approvalId)}/decision`, { body, ifMatch: etag }),
  settings: () => request<TApprovalSettings>('GET', 'admin/approval-policy'),
  saveSettings: (body: TApprovalSettingsInput, etag: string | null) =>
    request<TApprovalSettings>('PUT', 'admin/approval-policy', { body, ifMatch: etag }),
};
