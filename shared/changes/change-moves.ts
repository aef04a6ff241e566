/**
 * The change's lifecycle commands on its working copy (issue 16): moves along its type's table
 * (change-state.ts) with what each needs (risk before authorization, an approval before it is
 * scheduled or implemented, a planned window, a close code, the review), the approval engine's
 * decision, and the plan, schedule and risk while they may still change. Called by Change's methods.
 */
import { isSupervisor } from '../directory/agent.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { withdrawOpenAssists } from '../work-items/work-item-assists.js';
import { cancelOpen } from './change-approvals.js';
import type { ChangeDraft } from './change-practice.js';
import type { ChangeRisk } from './change-risk.js';
import {
  type ChangeState,
  type CloseCode,
  canMoveChange,
  isFinalChangeState,
  isPlanningState,
  isSchedulableState,
  needsReview,
} from './change-state.js';
import type { ChangePlanPatch, ChangeSnapshot } from './change-types.js';

export interface MoveInput {
  readonly reason?: string | null;
  /** Leaving implementation: how it went. */
  readonly closeCode?: CloseCode;
  readonly closeNotes?: string | null;
}

const ownerOrSupervisor = (c: ChangeDraft, ctx: ChangeContext): boolean =>
  c.isOwner(ctx) || (ctx.actor.kind === 'agent' && isSupervisor(ctx.actor.roles));

const notReady = (missing: string, message: string): Result<never> => fail('CHANGE.NOT_READY', message, { missing });

function refuseMove(c: ChangeDraft, to: ChangeState, input: MoveInput): Result<void> | null {
  const s = c.state;
  if (to === 'rejected')
    return fail('CHANGE.ILLEGAL_TRANSITION', 'A change is rejected only by its approval decision', {
      from: s.state,
      to,
    });
  if (to === 'authorize' && s.type === 'normal' && s.risk === null)
    return notReady('risk', 'Assess the risk before asking for authorization');
  if ((to === 'scheduled' || to === 'implement') && s.state === 'authorize' && s.approval !== 'approved')
    return notReady('approval', `${s.number} is not approved yet`);
  if ((to === 'scheduled' || to === 'implement') && (s.plannedStart === null || s.plannedEnd === null))
    return notReady('plannedWindow', 'Plan a start and an end first');
  if (s.state === 'implement') {
    if (!input.closeCode) return notReady('closeCode', 'Say how the implementation went (a close code)');
    if (to === 'closed' && needsReview(s.type, input.closeCode))
      return fail('CHANGE.REVIEW_REQUIRED', `${s.number} closes through a post-implementation review`);
  }
  const needsReason = to === 'cancelled' || (s.state === 'review' && to === 'closed');
  if (needsReason && (input.reason ?? '').trim() === '')
    return fail('CHANGE.REASON_REQUIRED', to === 'cancelled' ? 'A cancellation needs a reason' : 'Record the review');
  return null;
}

export function moveTo(c: ChangeDraft, to: ChangeState, input: MoveInput, ctx: ChangeContext): Result<void> {
  const s = c.state;
  if (s.state === to) return ok(undefined);
  if (!canMoveChange(s.type, s.state, to))
    return fail('CHANGE.ILLEGAL_TRANSITION', `A ${s.type} change in ${s.state} cannot move to ${to}`, {
      type: s.type,
      from: s.state,
      to,
    });
  if (!ownerOrSupervisor(c, ctx))
    return fail('CHANGE.NOT_OWNER', 'Only the change owner or a lead/admin moves a change');
  const refused = refuseMove(c, to, input);
  if (refused) return refused;
  enter(c, to, input, ctx);
  return ok(undefined);
}

export function enter(c: ChangeDraft, to: ChangeState, input: MoveInput, ctx: ChangeContext): void {
  const from = c.state.state;
  const at = ctx.now.toISOString();
  const leavesImplementation = from === 'implement';
  if (isFinalChangeState(to)) withdrawOpenAssists(c, ctx, `Change ${to}`);
  const approvals = c.state.approvals;
  c.state = {
    ...c.state,
    // Leaving authorization, nobody is asked any longer.
    ...(from === 'authorize' && approvals ? { approvals: cancelOpen(approvals, at, `Change ${to}`) } : {}),
    state: to,
    actualStart: to === 'implement' ? at : c.state.actualStart,
    actualEnd: leavesImplementation ? at : c.state.actualEnd,
    closeCode: leavesImplementation ? (input.closeCode ?? null) : c.state.closeCode,
    closeNotes: leavesImplementation ? (input.closeNotes ?? null) : c.state.closeNotes,
    closedAt: isFinalChangeState(to) ? at : null,
  };
  const reason = input.reason?.trim() || null;
  const closeCode = leavesImplementation ? (input.closeCode ?? null) : null;
  c.record(
    ctx,
    'change.state_changed',
    { kind: 'status_changed', body: reason ?? input.closeNotes ?? null },
    { from, to, reason, ...(closeCode ? { closeCode } : {}) },
  );
}

/** The approval engine's outcome for a change waiting in `authorize`; rejected ends the change. */
export function decideApproval(
  c: ChangeDraft,
  outcome: 'approved' | 'rejected',
  reason: string | null,
  ctx: ChangeContext,
): Result<void> {
  // Approvers decide through the approval engine, each for themselves; nobody sets the outcome by hand.
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only the approval engine decides an approval');
  if (c.state.state !== 'authorize')
    return fail('CHANGE.ILLEGAL_TRANSITION', `${c.state.number} is not waiting for authorization`, {
      from: c.state.state,
      action: 'decide_approval',
    });
  c.state = { ...c.state, approval: outcome };
  c.record(ctx, 'change.approval_decided', { kind: 'approval_decided', body: reason }, { outcome, reason });
  if (outcome === 'rejected') enter(c, 'rejected', { reason }, ctx);
  return ok(undefined);
}

const PLAN_FIELDS = [
  'title',
  'description',
  'justification',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
  'teamId',
  'affectedCiIds',
] as const;

/** Plan edits while the change is planned (new, assess): after that a new plan needs a new approval. */
export function updatePlan(c: ChangeDraft, patch: ChangePlanPatch, ctx: ChangeContext): Result<void> {
  if (!ownerOrSupervisor(c, ctx) && ctx.actor.kind !== 'system')
    return fail('CHANGE.NOT_OWNER', 'Only the change owner or a lead/admin edits the plan');
  if (!isPlanningState(c.state.state))
    return fail('CHANGE.ILLEGAL_TRANSITION', `The plan of a change in ${c.state.state} is frozen`, {
      from: c.state.state,
      action: 'update_plan',
    });
  if (patch.title !== undefined && patch.title.trim() === '')
    return fail('REQUEST.VALIDATION_FAILED', 'A change needs a title');
  const before: ChangeSnapshot = c.state;
  // Only the named plan fields are copied: a loosely built patch (ownerId, state) never reaches the state.
  const picked = Object.fromEntries(PLAN_FIELDS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
  const after: ChangeSnapshot = {
    ...before,
    ...picked,
    title: (patch.title ?? before.title).trim(),
    affectedCiIds: patch.affectedCiIds ? [...new Set(patch.affectedCiIds)] : before.affectedCiIds,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of PLAN_FIELDS)
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  if (Object.keys(changes).length === 0) return ok(undefined);
  c.state = after;
  c.record(ctx, 'change.updated', { kind: 'fields_changed' }, { changes });
  return ok(undefined);
}

/** A change manager's decision to schedule over conflicts, recorded with the move. */
export interface ScheduleOverride {
  readonly reason: string;
  readonly conflicts: readonly { readonly kind: string; readonly reason: string }[];
}

/**
 * Plans or moves the window. Conflict detection runs in the use case before this is called
 * (change-scheduling.ts); scheduling over conflicts carries the override, kept on the timeline.
 */
export function schedule(
  c: ChangeDraft,
  start: Date,
  end: Date,
  ctx: ChangeContext,
  override: ScheduleOverride | null = null,
): Result<void> {
  if (!ownerOrSupervisor(c, ctx)) return fail('CHANGE.NOT_OWNER', 'Only the change owner or a lead/admin schedules');
  if (!isSchedulableState(c.state.state))
    return fail('CHANGE.ILLEGAL_TRANSITION', `A change in ${c.state.state} cannot be rescheduled`, {
      from: c.state.state,
      action: 'schedule',
    });
  if (!(start.getTime() < end.getTime())) return fail('REQUEST.VALIDATION_FAILED', 'The end must be after the start');
  const plannedStart = start.toISOString();
  const plannedEnd = end.toISOString();
  const { plannedStart: fromStart, plannedEnd: fromEnd } = c.state;
  if (fromStart === plannedStart && fromEnd === plannedEnd) return ok(undefined);
  if (override && override.reason.trim() === '')
    return fail('CHANGE.REASON_REQUIRED', 'Scheduling over conflicts needs a reason');
  c.state = { ...c.state, plannedStart, plannedEnd };
  c.record(
    ctx,
    'change.updated',
    { kind: 'fields_changed', body: override ? `Scheduled over conflicts: ${override.reason.trim()}` : null },
    {
      changes: { plannedStart: { from: fromStart, to: plannedStart }, plannedEnd: { from: fromEnd, to: plannedEnd } },
      ...(override ? { override: { reason: override.reason.trim(), conflicts: override.conflicts } } : {}),
    },
  );
  return ok(undefined);
}

/** Records an assessed risk (change-risk.ts) with its reasons; before authorization is decided. */
export function assessRisk(c: ChangeDraft, risk: ChangeRisk, ctx: ChangeContext): Result<void> {
  if (!ownerOrSupervisor(c, ctx) && ctx.actor.kind !== 'system')
    return fail('CHANGE.NOT_OWNER', 'Only the change owner or a lead/admin assesses the risk');
  const { state, approval } = c.state;
  if (!(isPlanningState(state) || (state === 'authorize' && approval === 'pending')))
    return fail('CHANGE.ILLEGAL_TRANSITION', `The risk of a change in ${state} is settled`, {
      from: state,
      action: 'assess_risk',
    });
  const from = c.state.risk?.level ?? null;
  c.state = { ...c.state, risk };
  c.record(
    ctx,
    'change.risk_assessed',
    { kind: 'risk_assessed', body: risk.reasons.map((r) => r.text).join('\n') || null },
    { from, to: risk.level, questionnaireLevel: risk.questionnaireLevel, ruleLevel: risk.ruleLevel },
  );
  return ok(undefined);
}
