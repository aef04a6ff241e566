/**
 * The Ticket aggregate's working copy while one command runs: the current snapshot, its assists,
 * and what the command has added so far (timeline entries, domain events, changed assists). The
 * command modules (ticket-ownership-ops.ts, ticket-assist-ops.ts, ...) change a ticket only through
 * it; `record` is the one place an entry, its event and the SLA history are written together.
 * Internal to shared/tickets: everything else goes through Ticket's named methods.
 */
import type { Assist, AssistSnapshot } from '../assists/assist.js';
import type { DomainEvent, EventType } from '../events/domain-event.js';
import { actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { trackSlaHistory } from '../sla-engine/sla-history-tracker.js';
import { type EntryKind, entryId, type TimelineEntry, type Visibility } from '../timeline/timeline-entry.js';
import type { TicketSnapshot } from './ticket-types.js';

export interface EntryDraft {
  kind: EntryKind;
  visibility?: Visibility;
  body?: string | null;
  assistId?: string | null;
  data?: Record<string, unknown>;
}

export class TicketDraft {
  readonly newEntries: TimelineEntry[] = [];
  readonly newEvents: DomainEvent[] = [];
  readonly changedAssistIds = new Set<string>();

  constructor(
    public state: TicketSnapshot,
    readonly assistsById: Map<string, Assist>,
  ) {}

  /** The acting agent owns this ticket. */
  isOwner(ctx: ChangeContext): boolean {
    return ctx.actor.kind === 'agent' && ctx.actor.agentId === this.state.ownerId;
  }

  /** An assist was added or moved: the repository writes it with the ticket. */
  touchAssist(assist: Assist): void {
    this.assistsById.set(assist.id, assist);
    this.changedAssistIds.add(assist.id);
  }

  assists(): AssistSnapshot[] {
    return [...this.assistsById.values()].map((a) => a.toSnapshot());
  }

  pendingChanges(): { entries: TimelineEntry[]; events: DomainEvent[]; assists: AssistSnapshot[] } {
    return {
      entries: [...this.newEntries],
      events: [...this.newEvents],
      assists: [...this.changedAssistIds].map((id) => (this.assistsById.get(id) as Assist).toSnapshot()),
    };
  }

  /** Appends a timeline entry and its domain event, and keeps the SLA history in step. */
  record(ctx: ChangeContext, type: EventType, draft: EntryDraft, data: Record<string, unknown>): TimelineEntry {
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

  private trackSla(change: Parameters<typeof trackSlaHistory>[3]): void {
    const history = this.state.slaHistory ?? [];
    const next = trackSlaHistory(history, this.state, this.assists(), change);
    if (next !== history) this.state = { ...this.state, slaHistory: next };
  }
}
