/**
 * The problem's own commands on its working copy (issue 17): moves along its table
 * (problem-state.ts) with what each needs (a root cause before the fix or resolution, a reason to
 * cancel or reopen), field edits with their before/after, and the problem tasks. Called by
 * Problem's methods; ownership, assists and links are the kernel's.
 */
import { isSupervisor } from '../directory/agent.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { priorityOf } from '../tickets/priority.js';
import { withdrawOpenAssists } from '../work-items/work-item-assists.js';
import type { ProblemDraft } from './problem-practice.js';
import { canMoveProblem, isFinalProblemState, needsRootCause, type ProblemState } from './problem-state.js';
import type { NewProblemTask, ProblemPatch, ProblemSnapshot, ProblemTask, ProblemTaskPatch } from './problem-types.js';

/** A problem document stays small: more work than this is a project, not a problem's tasks. */
export const MAX_TASKS = 50;

const ownerOrSupervisor = (p: ProblemDraft, ctx: ChangeContext): boolean =>
  p.isOwner(ctx) || (ctx.actor.kind === 'agent' && isSupervisor(ctx.actor.roles));

const frozen = (p: ProblemDraft, action: string): Result<never> =>
  fail('PROBLEM.CLOSED', `Problem ${p.state.number} is ${p.state.state}`, { from: p.state.state, action });

export function moveTo(
  p: ProblemDraft,
  to: ProblemState,
  reason: string | null | undefined,
  ctx: ChangeContext,
): Result<void> {
  const s = p.state;
  if (s.state === to) return ok(undefined);
  if (!canMoveProblem(s.state, to))
    return fail('PROBLEM.ILLEGAL_TRANSITION', `A problem in ${s.state} cannot move to ${to}`, { from: s.state, to });
  if (!ownerOrSupervisor(p, ctx))
    return fail('PROBLEM.NOT_OWNER', 'Only the problem owner or a lead/admin moves a problem');
  if (needsRootCause(to) && s.rootCause === null)
    return fail('PROBLEM.NOT_READY', 'Record the root cause first', { missing: 'rootCause' });
  const backwards =
    (s.state === 'resolved' && to === 'fix_in_progress') ||
    (s.state === 'fix_in_progress' && to === 'root_cause_analysis');
  const why = reason?.trim() || null;
  if ((to === 'cancelled' || backwards) && why === null)
    return fail(
      'PROBLEM.REASON_REQUIRED',
      to === 'cancelled' ? 'A cancellation needs a reason' : 'Say why it goes back',
    );
  const at = ctx.now.toISOString();
  if (isFinalProblemState(to)) withdrawOpenAssists(p, ctx, `Problem ${to}`);
  // After the withdrawal: it moved the assist count and the sequence.
  p.state = {
    ...p.state,
    state: to,
    resolvedAt: to === 'resolved' ? at : to === 'closed' ? s.resolvedAt : null,
    closedAt: isFinalProblemState(to) ? at : null,
  };
  p.record(ctx, 'problem.state_changed', { kind: 'status_changed', body: why }, { from: s.state, to, reason: why });
  return ok(undefined);
}

const FIELDS = [
  'title',
  'description',
  'impact',
  'urgency',
  'teamId',
  'affectedCiIds',
  'affectedServiceIds',
  'rootCause',
  'workaround',
  'knownError',
  'knownErrorIds',
] as const;

export function updateFields(p: ProblemDraft, patch: ProblemPatch, ctx: ChangeContext): Result<void> {
  if (!ownerOrSupervisor(p, ctx) && ctx.actor.kind !== 'system')
    return fail('PROBLEM.NOT_OWNER', 'Only the problem owner or a lead/admin edits the problem');
  if (isFinalProblemState(p.state.state)) return frozen(p, 'update');
  if (patch.title !== undefined && patch.title.trim() === '')
    return fail('REQUEST.VALIDATION_FAILED', 'A problem needs a title');
  if (patch.rootCause && patch.rootCause.text.trim() === '')
    return fail('REQUEST.VALIDATION_FAILED', 'A root cause needs a text');
  const before: ProblemSnapshot = p.state;
  // Only the named fields are copied: a loosely built patch (ownerId, state) never reaches the state.
  const picked = Object.fromEntries(FIELDS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
  const merged: ProblemSnapshot = { ...before, ...picked };
  const after: ProblemSnapshot = {
    ...merged,
    title: merged.title.trim(),
    workaround: merged.workaround?.trim() || null,
    rootCause: merged.rootCause ? { ...merged.rootCause, text: merged.rootCause.text.trim() } : null,
    affectedCiIds: [...new Set(merged.affectedCiIds)],
    affectedServiceIds: [...new Set(merged.affectedServiceIds)],
    knownErrorIds: [...new Set(merged.knownErrorIds)],
    priority: priorityOf(merged.impact, merged.urgency),
  };
  if (after.knownError && (after.rootCause === null || after.workaround === null))
    return fail('PROBLEM.NOT_READY', 'A known error has its root cause and a workaround recorded', {
      missing: after.rootCause === null ? 'rootCause' : 'workaround',
    });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of [...FIELDS, 'priority'] as const)
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  if (Object.keys(changes).length === 0) return ok(undefined);
  p.state = after;
  p.record(ctx, 'problem.updated', { kind: 'fields_changed' }, { changes });
  return ok(undefined);
}

export function addTask(p: ProblemDraft, input: NewProblemTask, ctx: ChangeContext): Result<string> {
  if (!ownerOrSupervisor(p, ctx))
    return fail('PROBLEM.NOT_OWNER', 'Only the problem owner or a lead/admin plans tasks');
  if (isFinalProblemState(p.state.state)) return frozen(p, 'add_task');
  const title = input.title.trim();
  if (title === '') return fail('REQUEST.VALIDATION_FAILED', 'A task needs a title');
  if (p.state.tasks.length >= MAX_TASKS)
    return fail('REQUEST.VALIDATION_FAILED', `${p.state.number} already has ${MAX_TASKS} tasks`);
  const at = ctx.now.toISOString();
  const task: ProblemTask = {
    id: `${p.state.id}.t${p.state.tasks.length + 1}`,
    kind: input.kind,
    title,
    assigneeId: input.assigneeId ?? null,
    state: 'open',
    createdAt: at,
    updatedAt: at,
  };
  p.state = { ...p.state, tasks: [...p.state.tasks, task] };
  p.record(ctx, 'problem.task_changed', { kind: 'task_added', body: title }, { task });
  return ok(task.id);
}

/** The owner (or a lead) edits any task; the assignee moves their own task's state. */
export function updateTask(p: ProblemDraft, taskId: string, patch: ProblemTaskPatch, ctx: ChangeContext): Result<void> {
  const task = p.state.tasks.find((t) => t.id === taskId);
  if (!task) return fail('PROBLEM.TASK_NOT_FOUND', `No task ${taskId} on ${p.state.number}`);
  if (isFinalProblemState(p.state.state)) return frozen(p, 'update_task');
  const assignee = ctx.actor.kind === 'agent' && ctx.actor.agentId === task.assigneeId;
  const onlyState = patch.title === undefined && patch.assigneeId === undefined;
  if (!ownerOrSupervisor(p, ctx) && !(assignee && onlyState))
    return fail('PROBLEM.NOT_OWNER', 'Only the problem owner, a lead/admin or the assignee (its state) edits a task');
  if (patch.title !== undefined && patch.title.trim() === '')
    return fail('REQUEST.VALIDATION_FAILED', 'A task needs a title');
  const next: ProblemTask = {
    ...task,
    title: patch.title?.trim() ?? task.title,
    assigneeId: patch.assigneeId === undefined ? task.assigneeId : patch.assigneeId,
    state: patch.state ?? task.state,
    updatedAt: ctx.now.toISOString(),
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['title', 'assigneeId', 'state'] as const)
    if (task[key] !== next[key]) changes[key] = { from: task[key], to: next[key] };
  if (Object.keys(changes).length === 0) return ok(undefined);
  p.state = { ...p.state, tasks: p.state.tasks.map((t) => (t.id === taskId ? next : t)) };
  p.record(ctx, 'problem.task_changed', { kind: 'task_updated', body: next.title }, { taskId, changes });
  return ok(undefined);
}
