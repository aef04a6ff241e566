/**
 * The imported creation path of the Ticket aggregate (issue 20, ADR 0029): a ticket that lived in
 * another helpdesk arrives with its whole story. Every history item becomes a timeline entry with
 * its original author and time, so the SLA history (and the clocks of an open ticket) come from
 * what really happened. Nothing of it is "news": the items' own events are dropped and ONE
 * `ticket.imported` event is raised, so rules, routing, notifications and the outbound mailer
 * (which sends `ticket.replied`) never act on the past; the search index and the reports project it.
 *
 * Ownership survives the move and nothing else: the source's assignee becomes owner only when that
 * agent exists here and may own tickets (the importer looks them up by email); otherwise the ticket
 * stays unowned and the entry says why. Routing never decides it.
 */
import { type AgentSnapshot, canOwnTickets } from '../directory/agent.js';
import type { DomainEvent, EventType } from '../events/domain-event.js';
import type { Actor, ActorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { EntryKind, Visibility } from '../timeline/timeline-entry.js';
import { TicketDraft } from './ticket-draft.js';
import { newTicketState } from './ticket-new-state.js';
import type { TicketStatus } from './ticket-status.js';
import type { ExternalRef, NewTicket, TicketSnapshot } from './ticket-types.js';

/** One thing that happened to the ticket in the source system, as it happened. */
export interface ImportedHistoryItem {
  readonly kind: Extract<EntryKind, 'email_in' | 'email_out' | 'note' | 'status_changed'>;
  /** ISO instant. */
  readonly at: string;
  readonly author: ActorRef;
  readonly visibility: Visibility;
  readonly body: string | null;
  /** For `status_changed`: the status from then on. */
  readonly status?: TicketStatus;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface ImportedTicket extends Omit<NewTicket, 'confirmToRequester' | 'templateId'> {
  /** Chosen by the importer from the source's id, so a re-run finds the ticket it already wrote. */
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
  readonly external: ExternalRef;
  /** The source's assignee as an agent here (looked up by email), or null. */
  readonly assignee: AgentSnapshot | null;
  /** Why there is no assignee when the source had one (an unmapped agent...), for the entry. */
  readonly unassignedReason?: string | null;
  readonly history: readonly ImportedHistoryItem[];
}

/** The event type an entry of each kind normally raises: the SLA history keys on it. */
const TYPE_OF: Record<ImportedHistoryItem['kind'], EventType> = {
  email_in: 'ticket.email_received',
  email_out: 'ticket.replied',
  note: 'ticket.note_added',
  status_changed: 'ticket.status_changed',
};

/** An ActorRef as the acting Actor of a past change (roles do not matter: nothing is checked). */
const actorOf = (ref: ActorRef): Actor => (ref.kind === 'agent' ? { ...ref, roles: [], teamIds: [] } : ref);

const byTime = (a: ImportedHistoryItem, b: ImportedHistoryItem) => Date.parse(a.at) - Date.parse(b.at);

/**
 * Builds the imported ticket's working copy: created at its original time by its original author,
 * its history replayed in time order, the owner set from the assignee when allowed, one event.
 * `ctx` is the import itself (the migration actor, now, ids).
 */
export function importTicket(input: ImportedTicket, ctx: ChangeContext): Result<TicketDraft> {
  const title = input.title.trim() || '(no subject)';
  if (Number.isNaN(Date.parse(input.createdAt)))
    return fail('REQUEST.VALIDATION_FAILED', `Invalid creation time ${input.createdAt}`);
  const bad = input.history.find((h) => Number.isNaN(Date.parse(h.at)));
  if (bad) return fail('REQUEST.VALIDATION_FAILED', `Invalid time ${bad.at} in the history`);
  const createdAt = new Date(input.createdAt).toISOString();
  const state: TicketSnapshot = {
    ...newTicketState(input, { id: input.id, title, at: createdAt, createdBy: input.createdBy }),
    participants: [input.requester.email.toLowerCase()],
    external: input.external,
  };
  const { priority } = state;
  const draft = new TicketDraft(state, new Map());
  const at = (ref: ActorRef, when: string): ChangeContext => ({
    actor: actorOf(ref),
    now: new Date(when),
    ids: ctx.ids,
  });
  draft.record(
    at(input.createdBy, createdAt),
    'ticket.created',
    { kind: 'ticket_created', visibility: 'public', body: input.description, data: { imported: input.external } },
    { number: input.number, priority, teamId: state.teamId },
  );
  let last = createdAt;
  for (const item of [...input.history].sort(byTime)) {
    const when = new Date(item.at).toISOString() < createdAt ? createdAt : new Date(item.at).toISOString();
    last = when > last ? when : last;
    if (item.kind === 'status_changed') {
      const to = item.status ?? draft.state.status;
      const from = draft.state.status;
      if (to === from) continue;
      draft.state = {
        ...draft.state,
        status: to,
        resolvedAt: to === 'resolved' || to === 'closed' ? (draft.state.resolvedAt ?? when) : null,
        closedAt: to === 'closed' ? when : null,
      };
      draft.record(
        at(item.author, when),
        TYPE_OF.status_changed,
        { kind: 'status_changed', visibility: 'internal', body: item.body, data: { ...item.data, imported: true } },
        { from, to, reason: item.body, kind: 'changed' },
      );
      continue;
    }
    draft.record(
      at(item.author, when),
      TYPE_OF[item.kind],
      { kind: item.kind, visibility: item.visibility, body: item.body, data: { ...item.data, imported: true } },
      item.kind === 'email_in' ? { from: item.author.kind === 'customer' ? item.author.email : null } : {},
    );
  }
  settleOwner(draft, input, at(systemRef(ctx), last));
  // The past raises nothing: one event says the ticket arrived (search and reports project it).
  draft.newEvents.splice(0, draft.newEvents.length, importedEvent(draft.state, input, ctx));
  return ok(draft);
}

const systemRef = (ctx: ChangeContext): ActorRef =>
  ctx.actor.kind === 'system' ? ctx.actor : { kind: 'system', name: 'migration' };

/** The assignee becomes owner only when they exist here and may own tickets; said on the timeline either way. */
function settleOwner(draft: TicketDraft, input: ImportedTicket, ctx: ChangeContext): void {
  const agent = input.assignee;
  const source = input.external.source;
  if (agent?.active && canOwnTickets(agent.roles)) {
    const status = draft.state.status === 'new' ? 'open' : draft.state.status;
    draft.state = { ...draft.state, ownerId: agent.id, status };
    draft.record(
      ctx,
      'ticket.owner_changed',
      { kind: 'owner_changed', body: `Owner as assigned in ${source}` },
      { from: null, to: agent.id, via: 'import', reason: null, offeredTo: null },
    );
    return;
  }
  const reason = agent ? `${agent.email} cannot own tickets here` : (input.unassignedReason ?? null);
  if (reason)
    draft.record(
      ctx,
      'ticket.note_added',
      { kind: 'note', visibility: 'internal', body: `Imported unowned: ${reason}`, data: { imported: true } },
      {},
    );
}

function importedEvent(state: TicketSnapshot, input: ImportedTicket, ctx: ChangeContext): DomainEvent {
  return {
    id: ctx.ids.next('ev_'),
    type: 'ticket.imported',
    ticketId: state.id,
    occurredAt: ctx.now.toISOString(),
    actor: systemRef(ctx),
    data: { number: state.number, external: input.external, ownerId: state.ownerId, entries: state.lastSeq },
  };
}
