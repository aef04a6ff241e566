/**
 * Implementation tasks of a change (issue 16): the steps of the implementation plan, each with its
 * own state, assignee, order and due time (ServiceNow's change tasks). They live on the change
 * (one partition, one etag) so a task edit and its timeline entry are one atomic save, and the
 * assignees are booked by the change's window (change-slots.ts). The change owner or a lead/admin
 * plans them; an assignee moves their own task along its table.
 */
import { isSupervisor } from '../directory/agent.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { ChangeDraft } from './change-practice.js';
import { isFinalChangeState } from './change-state.js';

export const TASK_STATES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

const TASK_MOVES: Readonly<Record<TaskState, readonly TaskState[]>> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['open'],
};

export const MAX_TASKS = 30;

export interface ChangeTask {
  readonly id: string;
  readonly title: string;
  readonly state: TaskState;
  readonly assigneeId: string | null;
  /** Position in the plan, 1 first. */
  readonly order: number;
  readonly dueAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TaskInput {
  readonly title?: string;
  readonly assigneeId?: string | null;
  readonly order?: number;
  readonly dueAt?: string | null;
}

const planner = (c: ChangeDraft, ctx: ChangeContext): boolean =>
  c.isOwner(ctx) || ctx.actor.kind === 'system' || (ctx.actor.kind === 'agent' && isSupervisor(ctx.actor.roles));

const tasksOf = (c: ChangeDraft): readonly ChangeTask[] => c.state.implementationTasks ?? [];

/** Renumbers 1..n in the wanted order (ties keep their previous order). */
const renumber = (tasks: readonly ChangeTask[]): ChangeTask[] =>
  [...tasks].sort((a, b) => a.order - b.order).map((t, i) => (t.order === i + 1 ? t : { ...t, order: i + 1 }));

function refuseEdit(c: ChangeDraft): Result<never> | null {
  if (isFinalChangeState(c.state.state))
    return fail('CHANGE.CLOSED', `${c.state.number} is ${c.state.state}: its tasks are settled`);
  return null;
}

export function addTask(c: ChangeDraft, input: TaskInput & { title: string }, ctx: ChangeContext): Result<string> {
  if (!planner(c, ctx)) return fail('CHANGE.NOT_OWNER', 'Only the change owner or a lead/admin plans tasks');
  const refused = refuseEdit(c);
  if (refused) return refused;
  if (input.title.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A task needs a title');
  const tasks = tasksOf(c);
  if (tasks.length >= MAX_TASKS) return fail('REQUEST.VALIDATION_FAILED', `A change has at most ${MAX_TASKS} tasks`);
  const at = ctx.now.toISOString();
  const task: ChangeTask = {
    id: ctx.ids.next('ctask_'),
    title: input.title.trim(),
    state: 'open',
    assigneeId: input.assigneeId ?? null,
    // Inserted before the task at `order` (or last); 0.5 sorts it in front of the one it displaces.
    order: input.order !== undefined ? input.order - 0.5 : tasks.length + 1,
    dueAt: input.dueAt ?? null,
    createdAt: at,
    updatedAt: at,
  };
  c.state = { ...c.state, implementationTasks: renumber([...tasks, task]) };
  c.record(
    ctx,
    'change.task_changed',
    { kind: 'fields_changed', body: task.title },
    { task: task.id, action: 'added', title: task.title, assigneeId: task.assigneeId },
  );
  return ok(task.id);
}

export function updateTask(
  c: ChangeDraft,
  taskId: string,
  patch: TaskInput & { state?: TaskState },
  ctx: ChangeContext,
): Result<void> {
  const refused = refuseEdit(c);
  if (refused) return refused;
  const tasks = tasksOf(c);
  const task = tasks.find((t) => t.id === taskId);
  if (!task) return fail('CHANGE_TASK.NOT_FOUND', `No task ${taskId} on ${c.state.number}`);
  const onlyState = Object.keys(patch).every(
    (k) => k === 'state' || (patch as Record<string, unknown>)[k] === undefined,
  );
  const assignee = ctx.actor.kind === 'agent' && task.assigneeId === ctx.actor.agentId;
  if (!(planner(c, ctx) || (assignee && onlyState)))
    return fail('CHANGE.NOT_OWNER', 'The change owner or a lead/admin edits a task; its assignee moves it');
  if (patch.title !== undefined && patch.title.trim() === '')
    return fail('REQUEST.VALIDATION_FAILED', 'A task needs a title');
  if (patch.state !== undefined && patch.state !== task.state && !TASK_MOVES[task.state].includes(patch.state))
    return fail('CHANGE_TASK.ILLEGAL_TRANSITION', `A task in ${task.state} cannot move to ${patch.state}`, {
      from: task.state,
      to: patch.state,
    });
  const next: ChangeTask = {
    ...task,
    title: patch.title?.trim() ?? task.title,
    state: patch.state ?? task.state,
    assigneeId: patch.assigneeId !== undefined ? patch.assigneeId : task.assigneeId,
    order: patch.order !== undefined ? (patch.order > task.order ? patch.order + 0.5 : patch.order - 0.5) : task.order,
    dueAt: patch.dueAt !== undefined ? patch.dueAt : task.dueAt,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['title', 'state', 'assigneeId', 'dueAt'] as const)
    if (next[key] !== task[key]) changes[key] = { from: task[key], to: next[key] };
  const reordered = renumber(tasks.map((t) => (t.id === taskId ? next : t)));
  const moved = reordered.find((t) => t.id === taskId) as ChangeTask;
  if (moved.order !== task.order) changes.order = { from: task.order, to: moved.order };
  if (Object.keys(changes).length === 0) return ok(undefined);
  const at = ctx.now.toISOString();
  c.state = {
    ...c.state,
    implementationTasks: reordered.map((t) => (t.id === taskId ? { ...t, updatedAt: at } : t)),
  };
  c.record(
    ctx,
    'change.task_changed',
    { kind: 'fields_changed', body: task.title },
    { task: taskId, action: 'updated', changes },
  );
  return ok(undefined);
}
