/**
 * Counting the approvals of one plan (issue 16): each approver decides for themselves only, once;
 * a step is approved when its quorum is reached and rejected as soon as it no longer can be
 * (any rejection under "all"); in sequence a step takes decisions only once the steps before it
 * are approved. The outcome is what the Change's `decideApproval` receives.
 */
import { fail, ok, type Result } from '../kernel/result.js';
import type { ApprovalPlan } from './approval-policy.js';

export interface ApprovalDecision {
  readonly step: number;
  readonly approverId: string;
  readonly decision: 'approve' | 'reject';
  readonly reason: string | null;
  readonly at: string;
}

export type StepState = 'waiting' | 'open' | 'approved' | 'rejected';
export type TallyOutcome = 'pending' | 'approved' | 'rejected';

export interface Tally {
  readonly steps: readonly StepState[];
  readonly outcome: TallyOutcome;
}

function stepState(plan: ApprovalPlan, decisions: readonly ApprovalDecision[], index: number): StepState {
  const step = plan.steps[index];
  if (!step) return 'waiting';
  const mine = decisions.filter((d) => d.step === index);
  const approvals = mine.filter((d) => d.decision === 'approve').length;
  const rejections = mine.filter((d) => d.decision === 'reject').length;
  if (approvals >= step.needed) return 'approved';
  if (step.approverIds.length - rejections < step.needed) return 'rejected';
  return 'open';
}

export function tally(plan: ApprovalPlan, decisions: readonly ApprovalDecision[]): Tally {
  const steps: StepState[] = [];
  for (let i = 0; i < plan.steps.length; i++) {
    const before = steps.slice(0, i);
    const waiting = plan.mode === 'sequence' && before.some((s) => s !== 'approved');
    steps.push(waiting ? 'waiting' : stepState(plan, decisions, i));
  }
  const outcome: TallyOutcome = steps.includes('rejected')
    ? 'rejected'
    : steps.every((s) => s === 'approved')
      ? 'approved'
      : 'pending';
  return { steps, outcome };
}

/**
 * Records one approver's decision. `actingAgentId` is who is signed in (or who the signed mail
 * token is bound to): it must be the approver, so nobody decides on behalf of another.
 */
export function decide(
  plan: ApprovalPlan,
  decisions: readonly ApprovalDecision[],
  input: { step: number; actingAgentId: string; decision: 'approve' | 'reject'; reason: string | null; now: Date },
): Result<{ decisions: ApprovalDecision[]; tally: Tally }> {
  const step = plan.steps[input.step];
  if (!step) return fail('REQUEST.VALIDATION_FAILED', `No approval step ${input.step}`);
  if (!step.approverIds.includes(input.actingAgentId))
    return fail('AUTH.FORBIDDEN', 'Only a named approver decides, and only for themselves');
  const current = tally(plan, decisions);
  if (current.outcome !== 'pending')
    return fail('CHANGE.ILLEGAL_TRANSITION', `The approval is already ${current.outcome}`);
  if (current.steps[input.step] !== 'open')
    return fail('CHANGE.NOT_READY', `Approval step ${input.step + 1} is ${current.steps[input.step]}`, {
      missing: 'earlier approval',
    });
  if (decisions.some((d) => d.step === input.step && d.approverId === input.actingAgentId))
    return fail('CHANGE.ILLEGAL_TRANSITION', 'You have already decided on this change');
  if (input.decision === 'reject' && (input.reason ?? '').trim() === '')
    return fail('CHANGE.REASON_REQUIRED', 'A rejection needs a reason');
  const next: ApprovalDecision[] = [
    ...decisions,
    {
      step: input.step,
      approverId: input.actingAgentId,
      decision: input.decision,
      reason: input.reason?.trim() || null,
      at: input.now.toISOString(),
    },
  ];
  return ok({ decisions: next, tally: tally(plan, next) });
}
