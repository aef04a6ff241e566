/**
 * The Ticket aggregate: the consistency boundary for a ticket, its assists and its timeline.
 * Every change goes through a named method that checks the invariants (sacred ownership, the
 * status table, assist rules), appends timeline entries and raises domain events. The
 * repository saves the snapshot, changed assists, new entries and events in one atomic batch.
 */
import { Assist, type AssistSnapshot, type AssistTarget } from '../assists/assist.js';
import { assistIdFor } from '../assists/assist-id.js';
import type { AssistAction } from '../assists/assist-state.js';
import { canOwnTickets, isSupervisor, type Role } from '../directory/agent.js';
import type { DomainEvent, EventType } from '../events/domain-event.js';
import { type Actor, actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { synthesizeSlaHistory, trackSlaHistory } from '../sla-engine/sla-history-tracker.js';
import type { SlaNotice } from '../sla-engine/sla-notices.js';
import { type SlaStamp, storedSlaSnapshot } from '../sla-engine/ticket-sla.js';
import { type EntryKind, entryId, type TimelineEntry, type Visibility } from '../timeline/timeline-entry.js';
import { priorityOf } from './priority.js';
import {
  acceptsCustomerMail,
  type InboundEmail,
  participantsOf,
  type ReopenPolicy,
  withParticipants,
} from './ticket-email.js';
import { canMoveTicket, isActiveStatus, type TicketStatus } from './ticket-status.js';
import type { NewTicket, TicketFieldsPatch, TicketSnapshot } from './ticket-types.js';

interface EntryDraft {
  kind: EntryKind;
  visibility?: Visibility;
  body?: string | null;
  assistId?: string | null;
  data?: Record<string, unknown>;
}

export class Ticket {
  private readonly newEntries: TimelineEntry[] = [];
  private readonly newEvents: DomainEvent[] = [];
  private readonly changedAssistIds = new Set<string>();

  private constructor(
    private state: TicketSnapshot,
    private readonly assistsById: Map<string, Assist>,
  ) {}

  static fromSnapshot(snapshot: TicketSnapshot, assists: readonly AssistSnapshot[] = []): Ticket {
    // Tickets stored before the SLA engine get a best-effort history, so clocks work from here on.
    // Documents from before the SLA view was derived on read carry a stored `sla`: dropped on the next save.
    const { sla: _storedView, ...current } = snapshot as TicketSnapshot & { sla?: unknown };
    const state = current.slaHistory ? current : { ...current, slaHistory: synthesizeSlaHistory(current, assists) };
    return new Ticket(state, new Map(assists.map((a) => [a.id, Assist.fromSnapshot(a)])));
  }

  static create(input: NewTicket, ctx: ChangeContext): Result<Ticket> {
    const title = input.title.trim();
    if (title === '') return fail('REQUEST.VALIDATION_FAILED', 'A ticket needs a title');
    const id = ctx.ids.next('t_');
    const at = ctx.now.toISOString();
    const ticket = new Ticket(
      {
        id,
        ticketId: id,
        docType: 'ticket',
        number: input.number,
        type: input.type,
        title,
        description: input.description,
        requester: { email: input.requester.email.toLowerCase(), name: input.requester.name },
        status: 'new',
        impact: input.impact,
        urgency: input.urgency,
        priority: priorityOf(input.impact, input.urgency),
        category: input.category ?? null,
        teamId: input.teamId ?? null,
        tags: [...new Set(input.tags ?? [])],
        ownerId: null,
        channel: input.channel,
        createdBy: actorRef(ctx.actor),
        createdAt: at,
        updatedAt: at,
        resolvedAt: null,
        closedAt: null,
        lastSeq: 0,
        openAssistCount: 0,
        slaHistory: [{ type: 'created', at, priority: priorityOf(input.impact, input.urgency), status: 'new' }],
      },
      new Map(),
    );
    ticket.record(
      ctx,
      'ticket.created',
      { kind: 'ticket_created', visibility: 'public', body: input.description },
      {
        number: input.number,
        priority: ticket.state.priority,
        teamId: ticket.state.teamId,
      },
    );
    return ok(ticket);
  }

  toSnapshot(): TicketSnapshot {
    return this.state;
  }

  get id(): string {
    return this.state.id;
  }
  get ownerId(): string | null {
    return this.state.ownerId;
  }
  get status(): TicketStatus {
    return this.state.status;
  }
  assists(): AssistSnapshot[] {
    return [...this.assistsById.values()].map((a) => a.toSnapshot());
  }

  /** What the repository must write since load: new entries, new events, changed assists. */
  pendingChanges(): { entries: TimelineEntry[]; events: DomainEvent[]; assists: AssistSnapshot[] } {
    return {
      entries: [...this.newEntries],
      events: [...this.newEvents],
      assists: [...this.changedAssistIds].map((id) => (this.assistsById.get(id) as Assist).toSnapshot()),
    };
  }

  // --- ownership -------------------------------------------------------------------------

  accept(ctx: ChangeContext): Result<void> {
    const { actor } = ctx;
    if (actor.kind !== 'agent' || !canOwnTickets(actor.roles))
      return fail('TICKET.CANNOT_OWN', 'Only agents, leads and admins can own tickets');
    if (this.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${this.state.number} is closed`);
    if (this.state.ownerId !== null)
      return fail('TICKET.ALREADY_OWNED', `Ticket ${this.state.number} already has an owner`, {
        ownerId: this.state.ownerId,
      });
    this.changeOwner(ctx, actor.agentId, 'accept', null);
    return ok(undefined);
  }

  transfer(
    to: { id: string; roles: readonly Role[]; active: boolean },
    reason: string,
    ctx: ChangeContext,
  ): Result<void> {
    const { actor } = ctx;
    if (actor.kind !== 'agent') return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can transfer');
    const isOwner = this.state.ownerId === actor.agentId;
    if (!isOwner && !isSupervisor(actor.roles))
      return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can transfer this ticket');
    if (this.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${this.state.number} is closed`);
    if (reason.trim() === '') return fail('TICKET.REASON_REQUIRED', 'A transfer needs a reason');
    if (!to.active || !canOwnTickets(to.roles)) return fail('TICKET.CANNOT_OWN', 'The target agent cannot own tickets');
    if (to.id === this.state.ownerId) return fail('TICKET.SAME_OWNER', 'The ticket already belongs to that agent');
    this.changeOwner(ctx, to.id, 'transfer', reason.trim());
    return ok(undefined);
  }

  private changeOwner(ctx: ChangeContext, to: string, via: 'accept' | 'transfer', reason: string | null): void {
    const from = this.state.ownerId;
    const status = this.state.status === 'new' ? 'open' : this.state.status;
    this.state = { ...this.state, ownerId: to, status };
    this.record(ctx, 'ticket.owner_changed', { kind: 'owner_changed', body: reason }, { from, to, via, reason });
  }

  // --- status -----------------------------------------------------------------------------

  changeStatus(to: TicketStatus, reason: string | null, ctx: ChangeContext): Result<void> {
    const from = this.state.status;
    if (from === to) return ok(undefined);
    if (!canMoveTicket(from, to))
      return fail('TICKET.ILLEGAL_TRANSITION', `A ${from} ticket cannot become ${to}`, { from, to });
    const allowed = this.mayChangeStatus(ctx.actor, from, to);
    if (!allowed.ok) return allowed;
    const at = ctx.now.toISOString();
    if (to === 'resolved') this.withdrawOpenAssists(ctx, 'Ticket resolved');
    const reopens = from === 'resolved' && to === 'open';
    this.state = {
      ...this.state,
      status: to,
      // Closing keeps the resolution time (SLA, reports); only a reopen clears it.
      resolvedAt: to === 'resolved' ? at : reopens ? null : this.state.resolvedAt,
      closedAt: to === 'closed' ? at : this.state.closedAt,
    };
    const kind = reopens ? 'reopened' : 'changed';
    this.record(ctx, 'ticket.status_changed', { kind: 'status_changed', body: reason }, { from, to, reason, kind });
    return ok(undefined);
  }

  private mayChangeStatus(actor: Actor, from: TicketStatus, to: TicketStatus): Result<void> {
    const isOwner = actor.kind === 'agent' && actor.agentId === this.state.ownerId;
    const supervisor = actor.kind === 'agent' && isSupervisor(actor.roles);
    if (to === 'resolved')
      return isOwner ? ok(undefined) : fail('TICKET.NOT_OWNER', 'Only the owner can resolve a ticket');
    // Reopening and waking a pending ticket may come from the customer (email) or the system.
    const wakes = (from === 'resolved' || from === 'pending') && to === 'open';
    if (isOwner || supervisor || actor.kind === 'system' || (wakes && actor.kind === 'customer')) return ok(undefined);
    return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can change the status');
  }

  // --- notes and fields -------------------------------------------------------------------

  addNote(body: string, visibility: Visibility, ctx: ChangeContext): Result<string> {
    const { actor } = ctx;
    if (body.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A note needs a body');
    if (actor.kind === 'customer') return fail('AUTH.FORBIDDEN', 'Customers cannot write notes');
    if (
      visibility === 'public' &&
      actor.kind === 'agent' &&
      actor.agentId !== this.state.ownerId &&
      !isSupervisor(actor.roles)
    )
      return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can add a public note');
    const entry = this.record(ctx, 'ticket.note_added', { kind: 'note', visibility, body }, { visibility });
    return ok(entry.id);
  }

  updateFields(patch: TicketFieldsPatch, ctx: ChangeContext): Result<void> {
    const { actor } = ctx;
    const isOwner = actor.kind === 'agent' && actor.agentId === this.state.ownerId;
    const triage = actor.kind === 'agent' && this.state.ownerId === null && canOwnTickets(actor.roles);
    if (!(isOwner || triage || actor.kind === 'system' || (actor.kind === 'agent' && isSupervisor(actor.roles))))
      return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can edit this ticket');
    if (this.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${this.state.number} is closed`);
    if (patch.title !== undefined && patch.title.trim() === '')
      return fail('REQUEST.VALIDATION_FAILED', 'A ticket needs a title');
    // Copy only the editable fields that are given: a loosely built patch (extra keys such as
    // ownerId, or `impact: undefined`) must not reach the state.
    const next: TicketSnapshot = {
      ...this.state,
      title: patch.title?.trim() ?? this.state.title,
      type: patch.type ?? this.state.type,
      impact: patch.impact ?? this.state.impact,
      urgency: patch.urgency ?? this.state.urgency,
      category: patch.category === undefined ? this.state.category : patch.category,
      teamId: patch.teamId === undefined ? this.state.teamId : patch.teamId,
      tags: patch.tags ? [...new Set(patch.tags)] : this.state.tags,
    };
    const withPriority = { ...next, priority: priorityOf(next.impact, next.urgency) };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['title', 'type', 'impact', 'urgency', 'priority', 'category', 'teamId', 'tags'] as const) {
      if (JSON.stringify(this.state[key]) !== JSON.stringify(withPriority[key]))
        changes[key] = { from: this.state[key], to: withPriority[key] };
    }
    if (Object.keys(changes).length === 0) return ok(undefined);
    this.state = withPriority;
    this.record(ctx, 'ticket.updated', { kind: 'fields_changed' }, { changes });
    return ok(undefined);
  }

  /**
   * A reply to the customer (sent as email by the mail channel). Only the owner speaks to the
   * customer; experts propose replies through their assist instead.
   */
  reply(input: { body: string; cc: readonly string[] }, ctx: ChangeContext): Result<string> {
    const { actor } = ctx;
    if (actor.kind !== 'agent' || actor.agentId !== this.state.ownerId)
      return fail('TICKET.NOT_OWNER', 'Only the owner replies to the customer');
    if (this.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${this.state.number} is closed`);
    if (input.body.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A reply needs a body');
    const email = {
      to: [{ address: this.state.requester.email, name: this.state.requester.name }],
      cc: input.cc.map((address) => ({ address, name: '' })),
      subject: `[${this.state.number}] ${this.state.title}`,
      text: input.body,
      html: null,
      attachments: [],
    };
    const entry = this.record(
      ctx,
      'ticket.replied',
      { kind: 'email_out', visibility: 'public', body: input.body },
      { email, delivery: 'pending', entryId: entryId(this.state.id, this.state.lastSeq + 1) },
    );
    return ok(entry.id);
  }

  // --- email channel ----------------------------------------------------------------------

  /**
   * A customer's mail lands on the ticket (public email_in entry). A person's mail wakes a
   * pending ticket and reopens a resolved one within the policy window; mail no person wrote
   * (auto-replies, bounces) is attached without touching the status. Refused with TICKET.CLOSED
   * when a person writes to a closed ticket or after the window: ingestion then opens a linked ticket.
   */
  receiveEmail(
    mail: InboundEmail,
    policy: ReopenPolicy,
    ctx: ChangeContext,
  ): Result<{ entryId: string; reopened: boolean }> {
    if (ctx.actor.kind === 'agent') return fail('AUTH.FORBIDDEN', 'Inbound mail comes from customers or the system');
    const human = mail.automatic === null;
    if (human && !acceptsCustomerMail(this.state, policy, ctx.now))
      return fail('TICKET.CLOSED', `Ticket ${this.state.number} no longer takes replies`, {
        status: this.state.status,
      });
    const participants = participantsOf(this.state);
    if (human)
      this.state = { ...this.state, participants: withParticipants(participants, [mail.from.address, ...mail.cc]) };
    const entry = this.record(
      ctx,
      'ticket.email_received',
      { kind: 'email_in', visibility: 'public', body: mail.body, data: mail.data },
      { from: mail.from.address, automatic: mail.automatic?.kind ?? null },
    );
    const wakes = human && (this.state.status === 'pending' || this.state.status === 'resolved');
    if (wakes) {
      const reason =
        this.state.status === 'resolved' ? 'The customer replied to the resolved ticket' : 'The customer replied';
      const moved = this.changeStatus('open', reason, ctx);
      if (!moved.ok) return moved;
    }
    return ok({ entryId: entry.id, reopened: wakes });
  }

  /** An outbound mail failed for good: said on the ticket (internal), never silently. */
  recordEmailFailure(
    input: { entryId: string; reason: string; recipients: readonly string[] },
    ctx: ChangeContext,
  ): Result<string> {
    if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only the mail channel records delivery failures');
    const entry = this.record(ctx, 'ticket.email_failed', { kind: 'email_failed', body: input.reason }, { ...input });
    return ok(entry.id);
  }

  // --- assists (parallel escalation) -------------------------------------------------------

  requestAssist(
    input: { target: AssistTarget; question: string; dueAt: Date | null },
    ctx: ChangeContext,
  ): Result<string> {
    const { actor } = ctx;
    if (actor.kind !== 'agent' || actor.agentId !== this.state.ownerId)
      return fail('TICKET.NOT_OWNER', 'Only the owner can ask for an assist');
    if (!isActiveStatus(this.state.status))
      return fail('TICKET.CLOSED', `Ticket ${this.state.number} is ${this.state.status}; reopen it first`);
    if (input.target.kind === 'agent' && input.target.agentId === actor.agentId)
      return fail('ASSIST.SELF_ASSIST', 'The owner cannot ask themselves for an assist');
    if (input.question.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'An assist needs a question');
    const assist = Assist.request({
      id: assistIdFor(this.state.id, this.state.lastSeq + 1),
      ticketId: this.state.id,
      ticketNumber: this.state.number,
      target: input.target,
      requestedBy: actor.agentId,
      question: input.question,
      dueAt: input.dueAt?.toISOString() ?? null,
      now: ctx.now,
    });
    this.assistsById.set(assist.id, assist);
    this.changedAssistIds.add(assist.id);
    this.state = { ...this.state, openAssistCount: this.state.openAssistCount + 1 };
    this.record(
      ctx,
      'assist.requested',
      { kind: 'assist_requested', body: input.question, assistId: assist.id },
      { target: input.target, dueAt: assist.toSnapshot().dueAt },
    );
    return ok(assist.id);
  }

  /** Expert acts (accept, contribute, answer, decline), owner withdraws, system times out. */
  actOnAssist(
    assistId: string,
    action: AssistAction,
    body: string | null,
    ctx: ChangeContext,
    proposeReply = false,
  ): Result<void> {
    const assist = this.assistsById.get(assistId);
    if (!assist) return fail('ASSIST.NOT_FOUND', `No assist ${assistId} on ticket ${this.state.number}`);
    const { actor } = ctx;
    const isOwner = actor.kind === 'agent' && actor.agentId === this.state.ownerId;
    // The owner is never their own expert (they may belong to the team they asked): what the
    // owner writes is a follow-up, and the expert acts are refused.
    if (action === 'contribute' && isOwner) return this.ownerFollowUp(assist, body, ctx);
    const permitted =
      action === 'withdraw'
        ? isOwner || (actor.kind === 'agent' && isSupervisor(actor.roles))
        : action === 'time_out'
          ? actor.kind === 'system'
          : !isOwner && assist.isExpert(actor);
    if (!permitted) return fail('ASSIST.NOT_EXPERT', `You cannot ${action} this assist`);
    if ((action === 'contribute' || action === 'answer') && (body ?? '').trim() === '')
      return fail('REQUEST.VALIDATION_FAILED', `To ${action} needs a body`);
    const moved = assist.apply(action, actor, ctx.now);
    if (!moved.ok) return moved;
    this.changedAssistIds.add(assistId);
    if (!assist.isOpen && moved.value.from !== moved.value.to)
      this.state = { ...this.state, openAssistCount: Math.max(0, this.state.openAssistCount - 1) };
    if (moved.value.from === 'requested' && (action === 'contribute' || action === 'answer'))
      this.record(ctx, 'assist.accepted', { kind: 'assist_accepted', assistId }, { implicit: true });
    const [eventType, kind] = ASSIST_RECORDS[action](proposeReply);
    this.record(ctx, eventType, { kind, assistId, body }, { from: moved.value.from, to: moved.value.to });
    return ok(undefined);
  }

  private ownerFollowUp(assist: Assist, body: string | null, ctx: ChangeContext): Result<void> {
    if ((body ?? '').trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A contribution needs a body');
    const written = assist.recordOwnerMessage(ctx.now);
    if (!written.ok) return written;
    this.changedAssistIds.add(assist.id);
    this.record(
      ctx,
      'assist.contributed',
      { kind: 'assist_contribution', assistId: assist.id, body },
      { byOwner: true },
    );
    return ok(undefined);
  }

  private withdrawOpenAssists(ctx: ChangeContext, reason: string): void {
    for (const assist of this.assistsById.values()) {
      if (!assist.isOpen) continue;
      assist.apply('withdraw', ctx.actor, ctx.now);
      this.changedAssistIds.add(assist.id);
      this.record(ctx, 'assist.withdrawn', { kind: 'assist_withdrawn', assistId: assist.id, body: reason }, { reason });
    }
    this.state = { ...this.state, openAssistCount: 0 };
  }

  // --- SLA --------------------------------------------------------------------------------

  /**
   * Stores the SLA snapshot the engine computed for this write (no timeline entry: it is derived
   * state): per target its state and due time, and the bookkeeping. The full clocks (elapsed,
   * remaining, attribution) are not stored: readers compute them as of the request.
   */
  applySla(stamp: Pick<SlaStamp, 'sla' | 'meta' | 'nextEvaluationAt' | 'dueAt'>): void {
    this.state = {
      ...this.state,
      slaSnapshot: storedSlaSnapshot(stamp.sla),
      slaMeta: stamp.meta,
      slaNextEvaluationAt: stamp.nextEvaluationAt,
      slaDueAt: stamp.dueAt,
    };
  }

  /**
   * Sends the due SLA notices once: `sla.warning` / `sla.breached` with their timeline entries, an
   * overdue assist OLA as the assist's `time_out` (system actors only). Returns how many were sent.
   */
  applySlaNotices(notices: readonly SlaNotice[], ctx: ChangeContext): Result<number> {
    if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only the SLA engine sends SLA notices');
    let sent = 0;
    for (const notice of notices) {
      if (!notice.silent && notice.target === 'ola' && notice.kind === 'breached' && notice.assistId) {
        const timedOut = this.actOnAssist(notice.assistId, 'time_out', null, ctx);
        if (timedOut.ok) sent++;
      } else if (!notice.silent) {
        const { key: _key, silent: _silent, kind, ...data } = notice;
        const type = kind === 'warning' ? 'sla.warning' : 'sla.breached';
        const entryKind = kind === 'warning' ? 'sla_warning' : 'sla_breached';
        this.record(ctx, type, { kind: entryKind, assistId: notice.assistId, body: slaNoticeText(notice) }, data);
        sent++;
      }
      const meta = this.state.slaMeta ?? { policy: null, factsKey: '', notified: [] };
      this.state = { ...this.state, slaMeta: { ...meta, notified: [...meta.notified, notice.key] } };
    }
    return ok(sent);
  }

  private trackSla(change: Parameters<typeof trackSlaHistory>[3]): void {
    const history = this.state.slaHistory ?? [];
    const assists = [...this.assistsById.values()].map((a) => a.toSnapshot());
    const next = trackSlaHistory(history, this.state, assists, change);
    if (next !== history) this.state = { ...this.state, slaHistory: next };
  }

  // --- rules and routing ------------------------------------------------------------------

  /**
   * What an automation did or refused to do, named on the timeline (internal). Only system
   * actors (a rule, the router) write these; the ticket's state is not touched.
   */
  recordAutomation(
    input: {
      body: string;
      ruleId: string | null;
      ruleName: string | null;
      action: string;
      outcome: string;
      assistId?: string | null;
    },
    ctx: ChangeContext,
  ): Result<string> {
    if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only automations record automation entries');
    const { body, assistId, ...data } = input;
    const entry = this.record(
      ctx,
      'ticket.rule_applied',
      { kind: 'rule_action', body, assistId: assistId ?? null },
      data,
    );
    return ok(entry.id);
  }

  // --- recording --------------------------------------------------------------------------

  private record(ctx: ChangeContext, type: EventType, draft: EntryDraft, data: Record<string, unknown>): TimelineEntry {
    const seq = this.state.lastSeq + 1;
    const at = ctx.now.toISOString();
    const author = actorRef(ctx.actor);
    const entry: TimelineEntry = {
      id: entryId(this.state.id, seq),
      ticketId: this.state.id,
      docType: 'entry',
      seq,
      kind: draft.kind,
      at,
      author,
      visibility: draft.visibility ?? 'internal',
      body: draft.body ?? null,
      assistId: draft.assistId ?? null,
      data: { ...data, ...draft.data },
    };
    this.state = { ...this.state, lastSeq: seq, updatedAt: at };
    this.trackSla({ type, kind: draft.kind, author, at, data });
    this.newEntries.push(entry);
    this.newEvents.push({
      id: ctx.ids.next('ev_'),
      type,
      ticketId: this.state.id,
      occurredAt: at,
      actor: author,
      // Subscribers of assist events (rules, notifications) need to know which assist it was.
      data: draft.assistId ? { assistId: draft.assistId, ...data } : data,
    });
    return entry;
  }
}

const TARGET_NAMES = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
  ola: 'Assist OLA',
};

const slaNoticeText = (notice: SlaNotice): string =>
  notice.kind === 'warning'
    ? `${TARGET_NAMES[notice.target]} SLA at ${notice.threshold}%: due ${notice.dueAt ?? 'when the clock resumes'}`
    : `${TARGET_NAMES[notice.target]} SLA breached at ${notice.breachedAt ?? notice.dueAt}`;

const ASSIST_RECORDS: Record<AssistAction, (proposeReply: boolean) => [EventType, EntryKind]> = {
  accept: () => ['assist.accepted', 'assist_accepted'],
  contribute: (proposeReply) =>
    proposeReply ? ['assist.reply_proposed', 'assist_reply_proposed'] : ['assist.contributed', 'assist_contribution'],
  answer: () => ['assist.answered', 'assist_answered'],
  decline: () => ['assist.declined', 'assist_declined'],
  withdraw: () => ['assist.withdrawn', 'assist_withdrawn'],
  time_out: () => ['assist.timed_out', 'assist_timed_out'],
};
