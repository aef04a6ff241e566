/** How the approval screens name approver groups and record states (issue 16, ADR 0030). */

import type { Tone } from '$lib/ui/Badge.svelte';
import type { TApprovalRecord } from '$shared/api/change-approvals.schemas';

export const GROUP_LABELS: Record<TApprovalRecord['group'], string> = {
  change_manager: 'Change manager',
  ci_owner_teams: 'CI owner team',
  service_owners: 'Service owner',
  cab: 'CAB',
  ecab: 'Emergency CAB',
};

export const RECORD_LABELS: Record<TApprovalRecord['state'], string> = {
  requested: 'Waiting',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

export function recordTone(state: TApprovalRecord['state']): Tone {
  if (state === 'approved') return 'success';
  if (state === 'rejected' || state === 'expired') return 'danger';
  if (state === 'requested') return 'warning';
  return 'neutral';
}
