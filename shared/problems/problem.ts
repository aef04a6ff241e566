/**
 * The Problem aggregate (issue 17): a work item (ADR 0025) with its own fields and its own
 * transition table. Its number, owner, assists, links (the incidents that are its symptoms, the
 * changes that fix it), timeline and outbox are the kernel's (shared/work-items/), exactly as a
 * ticket's or a change's; its lifecycle, root cause, workaround and tasks are its own
 * (problem-moves.ts). Only this class is used outside `problems/`.
 */
import { Assist, type AssistSnapshot } from '../assists/assist.js';
import { actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { priorityOf } from '../tickets/priority.js';
import { WorkItemAggregate } from '../work-items/work-item-aggregate.js';
import { WorkItemDraft } from '../work-items/work-item-draft.js';
import type { WorkItemLink } from '../work-items/work-item-links.js';
import { addTask, moveTo, updateFields, updateTask } from './problem-moves.js';
import { PROBLEM_PRACTICE, type ProblemDraft } from './problem-practice.js';
import type { ProblemState } from './problem-state.js';
import type { NewProblem, ProblemSnapshot } from './problem-types.js';

/** A command's parameters after the working copy it acts on. */
type Args<F> = F extends (draft: ProblemDraft, ...args: infer A) => unknown ? A : never;

const draftOf = (state: ProblemSnapshot, assists: readonly AssistSnapshot<'problemId'>[]): ProblemDraft =>
  new WorkItemDraft(PROBLEM_PRACTICE, state, new Map(assists.map((a) => [a.id, Assist.fromSnapshot(a)])));

/** The incidents a problem has (its symptoms), as the kernel's links name them. */
export const linkedIncidents = (p: { readonly links?: readonly WorkItemLink[] }): WorkItemLink[] =>
  (p.links ?? []).filter((l) => l.practice === 'ticket' && l.kind === 'has_symptom');

/** The changes linked to a problem: the fix (`fixed_by`) and the change it was raised from. */
export const linkedChanges = (p: { readonly links?: readonly WorkItemLink[] }): WorkItemLink[] =>
  (p.links ?? []).filter((l) => l.practice === 'change');

export class Problem extends WorkItemAggregate<ProblemSnapshot, 'problemId'> {
  private constructor(draft: ProblemDraft) {
    super(draft, 'problem.note_added');
  }

  static fromSnapshot(snapshot: ProblemSnapshot, assists: readonly AssistSnapshot<'problemId'>[] = []): Problem {
    return new Problem(draftOf(snapshot, assists));
  }

  static create(input: NewProblem, ctx: ChangeContext): Result<Problem> {
    const title = input.title.trim();
    if (title === '') return fail('REQUEST.VALIDATION_FAILED', 'A problem needs a title');
    if (ctx.actor.kind !== 'agent' && ctx.actor.kind !== 'system')
      return fail('AUTH.FORBIDDEN', 'Agents and automations raise problems');
    const id = ctx.ids.next('prb_');
    const at = ctx.now.toISOString();
    const impact = input.impact ?? 3;
    const urgency = input.urgency ?? 3;
    const draft = draftOf(
      {
        id,
        problemId: id,
        docType: 'problem',
        number: input.number,
        state: 'new',
        title,
        description: input.description ?? '',
        impact,
        urgency,
        priority: priorityOf(impact, urgency),
        teamId: input.teamId ?? null,
        affectedCiIds: [...new Set(input.affectedCiIds ?? [])],
        affectedServiceIds: [...new Set(input.affectedServiceIds ?? [])],
        rootCause: null,
        workaround: null,
        knownError: false,
        knownErrorIds: [],
        tasks: [],
        clusterKey: input.clusterKey ?? null,
        ownerId: null,
        createdBy: actorRef(ctx.actor),
        createdAt: at,
        updatedAt: at,
        resolvedAt: null,
        closedAt: null,
        lastSeq: 0,
        openAssistCount: 0,
      },
      [],
    );
    draft.record(
      ctx,
      'problem.created',
      { kind: 'problem_created', body: draft.state.description || null },
      { number: input.number, clusterKey: draft.state.clusterKey },
    );
    return ok(new Problem(draft));
  }

  get state(): ProblemState {
    return this.draft.state.state;
  }

  // --- the problem's own -----------------------------------------------------------------------

  moveTo(...args: Args<typeof moveTo>): Result<void> {
    return moveTo(this.draft, ...args);
  }
  update(...args: Args<typeof updateFields>): Result<void> {
    return updateFields(this.draft, ...args);
  }
  addTask(...args: Args<typeof addTask>): Result<string> {
    return addTask(this.draft, ...args);
  }
  updateTask(...args: Args<typeof updateTask>): Result<void> {
    return updateTask(this.draft, ...args);
  }

  /**
   * The owner pushes the workaround to the linked incidents (the use case writes each incident's
   * note and notifies its owner); this records on the problem what was sent and to which.
   */
  communicateWorkaround(ctx: ChangeContext): Result<{ workaround: string; incidents: WorkItemLink[] }> {
    const s = this.draft.state;
    if (!this.draft.isOwner(ctx))
      return fail('PROBLEM.NOT_OWNER', 'Only the problem owner communicates the workaround');
    if (s.workaround === null) return fail('PROBLEM.NOT_READY', 'Record a workaround first', { missing: 'workaround' });
    const incidents = linkedIncidents(s);
    if (incidents.length === 0)
      return fail('PROBLEM.NOT_READY', `${s.number} has no linked incidents`, { missing: 'incidents' });
    this.draft.record(
      ctx,
      'problem.workaround_communicated',
      { kind: 'workaround_communicated', body: s.workaround },
      { tickets: incidents.map((l) => l.number) },
    );
    return ok({ workaround: s.workaround, incidents });
  }
}
