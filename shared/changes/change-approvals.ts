/**
 * The approvals stored on a change (issue 16, ADR 0030): the plan the policy made when the change
 * entered authorization, and one record per approver and step with its own state (requested,
 * approved, rejected, cancelled, expired), who decided, when, why and by which channel (app or
 * email). Records exist only for steps that are open: a later step of a sequence gets its records
 * (and its due time) when the steps before it are approved. Pure data and helpers; the moves that
 * change it are in change-approval-moves.ts.
 */
import type { ApprovalPlan, ApprovalStepPlan, ApproverGroup } from './approval-policy.js';
import type { ApprovalDecision } from './approval-tally.js';

export const APPROVAL_RECORD_STATES = ['requested', 'approved', 'rejected', 'cancelled', 'expired'] as const;
export type ApprovalRecordState = (typeof APPROVAL_RECORD_STATES)[number];

export const APPROVAL_CHANNELS = ['app', 'email'] as const;
export type ApprovalChannel = (typeof APPROVAL_CHANNELS)[number];

export interface ApprovalRecord {
  readonly id: string;
  /** Which round of authorization (a change returned to assessment asks again in a new round). */
  readonly round: number;
  readonly step: number;
  readonly group: ApproverGroup;
  readonly approverId: string;
  readonly state: ApprovalRecordState;
  readonly requestedAt: string;
  /** The OLA-like target of this approver's decision; past it the record expires. */
  readonly dueAt: string;
  readonly remindAt: string | null;
  readonly remindedAt: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
  readonly channel: ApprovalChannel | null;
}

export interface ApprovalProcess {
  readonly round: number;
  readonly plan: ApprovalPlan;
  /** Every record of every round, oldest first (earlier rounds are history). */
  readonly records: readonly ApprovalRecord[];
}

const HOUR = 3_600_000;

/** The records of one step as it opens at `at` (due times counted from then). */
export function openStep(
  step: ApprovalStepPlan,
  index: number,
  round: number,
  at: Date,
  nextId: () => string,
): ApprovalRecord[] {
  const due = at.getTime() + step.dueHours * HOUR;
  return step.approverIds.map((approverId) => ({
    id: nextId(),
    round,
    step: index,
    group: step.group,
    approverId,
    state: 'requested',
    requestedAt: at.toISOString(),
    dueAt: new Date(due).toISOString(),
    remindAt: step.remindHoursBefore === null ? null : new Date(due - step.remindHoursBefore * HOUR).toISOString(),
    remindedAt: null,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    channel: null,
  }));
}

export const currentRecords = (p: ApprovalProcess): ApprovalRecord[] => p.records.filter((r) => r.round === p.round);

/** The decisions the tally counts: an approver who let the due time pass counts as one who did not approve. */
export const decisionsOf = (p: ApprovalProcess): ApprovalDecision[] =>
  currentRecords(p)
    .filter((r) => r.state === 'approved' || r.state === 'rejected' || r.state === 'expired')
    .map((r) => ({
      step: r.step,
      approverId: r.approverId,
      decision: r.state === 'approved' ? 'approve' : 'reject',
      reason: r.reason,
      at: r.decidedAt ?? r.dueAt,
    }));

/** The open records' states set to `cancelled` (the change left authorization, or the step is settled). */
export function cancelOpen(
  p: ApprovalProcess,
  at: string,
  reason: string,
  which: (r: ApprovalRecord) => boolean = () => true,
): ApprovalProcess {
  return {
    ...p,
    records: p.records.map((r) =>
      r.state === 'requested' && which(r) ? { ...r, state: 'cancelled', decidedAt: at, reason } : r,
    ),
  };
}

/** When the timer should next look at a record: its reminder, then its due time; never once decided. */
export const nextTimerAt = (r: ApprovalRecord): string | null =>
  r.state !== 'requested' ? null : r.remindAt && !r.remindedAt && r.remindAt < r.dueAt ? r.remindAt : r.dueAt;
