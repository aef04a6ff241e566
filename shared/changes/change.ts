/**
 * The Change aggregate (issue 16): a work item (ADR 0025) with its own fields and its own
 * transition table per type. Its number, owner, assists, links, timeline and outbox are the
 * kernel's (shared/work-items/), exactly as a ticket's; its lifecycle, plan, schedule, risk and
 * approval outcome are its own (change-moves.ts). Only this class is used outside `changes/`.
 */
import { Assist, type AssistSnapshot } from '../assists/assist.js';
import { actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { WorkItemAggregate } from '../work-items/work-item-aggregate.js';
import { WorkItemDraft } from '../work-items/work-item-draft.js';
import { decideAsApprover, requestApprovals, runApprovalTimers } from './change-approval-moves.js';
import { assessRisk, decideApproval, moveTo, schedule, updatePlan } from './change-moves.js';
import { CHANGE_PRACTICE, type ChangeDraft } from './change-practice.js';
import type { ChangeState } from './change-state.js';
import { addTask, updateTask } from './change-tasks.js';
import type { ChangeSnapshot, NewChange } from './change-types.js';

/** A command's parameters after the working copy it acts on. */
type Args<F> = F extends (draft: ChangeDraft, ...args: infer A) => unknown ? A : never;

const draftOf = (state: ChangeSnapshot, assists: readonly AssistSnapshot<'changeId'>[]): ChangeDraft =>
  new WorkItemDraft(CHANGE_PRACTICE, state, new Map(assists.map((a) => [a.id, Assist.fromSnapshot(a)])));

export class Change extends WorkItemAggregate<ChangeSnapshot, 'changeId'> {
  private constructor(draft: ChangeDraft) {
    super(draft, 'change.note_added');
  }

  static fromSnapshot(snapshot: ChangeSnapshot, assists: readonly AssistSnapshot<'changeId'>[] = []): Change {
    return new Change(draftOf(snapshot, assists));
  }

  static create(input: NewChange, ctx: ChangeContext): Result<Change> {
    const title = input.title.trim();
    if (title === '') return fail('REQUEST.VALIDATION_FAILED', 'A change needs a title');
    if (input.type === 'standard' && !input.templateId)
      return fail('REQUEST.VALIDATION_FAILED', 'A standard change is made from a template');
    if (ctx.actor.kind !== 'agent' && ctx.actor.kind !== 'system')
      return fail('AUTH.FORBIDDEN', 'Agents and automations raise changes');
    const { plannedStart = null, plannedEnd = null } = input;
    if (plannedStart && plannedEnd && !(Date.parse(plannedStart) < Date.parse(plannedEnd)))
      return fail('REQUEST.VALIDATION_FAILED', 'The end must be after the start');
    const id = ctx.ids.next('chg_');
    const at = ctx.now.toISOString();
    const draft = draftOf(
      {
        id,
        changeId: id,
        docType: 'change',
        number: input.number,
        type: input.type,
        state: 'new',
        title,
        description: input.description ?? '',
        justification: input.justification ?? '',
        implementationPlan: input.implementationPlan ?? '',
        backoutPlan: input.backoutPlan ?? '',
        testPlan: input.testPlan ?? '',
        requester: { ...input.requester, email: input.requester.email.toLowerCase() },
        teamId: input.teamId ?? null,
        templateId: input.templateId ?? null,
        affectedCiIds: [...new Set(input.affectedCiIds ?? [])],
        plannedStart,
        plannedEnd,
        actualStart: null,
        actualEnd: null,
        risk: null,
        // Standard changes are pre-approved by their template.
        approval: input.type === 'standard' ? 'not_required' : 'pending',
        closeCode: null,
        closeNotes: null,
        ownerId: null,
        createdBy: actorRef(ctx.actor),
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        lastSeq: 0,
        openAssistCount: 0,
      },
      [],
    );
    draft.record(
      ctx,
      'change.created',
      { kind: 'change_created', body: draft.state.description || null },
      { number: input.number, type: input.type, templateId: draft.state.templateId },
    );
    return ok(new Change(draft));
  }

  get state(): ChangeState {
    return this.draft.state.state;
  }

  // --- the change's own ------------------------------------------------------------------------

  /** A move along the type's table, with what the move needs (close code, reason, approval...). */
  moveTo(...args: Args<typeof moveTo>): Result<void> {
    return moveTo(this.draft, ...args);
  }
  decideApproval(...args: Args<typeof decideApproval>): Result<void> {
    return decideApproval(this.draft, ...args);
  }
  /** Stores the approval plan and asks the approvers (right after the move into authorization). */
  requestApprovals(...args: Args<typeof requestApprovals>): Result<void> {
    return requestApprovals(this.draft, ...args);
  }
  /** One approver's own decision (in the app or by email); the tally decides the rest. */
  decideAsApprover(...args: Args<typeof decideAsApprover>): Result<void> {
    return decideAsApprover(this.draft, ...args);
  }
  /** Reminders and expiries of the approvals' due times (the approval timer). */
  runApprovalTimers(...args: Args<typeof runApprovalTimers>): Result<{ reminded: number; expired: number }> {
    return runApprovalTimers(this.draft, ...args);
  }
  updatePlan(...args: Args<typeof updatePlan>): Result<void> {
    return updatePlan(this.draft, ...args);
  }
  schedule(...args: Args<typeof schedule>): Result<void> {
    return schedule(this.draft, ...args);
  }
  assessRisk(...args: Args<typeof assessRisk>): Result<void> {
    return assessRisk(this.draft, ...args);
  }
  addTask(...args: Args<typeof addTask>): Result<string> {
    return addTask(this.draft, ...args);
  }
  updateTask(...args: Args<typeof updateTask>): Result<void> {
    return updateTask(this.draft, ...args);
  }
}
