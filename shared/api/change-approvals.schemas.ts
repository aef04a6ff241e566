/**
 * Request and response schemas of change approvals (issue 16, ADR 0030): an approver's decision,
 * "Approvals for me", a change's approvals, and the approval settings (the policy's decision table
 * and who the change managers and the CAB are), validated at the edge.
 */
import { z } from 'zod';
import { APPROVER_GROUPS } from '../changes/approval-policy.js';
import { APPROVAL_CHANNELS, APPROVAL_RECORD_STATES } from '../changes/change-approvals.js';
import { RISK_LEVELS } from '../changes/change-risk.js';
import { CHANGE_TYPES } from '../changes/change-state.js';
import { APPROVAL_STATES } from '../changes/change-types.js';
import { ZId, ZLimit } from './common.schemas.js';

export const ZApprovalDecisionInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(2_000).optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason ?? '') !== '', {
    message: 'A rejection needs a reason',
    path: ['reason'],
  });
export type TApprovalDecisionInput = z.infer<typeof ZApprovalDecisionInput>;

export const ZApprovalRecord = z.object({
  id: z.string(),
  round: z.number().int(),
  step: z.number().int(),
  group: z.enum(APPROVER_GROUPS),
  approverId: z.string(),
  approverName: z.string().nullable(),
  state: z.enum(APPROVAL_RECORD_STATES),
  requestedAt: z.string(),
  dueAt: z.string(),
  remindAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  channel: z.enum(APPROVAL_CHANNELS).nullable(),
});
export type TApprovalRecord = z.infer<typeof ZApprovalRecord>;

const ZQuorum = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('any') }),
  z.strictObject({ kind: z.literal('at_least'), n: z.number().int().min(1).max(50) }),
]);

const ZStepRule = z.strictObject({
  group: z.enum(APPROVER_GROUPS),
  quorum: ZQuorum,
  dueHours: z
    .number()
    .positive()
    .max(24 * 90),
  remindHoursBefore: z
    .number()
    .positive()
    .max(24 * 90)
    .nullable(),
});

export const ZApprovalRule = z.strictObject({
  name: z.string().trim().min(1).max(200),
  types: z.array(z.enum(CHANGE_TYPES)).min(1).optional(),
  risks: z.array(z.enum(RISK_LEVELS)).min(1).optional(),
  mode: z.enum(['parallel', 'sequence']),
  steps: z.array(ZStepRule).min(1).max(10),
  onReject: z.enum(['reject_change', 'return_to_assess']),
});

export const ZApprovalPolicy = z.strictObject({ rules: z.array(ZApprovalRule).max(100) });

const ZAgentIds = z.array(ZId).max(200);

/** What an admin edits: the decision table and the people of the named groups. */
export const ZApprovalSettingsInput = z.strictObject({
  policy: ZApprovalPolicy,
  /** Empty: the leads and admins act as change managers. */
  changeManagerIds: ZAgentIds,
  /** Empty: the change managers are the CAB. */
  cabMemberIds: ZAgentIds,
  /** Empty: the CAB is the emergency CAB too. */
  ecabMemberIds: ZAgentIds,
});
export type TApprovalSettingsInput = z.infer<typeof ZApprovalSettingsInput>;

export const ZApprovalSettings = ZApprovalSettingsInput.extend({
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TApprovalSettings = z.infer<typeof ZApprovalSettings>;

/** One line of "Approvals for me". */
export const ZMyApproval = z.object({
  approvalId: z.string(),
  changeId: z.string(),
  changeNumber: z.string(),
  changeTitle: z.string(),
  changeType: z.enum(CHANGE_TYPES),
  risk: z.enum(RISK_LEVELS).nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  step: z.number().int(),
  group: z.enum(APPROVER_GROUPS),
  requestedAt: z.string(),
  dueAt: z.string(),
});
export type TMyApproval = z.infer<typeof ZMyApproval>;

export const ZMyApprovalsQuery = z.strictObject({ limit: ZLimit });

export const ZChangeApprovals = z.object({
  changeId: z.string(),
  approval: z.enum(APPROVAL_STATES),
  round: z.number().int(),
  rule: z.string().nullable(),
  mode: z.enum(['parallel', 'sequence']).nullable(),
  onReject: z.enum(['reject_change', 'return_to_assess']).nullable(),
  steps: z.array(
    z.object({
      group: z.enum(APPROVER_GROUPS),
      approverIds: z.array(z.string()),
      needed: z.number().int(),
      state: z.enum(['waiting', 'open', 'approved', 'rejected']),
    }),
  ),
  records: z.array(ZApprovalRecord),
});
export type TChangeApprovals = z.infer<typeof ZChangeApprovals>;
