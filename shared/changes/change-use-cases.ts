/**
 * The change use cases (issue 16): create (numbered CHG-), read, list, timeline, and the commands,
 * each through the kernel's load -> domain -> atomic save loop (work-items/work-item-commands.ts).
 * Change events are relayed from the change's outbox like a ticket's; no ticket subscriber takes them.
 */
import type { TAddChangeTask, TUpdateChangeTask } from '../api/change-schedule.schemas.js';
import type {
  TChange,
  TChangeNote,
  TCreateChange,
  TListChangesQuery,
  TMoveChange,
  TScheduleChange,
  TTransferChange,
  TUpdateChangePlan,
} from '../api/changes.schemas.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { OutboxRelay } from '../events/outbox-relay.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { type RunOptions, runOnWorkItem } from '../work-items/work-item-commands.js';
import type { LinkKind, LinkTarget } from '../work-items/work-item-links.js';
import type { WorkItemNumberAllocator } from '../work-items/work-item-numbers.js';
import type { ApprovalPlanner } from './approver-lookup.js';
import { Change } from './change.js';
import type { ApproverDecision } from './change-approval-moves.js';
import type { ScheduleOverride } from './change-moves.js';
import type { ChangeRepository } from './change-repository.js';
import type { ChangeRisk } from './change-risk.js';
import type { TicketSide } from './change-ticket-side.js';
import type { ChangeSnapshot } from './change-types.js';

export interface ChangeOutcome {
  readonly change: ChangeSnapshot;
  readonly etag: string;
}

const CHANGE_NUMBER = /^CHG-\d{1,12}$/i;

export class ChangeUseCases {
  constructor(
    private readonly changes: ChangeRepository,
    private readonly numbers: WorkItemNumberAllocator,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly relay: OutboxRelay,
    private readonly tickets?: TicketSide,
    private readonly onRelayError: (error: unknown) => void = () => {},
    /** Asked for the approval plan as a change enters authorization (ADR 0030); absent: nobody is asked. */
    private readonly approvals?: ApprovalPlanner,
  ) {}

  /**
   * Raises a change; `fromTicket` makes it from an incident: the incident's CIs are copied, the
   * change is `created_from` it and the incident is linked back (`created`) by its own command.
   */
  async create(input: TCreateChange, actor: Actor): Promise<Result<ChangeOutcome>> {
    if (actor.kind !== 'agent') return fail('AUTH.FORBIDDEN', 'Agents raise changes');
    const { fromTicket, ...fields } = input;
    const source = fromTicket ? await this.tickets?.find(fromTicket) : undefined;
    if (fromTicket && !source) return fail('TICKET.NOT_FOUND', `No ticket ${fromTicket}`);
    const agent = await this.directory.agent(actor.agentId);
    const requester = {
      email: agent?.email ?? `${actor.agentId}@unknown`,
      name: agent?.name ?? actor.agentId,
      agentId: actor.agentId,
    };
    const number = await this.numbers.next('CHG');
    const affectedCiIds = [...(fields.affectedCiIds ?? []), ...(source?.ciIds ?? [])];
    const ctx = this.context(actor);
    const made = Change.create({ ...fields, affectedCiIds, number, requester }, ctx);
    if (!made.ok) return made;
    const change = made.value;
    if (source) {
      const linked = change.link('created_from', { practice: 'ticket', id: source.id, number: source.number }, ctx);
      if (!linked.ok) return linked;
    }
    const saved = await this.save(change, null);
    if (source && this.tickets) {
      const back = await this.tickets.link(source.id, 'created', { practice: 'change', id: change.id, number }, actor);
      if (!back.ok) return back;
    }
    return ok({ change: change.toSnapshot(), etag: saved.etag });
  }

  /** A change id or its number (CHG-1001) to the id; undefined when there is none. */
  async resolveId(idOrNumber: string): Promise<string | undefined> {
    if (CHANGE_NUMBER.test(idOrNumber)) return this.changes.findIdByNumber(idOrNumber);
    return (await this.changes.readSnapshot(idOrNumber)) ? idOrNumber : undefined;
  }

  async get(changeId: string): Promise<Result<ChangeOutcome>> {
    const found = await this.changes.readSnapshot(changeId);
    return found ? ok({ change: found.doc, etag: found.etag }) : fail('CHANGE.NOT_FOUND', `No change ${changeId}`);
  }

  async list(query: TListChangesQuery, actor: Actor): Promise<{ items: ChangeSnapshot[]; nextCursor: string | null }> {
    const ownerId = query.owner === 'me' ? (actor.kind === 'agent' ? actor.agentId : '') : query.owner;
    const page = await this.changes.list({
      limit: query.limit,
      ...(query.state ? { state: query.state } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(ownerId !== undefined ? { ownerId } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { items: page.items.map((i) => i.doc), nextCursor: page.nextCursor };
  }

  async timeline(changeId: string, limit: number, cursor?: string) {
    const page = await this.changes.timeline(changeId, limit, cursor);
    return { items: page.items.map((i) => i.doc), nextCursor: page.nextCursor };
  }

  accept(changeId: string, actor: Actor, options: RunOptions = {}) {
    return this.run(changeId, actor, (c, ctx) => c.accept(ctx), options);
  }

  async transfer(changeId: string, input: TTransferChange, actor: Actor, options: RunOptions = {}) {
    const target = await this.directory.agent(input.toAgentId);
    if (!target) return fail<ChangeOutcome>('AGENT.NOT_FOUND', `No agent ${input.toAgentId}`);
    return this.run(changeId, actor, (c, ctx) => c.transfer(target, input.reason, ctx), options);
  }

  async move(changeId: string, input: TMoveChange, actor: Actor, options: RunOptions = {}) {
    const { state, ...rest } = input;
    const planner = this.approvals;
    if (state !== 'authorize' || !planner)
      return this.run(changeId, actor, (c, ctx) => c.moveTo(state, rest, ctx), options);
    // The plan needs the directory and the CMDB (I/O): made first, then moved and asked in one command.
    const found = await this.changes.readSnapshot(changeId);
    if (!found) return fail<ChangeOutcome>('CHANGE.NOT_FOUND', `No change ${changeId}`);
    const outcome = await planner.plan(found.doc, this.clock.now());
    return this.run(
      changeId,
      actor,
      (c, ctx) => {
        const before = c.state;
        const moved = c.moveTo(state, rest, ctx);
        if (!moved.ok || before === 'authorize') return moved;
        return c.requestApprovals(outcome, ctx);
      },
      options,
    );
  }

  /** One approver's own decision on their approval (in the app: channel `app`; by email: `email`). */
  decideApproval(
    changeId: string,
    approvalId: string,
    input: ApproverDecision,
    actor: Actor,
    options: RunOptions = {},
  ): Promise<Result<ChangeOutcome>> {
    return this.run(changeId, actor, (c, ctx) => c.decideAsApprover(approvalId, input, ctx), options);
  }

  /** The approval timer's work on one change: reminders and expiries that are due. */
  runApprovalTimers(changeId: string): Promise<Result<ChangeOutcome>> {
    return this.run(changeId, systemActor('approval-timer'), (c, ctx) => c.runApprovalTimers(ctx), {
      retryOnConflict: true,
    });
  }

  /** Plans the window; the conflict check and its override are change-scheduling.ts's, before this. */
  schedule(
    changeId: string,
    input: Omit<TScheduleChange, 'override'>,
    actor: Actor,
    options: RunOptions = {},
    override: ScheduleOverride | null = null,
  ) {
    const start = new Date(input.plannedStart);
    const end = new Date(input.plannedEnd);
    return this.run(changeId, actor, (c, ctx) => c.schedule(start, end, ctx, override), options);
  }

  addTask(changeId: string, input: TAddChangeTask, actor: Actor, options: RunOptions = {}) {
    return this.run(changeId, actor, (c, ctx) => c.addTask(input, ctx), options);
  }

  updateTask(changeId: string, taskId: string, input: TUpdateChangeTask, actor: Actor, options: RunOptions = {}) {
    return this.run(changeId, actor, (c, ctx) => c.updateTask(taskId, input, ctx), options);
  }

  updatePlan(changeId: string, input: TUpdateChangePlan, actor: Actor, options: RunOptions = {}) {
    return this.run(changeId, actor, (c, ctx) => c.updatePlan(input, ctx), options);
  }

  /** Records an assessed risk (the questionnaire and rules of change-risk.ts, computed by the caller). */
  assessRisk(changeId: string, risk: ChangeRisk, actor: Actor, options: RunOptions = {}) {
    return this.run(changeId, actor, (c, ctx) => c.assessRisk(risk, ctx), options);
  }

  /** A link from another work item's use case (a problem fixed by this change): idempotent, so replay-safe. */
  link(changeId: string, kind: LinkKind, target: LinkTarget, actor: Actor) {
    return this.run(changeId, actor, (c, ctx) => c.link(kind, target, ctx), { retryOnConflict: true });
  }

  unlink(changeId: string, kind: LinkKind, targetId: string, reason: string | null, actor: Actor) {
    return this.run(changeId, actor, (c, ctx) => c.unlink(kind, targetId, reason, ctx), { retryOnConflict: true });
  }

  /** A note is safe to replay on a concurrent write. */
  addNote(changeId: string, input: TChangeNote, actor: Actor) {
    return this.run(changeId, actor, (c, ctx) => c.addNote(input.body, ctx), { retryOnConflict: true });
  }

  private async run<T>(
    changeId: string,
    actor: Actor,
    command: (change: Change, ctx: ChangeContext) => Result<T>,
    options: RunOptions,
  ): Promise<Result<ChangeOutcome>> {
    const ran = await runOnWorkItem({
      noun: 'change',
      load: () => this.changes.load(changeId),
      notFound: () => fail('CHANGE.NOT_FOUND', `No change ${changeId}`),
      context: () => this.context(actor),
      command,
      save: (change, etag) => this.save(change, etag),
      options,
    });
    return ran.ok ? ok({ change: ran.value.item.toSnapshot(), etag: ran.value.saved.etag }) : ran;
  }

  /** Saves and relays; publishing is best effort here, the outbox sweep delivers whatever this misses. */
  private async save(change: Change, etag: string | null): Promise<{ etag: string }> {
    const saved = await this.changes.save(change, etag);
    await this.relay.relay(change.id, saved.outbox, 'changes').catch(this.onRelayError);
    return saved;
  }

  private context(actor: Actor): ChangeContext {
    return { actor, now: this.clock.now(), ids: this.ids };
  }
}

/** What the API shows of a change: the stored fields without the storage bookkeeping. */
export const toChangeDto = ({
  changeId: _c,
  docType: _d,
  lastSeq: _s,
  links,
  ...dto
}: ChangeSnapshot & { _etag?: unknown; _ts?: unknown }): TChange => {
  // The approvals have their own endpoint (GET /api/changes/{id}/approvals, ADR 0030).
  const { _etag, _ts, approvals: _a, ...fields } = dto;
  const { risk, affectedCiIds, implementationTasks } = fields;
  return {
    ...fields,
    affectedCiIds: [...affectedCiIds],
    implementationTasks: [...(implementationTasks ?? [])],
    risk: risk ? { ...risk, reasons: [...risk.reasons] } : null,
    links: [...(links ?? [])],
  };
};
