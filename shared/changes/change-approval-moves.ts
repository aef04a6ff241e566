/**
 * The approval process on the change's working copy (issue 16, ADR 0030): asking the approvers
 * when the change enters authorization, one approver's decision, the reminders and expiries of the
 * due times, and what the tally's outcome does (approve the change, reject it, or send it back to
 * assessment). Each approver decides only for themselves, once; the requester never approves; the
 * outcome is set through `decideApproval` as the approval engine (a system actor). Nothing here
 * touches the owner.
 */
import { systemActor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { PlanOutcome } from './approval-policy.js';
import { decide, tally } from './approval-tally.js';
import {
  type ApprovalChannel,
  type ApprovalProcess,
  type ApprovalRecord,
  cancelOpen,
  currentRecords,
  decisionsOf,
  openStep,
} from './change-approvals.js';
import { decideApproval, enter } from './change-moves.js';
import type { ChangeDraft } from './change-practice.js';

const ENGINE = 'approval-engine';

const engine = (ctx: ChangeContext): ChangeContext => ({ ...ctx, actor: systemActor(ENGINE) });

function recordRequested(c: ChangeDraft, records: readonly ApprovalRecord[], ctx: ChangeContext): void {
  const first = records[0];
  if (!first) return;
  c.record(
    ctx,
    'change.approval_requested',
    {
      kind: 'approval_requested',
      body: `Approval step ${first.step + 1} (${first.group}) asked of ${records.length} approver(s), due ${first.dueAt}`,
    },
    {
      round: first.round,
      step: first.step,
      group: first.group,
      dueAt: first.dueAt,
      approvals: records.map((r) => ({ approvalId: r.id, approverId: r.approverId })),
    },
  );
}

/**
 * Called in the same command as the move into authorization: stores the plan and asks the open
 * steps' approvers; a change no rule asks approval of is approved at once by the engine.
 */
export function requestApprovals(c: ChangeDraft, outcome: PlanOutcome, ctx: ChangeContext): Result<void> {
  if (c.state.state !== 'authorize')
    return fail('CHANGE.ILLEGAL_TRANSITION', `${c.state.number} is not waiting for authorization`, {
      from: c.state.state,
      action: 'request_approvals',
    });
  if (outcome.kind === 'unstaffed')
    return fail('CHANGE.NOT_READY', `Approval step ${outcome.group} has ${outcome.available} approver(s): too few`, {
      missing: 'approvers',
      group: outcome.group,
    });
  if (outcome.kind === 'not_required') return decideApproval(c, 'approved', 'No approval rule applies', engine(ctx));
  const { plan } = outcome;
  const round = (c.state.approvals?.round ?? 0) + 1;
  const nextId = () => ctx.ids.next('apr_');
  const opened = plan.steps.flatMap((step, i) =>
    plan.mode === 'parallel' || i === 0 ? openStep(step, i, round, ctx.now, nextId) : [],
  );
  c.state = {
    ...c.state,
    approval: 'pending',
    approvals: { round, plan, records: [...(c.state.approvals?.records ?? []), ...opened] },
  };
  for (const step of new Set(opened.map((r) => r.step)))
    recordRequested(
      c,
      opened.filter((r) => r.step === step),
      ctx,
    );
  return ok(undefined);
}

export interface ApproverDecision {
  readonly decision: 'approve' | 'reject';
  readonly reason: string | null;
  readonly channel: ApprovalChannel;
}

/** One approver's decision on their own record; the tally then decides the step and the change. */
export function decideAsApprover(
  c: ChangeDraft,
  approvalId: string,
  input: ApproverDecision,
  ctx: ChangeContext,
): Result<void> {
  const process = c.state.approvals;
  const record = process?.records.find((r) => r.id === approvalId);
  if (!process || !record) return fail('APPROVAL.NOT_FOUND', `No approval ${approvalId} on ${c.state.number}`);
  const actorId = ctx.actor.kind === 'agent' ? ctx.actor.agentId : null;
  // Nobody decides on behalf of another: not a lead, not an admin, not the owner.
  if (actorId !== record.approverId)
    return fail('APPROVAL.NOT_APPROVER', 'Only the approver named on this approval decides it, for themselves');
  if (actorId === c.state.requester.agentId)
    return fail('APPROVAL.NOT_APPROVER', 'A requester never approves their own change');
  if (record.state !== 'requested')
    return fail('APPROVAL.ALREADY_DECIDED', `This approval is already ${record.state}`, { state: record.state });
  if (c.state.state !== 'authorize')
    return fail('CHANGE.ILLEGAL_TRANSITION', `${c.state.number} is not waiting for authorization`, {
      from: c.state.state,
      action: 'decide_approval',
    });
  const decided = decide(process.plan, decisionsOf(process), {
    step: record.step,
    actingAgentId: actorId,
    decision: input.decision,
    reason: input.reason,
    now: ctx.now,
  });
  if (!decided.ok) return decided;
  const at = ctx.now.toISOString();
  const reason = input.reason?.trim() || null;
  const state = input.decision === 'approve' ? 'approved' : 'rejected';
  setRecords(c, (r) =>
    r.id === approvalId ? { ...r, state, decidedBy: actorId, decidedAt: at, reason, channel: input.channel } : r,
  );
  c.record(
    ctx,
    'change.approver_decided',
    { kind: 'approver_decided', body: reason },
    { approvalId, step: record.step, group: record.group, decision: state, reason, channel: input.channel },
  );
  settle(c, ctx);
  return ok(undefined);
}

/**
 * The due times (system): one reminder per record at its reminder time, and expiry at its due
 * time (an expired approver counts as not approving, which may make the step fail its quorum).
 */
export function runApprovalTimers(c: ChangeDraft, ctx: ChangeContext): Result<{ reminded: number; expired: number }> {
  const process = c.state.approvals;
  if (!process || c.state.state !== 'authorize') return ok({ reminded: 0, expired: 0 });
  const at = ctx.now.toISOString();
  const open = currentRecords(process).filter((r) => r.state === 'requested');
  const expired = open.filter((r) => r.dueAt <= at);
  const remind = open.filter((r) => r.dueAt > at && r.remindAt !== null && r.remindAt <= at && r.remindedAt === null);
  if (expired.length === 0 && remind.length === 0) return ok({ reminded: 0, expired: 0 });
  const sys = engine(ctx);
  if (remind.length > 0) {
    setRecords(c, (r) => (remind.some((x) => x.id === r.id) ? { ...r, remindedAt: at } : r));
    c.record(
      sys,
      'change.approval_reminder',
      { kind: 'approval_reminder', body: `Reminder: ${remind.length} approval(s) due soon` },
      { approvals: remind.map((r) => ({ approvalId: r.id, approverId: r.approverId, dueAt: r.dueAt })) },
    );
  }
  if (expired.length > 0) {
    setRecords(c, (r) =>
      expired.some((x) => x.id === r.id) ? { ...r, state: 'expired', decidedAt: at, reason: 'Due time passed' } : r,
    );
    c.record(
      sys,
      'change.approval_expired',
      { kind: 'approval_expired', body: `${expired.length} approval(s) passed their due time undecided` },
      { approvals: expired.map((r) => ({ approvalId: r.id, approverId: r.approverId, dueAt: r.dueAt })) },
    );
    settle(c, ctx);
  }
  return ok({ reminded: remind.length, expired: expired.length });
}

function setRecords(c: ChangeDraft, map: (r: ApprovalRecord) => ApprovalRecord): void {
  const process = c.state.approvals as ApprovalProcess;
  c.state = { ...c.state, approvals: { ...process, records: process.records.map(map) } };
}

/** After a decision or an expiry: settle steps, open the next in a sequence, decide the change. */
function settle(c: ChangeDraft, ctx: ChangeContext): void {
  const process = c.state.approvals as ApprovalProcess;
  const { plan, round } = process;
  const result = tally(plan, decisionsOf(process));
  const at = ctx.now.toISOString();
  const settled = new Set(result.steps.flatMap((s, i) => (s === 'approved' || s === 'rejected' ? [i] : [])));
  // The approvers of a settled step are no longer needed.
  let next = cancelOpen(process, at, 'Step settled', (r) => r.round === round && settled.has(r.step));
  if (result.outcome === 'pending' && plan.mode === 'sequence') {
    const index = result.steps.indexOf('open');
    const step = plan.steps[index];
    const alreadyOpen = next.records.some((r) => r.round === round && r.step === index);
    if (step && !alreadyOpen) {
      const opened = openStep(step, index, round, ctx.now, () => ctx.ids.next('apr_'));
      next = { ...next, records: [...next.records, ...opened] };
      c.state = { ...c.state, approvals: next };
      recordRequested(c, opened, engine(ctx));
      return;
    }
  }
  c.state = { ...c.state, approvals: next };
  if (result.outcome === 'pending') return;
  const sys = engine(ctx);
  if (result.outcome === 'approved') {
    decideApproval(c, 'approved', `Approved (${plan.rule})`, sys);
    return;
  }
  const why = currentRecords(next).find((r) => r.state === 'rejected' || r.state === 'expired');
  const reason = why?.state === 'expired' ? 'An approval expired undecided' : (why?.reason ?? 'Rejected');
  // An emergency change has no assessment to go back to.
  if (plan.onReject === 'reject_change' || c.state.type !== 'normal') {
    decideApproval(c, 'rejected', reason, sys);
    return;
  }
  // return_to_assess: a new plan is needed; the next authorization asks again in a new round.
  c.state = { ...c.state, approval: 'pending' };
  c.record(
    sys,
    'change.approval_decided',
    { kind: 'approval_decided', body: reason },
    { outcome: 'returned_to_assess', reason },
  );
  enter(c, 'assess', { reason: `Returned to assessment: ${reason}` }, sys);
}
