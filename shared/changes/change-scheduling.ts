/**
 * Scheduling a change (issue 16, ADR 0031): its conflicts for its planned or a proposed window,
 * the next free slot within 90 days, and the schedule command, which runs the check first and
 * refuses a window with conflicts (CHANGE.SCHEDULE_CONFLICT, the conflicts in `details`) unless a
 * change manager overrides them with a reason, recorded on the change's timeline with the list.
 * Check then save: two changes scheduled onto one CI at the same instant can both pass (the
 * check reads other partitions); the calendar flags what such a race leaves.
 */
import type { TCalendar } from '../api/change-schedule.schemas.js';
import type { TScheduleChange } from '../api/changes.schemas.js';
import type { ImpactGraph } from '../cmdb/impact.js';
import { isSupervisor } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { RunOptions } from '../work-items/work-item-commands.js';
import { changeCalendar, MAX_CALENDAR_DAYS } from './change-calendar.js';
import { type Conflict, detectConflicts, nextFreeSlot, SLOT_HORIZON_DAYS } from './change-conflicts.js';
import type { ChangeRepository } from './change-repository.js';
import { cmdbFactsOf, scheduleFactsOf, withNeighbourNames } from './change-schedule-facts.js';
import { type ChangeScheduleRepository, MAX_CHANGE_DAYS } from './change-schedule-repository.js';
import { bookedAgents } from './change-slots.js';
import type { ChangeSnapshot } from './change-types.js';
import type { ChangeOutcome, ChangeUseCases } from './change-use-cases.js';

const DAY_MS = 86_400_000;

export interface ConflictReport {
  readonly changeId: string;
  readonly start: string;
  readonly end: string;
  readonly conflicts: readonly Conflict[];
}

/** Who may schedule over conflicts: the change manager (a lead or admin until a change-manager group exists). */
export const isChangeManager = (actor: Actor): boolean => actor.kind === 'agent' && isSupervisor(actor.roles);

export class ChangeScheduling {
  constructor(
    private readonly changes: ChangeRepository,
    private readonly schedule: ChangeScheduleRepository,
    private readonly graph: ImpactGraph,
    private readonly directory: DirectoryRepository,
    private readonly useCases: ChangeUseCases,
    private readonly clock: Clock,
  ) {}

  /** The conflicts of the change's planned window, or of a proposed one. */
  async conflicts(changeId: string, proposed?: { start: string; end: string }): Promise<Result<ConflictReport>> {
    const found = await this.changes.readSnapshot(changeId);
    if (!found) return fail('CHANGE.NOT_FOUND', `No change ${changeId}`);
    const start = proposed?.start ?? found.doc.plannedStart;
    const end = proposed?.end ?? found.doc.plannedEnd;
    if (start === null || end === null)
      return fail('CHANGE.NOT_READY', 'Plan a start and an end first', { missing: 'plannedWindow' });
    const window = checkWindow(start, end);
    if (!window.ok) return window;
    const conflicts = await this.check(found.doc, window.value.start, window.value.end);
    return ok({
      changeId,
      start: new Date(window.value.start).toISOString(),
      end: new Date(window.value.end).toISOString(),
      conflicts,
    });
  }

  /** The earliest window of the given length (default: the planned one's) with no time-bound conflict. */
  async nextFreeSlot(
    changeId: string,
    input: { after?: string; durationMinutes?: number },
  ): Promise<Result<{ start: string; end: string } | null>> {
    const found = await this.changes.readSnapshot(changeId);
    if (!found) return fail('CHANGE.NOT_FOUND', `No change ${changeId}`);
    const c = found.doc;
    const planned = c.plannedStart && c.plannedEnd ? Date.parse(c.plannedEnd) - Date.parse(c.plannedStart) : null;
    const duration = input.durationMinutes ? input.durationMinutes * 60_000 : planned;
    if (duration === null)
      return fail('REQUEST.VALIDATION_FAILED', 'Give durationMinutes: the change has no planned window yet');
    if (duration > MAX_CHANGE_DAYS * DAY_MS)
      return fail('REQUEST.VALIDATION_FAILED', `A change window is at most ${MAX_CHANGE_DAYS} days`);
    const after = Math.max(input.after ? Date.parse(input.after) : 0, this.clock.now().getTime());
    const proposal = { changeId, ciIds: c.affectedCiIds, agentIds: bookedAgents(c) };
    const facts = await scheduleFactsOf(this.deps(), proposal, after, after + SLOT_HORIZON_DAYS * DAY_MS + duration);
    const slot = nextFreeSlot(proposal, duration, after, facts);
    return ok(slot ? { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() } : null);
  }

  /** Plans or moves the window; conflicts refuse it unless a change manager overrides them with a reason. */
  async scheduleChange(
    changeId: string,
    input: TScheduleChange,
    actor: Actor,
    options: RunOptions = {},
  ): Promise<Result<ChangeOutcome>> {
    const found = await this.changes.readSnapshot(changeId);
    if (!found) return fail('CHANGE.NOT_FOUND', `No change ${changeId}`);
    const window = checkWindow(input.plannedStart, input.plannedEnd);
    if (!window.ok) return window;
    const conflicts = await this.check(found.doc, window.value.start, window.value.end);
    const { override, ...times } = input;
    if (conflicts.length > 0 && !override)
      return fail(
        'CHANGE.SCHEDULE_CONFLICT',
        `${found.doc.number} has ${conflicts.length} conflict(s) in that window`,
        {
          conflicts,
        },
      );
    if (conflicts.length > 0 && !isChangeManager(actor))
      return fail('AUTH.FORBIDDEN', 'Only a change manager schedules over conflicts', { conflicts });
    const recorded =
      conflicts.length > 0 && override
        ? { reason: override.reason, conflicts: conflicts.map((c) => ({ kind: c.kind, reason: c.reason })) }
        : null;
    return this.useCases.schedule(changeId, times, actor, options, recorded);
  }

  /** The calendar for [from, to), at most MAX_CALENDAR_DAYS long. */
  async calendar(from: string, to: string): Promise<Result<TCalendar>> {
    const f = Date.parse(from);
    const t = Date.parse(to);
    if (!(f < t)) return fail('REQUEST.VALIDATION_FAILED', '`to` must be after `from`');
    if (t - f > MAX_CALENDAR_DAYS * DAY_MS)
      return fail('REQUEST.VALIDATION_FAILED', `The calendar shows at most ${MAX_CALENDAR_DAYS} days at once`);
    return ok(await changeCalendar(this.schedule, f, t));
  }

  private async check(change: ChangeSnapshot, start: number, end: number): Promise<Conflict[]> {
    const proposal = { changeId: change.id, start, end, ciIds: change.affectedCiIds, agentIds: bookedAgents(change) };
    const cmdb = await cmdbFactsOf(this.graph, proposal.ciIds);
    const facts = await scheduleFactsOf(this.deps(), proposal, start, end, cmdb);
    const first = detectConflicts(proposal, facts);
    const unnamed = first.filter((c) => c.kind === 'neighbour_overlap').map((c) => c.ciId as string);
    if (unnamed.every((id) => facts.names.has(id))) return first;
    return detectConflicts(proposal, await withNeighbourNames(this.graph, facts, unnamed));
  }

  private deps() {
    return { graph: this.graph, schedule: this.schedule, directory: this.directory };
  }
}

function checkWindow(start: string, end: string): Result<{ start: number; end: number }> {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (Number.isNaN(s) || Number.isNaN(e) || !(s < e))
    return fail('REQUEST.VALIDATION_FAILED', 'The end must be after the start');
  if (e - s > MAX_CHANGE_DAYS * DAY_MS)
    return fail('REQUEST.VALIDATION_FAILED', `A change window is at most ${MAX_CHANGE_DAYS} days`);
  return ok({ start: s, end: e });
}
