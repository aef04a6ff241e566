/**
 * The Ticket aggregate: the consistency boundary for a ticket, its assists and its timeline.
 * Every change goes through a named method that checks the invariants (sacred ownership, the
 * status table, assist rules), appends timeline entries and raises domain events. The
 * repository saves the snapshot, changed assists, new entries and events in one atomic batch.
 *
 * A ticket is a work item (ADR 0025): its owner, assists and links are the kernel's
 * (shared/work-items/), the same for changes and problems. The ticket's own rules live beside this
 * file and work on the aggregate's working copy (ticket-draft.ts): status (ticket-status-ops.ts),
 * notes/fields/automations (ticket-content-ops.ts), mail (ticket-mail-ops.ts), offers
 * (ticket-offer-ops.ts) and SLA writes (ticket-sla-ops.ts). Only this class is exported to the
 * rest of the product, so those are the only ways in.
 */
import { Assist, type AssistSnapshot } from '../assists/assist.js';
import type { DomainEvent } from '../events/domain-event.js';
import { actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { WriteOperation } from '../ports/document-store.js';
import { synthesizeSlaHistory } from '../sla-engine/sla-history-tracker.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import { actOnAssist, actOnAssistByEmail, requestAssist } from '../work-items/work-item-assists.js';
import { addLink, removeLink } from '../work-items/work-item-links.js';
import { accept, transfer } from '../work-items/work-item-ownership.js';
import { ciLinkOps } from './ticket-ci-links.js';
import { acceptSuggestedCi, dismissSuggestedCi, setAffectedCis, suggestCis } from './ticket-ci-ops.js';
import { addNote, recordAutomation, updateFields } from './ticket-content-ops.js';
import { enrichCustomer, reevaluateCustomer } from './ticket-customer-ops.js';
import { TicketDraft } from './ticket-draft.js';
import { type ImportedTicket, importTicket } from './ticket-import-ops.js';
import { receiveEmail, recordEmailFailure, recordEmailHeld, reply } from './ticket-mail-ops.js';
import { absorbMerge, mergeInto } from './ticket-merge-ops.js';
import { newTicketState } from './ticket-new-state.js';
import { offer, withdrawOffer } from './ticket-offer-ops.js';
import { applySla, applySlaNotices } from './ticket-sla-ops.js';
import type { TicketStatus } from './ticket-status.js';
import { changeStatus } from './ticket-status-ops.js';
import type { NewTicket, StandingChoice, TicketOffer, TicketSnapshot } from './ticket-types.js';

export type { ImportedHistoryItem, ImportedTicket } from './ticket-import-ops.js';

/** A command's parameters after the working copy it acts on (names and types kept). */
type Args<F> = F extends (draft: TicketDraft, ...args: infer A) => unknown ? A : never;

export class Ticket {
  private constructor(
    private readonly draft: TicketDraft,
    /** The snapshot as loaded (null for a new ticket): what its derived documents are compared with. */
    private readonly loaded: TicketSnapshot | null = null,
  ) {}

  static fromSnapshot(snapshot: TicketSnapshot, assists: readonly AssistSnapshot[] = []): Ticket {
    // Tickets stored before the SLA engine get a best-effort history, so clocks work from here on.
    // Documents from before the SLA view was derived on read carry a stored `sla`: dropped on the next save.
    const { sla: _storedView, ...current } = snapshot as TicketSnapshot & { sla?: unknown };
    const state = current.slaHistory ? current : { ...current, slaHistory: synthesizeSlaHistory(current, assists) };
    return new Ticket(new TicketDraft(state, new Map(assists.map((a) => [a.id, Assist.fromSnapshot(a)]))), snapshot);
  }

  static create(input: NewTicket, ctx: ChangeContext): Result<Ticket> {
    const title = input.title.trim();
    if (title === '') return fail('REQUEST.VALIDATION_FAILED', 'A ticket needs a title');
    const id = ctx.ids.next('t_');
    const at = ctx.now.toISOString();
    const draft = new TicketDraft(newTicketState(input, { id, title, at, createdBy: actorRef(ctx.actor) }), new Map());
    const { priority } = draft.state;
    draft.record(
      ctx,
      'ticket.created',
      {
        kind: 'ticket_created',
        visibility: 'public',
        body: input.description,
        data: {
          ...(input.customer ? { customer: input.customer } : {}),
          ...(input.templateId ? { templateId: input.templateId } : {}),
        },
      },
      {
        number: input.number,
        priority,
        teamId: draft.state.teamId,
        // Read by the confirmation mailer (shared/tickets-new/new-ticket-confirmation.ts).
        ...(input.confirmToRequester ? { confirmToRequester: true } : {}),
      },
    );
    return ok(new Ticket(draft));
  }

  /** A ticket moved in from another helpdesk with its history (ticket-import-ops.ts, ADR 0029). */
  static imported(input: ImportedTicket, ctx: ChangeContext): Result<Ticket> {
    const draft = importTicket(input, ctx);
    return draft.ok ? ok(new Ticket(draft.value)) : draft;
  }

  toSnapshot(): TicketSnapshot {
    return this.draft.state;
  }

  get id(): string {
    return this.draft.state.id;
  }
  get ownerId(): string | null {
    return this.draft.state.ownerId;
  }
  get status(): TicketStatus {
    return this.draft.state.status;
  }
  get standingOffer(): TicketOffer | null {
    return this.draft.state.offer ?? null;
  }
  assists(): AssistSnapshot[] {
    return this.draft.assists();
  }

  /** The ticket-CI links (the tickets-on-a-CI read model) to write with this save. */
  ciLinkChanges(): WriteOperation[] {
    return ciLinkOps(this.loaded, this.draft.state);
  }

  /** What the repository must write since load: new entries, new events, changed assists. */
  pendingChanges(): { entries: TimelineEntry[]; events: DomainEvent[]; assists: AssistSnapshot[] } {
    return this.draft.pendingChanges();
  }

  // --- ownership and status ------------------------------------------------------------------

  /** The acting agent's yes; `standing` when routing acts on that agent's own standing choice. */
  accept(ctx: ChangeContext, standing?: StandingChoice): Result<void> {
    return accept(this.draft, ctx, standing);
  }

  /** By the owner or a lead/admin, with a reason, to an agent who can own tickets. */
  transfer(...args: Args<typeof transfer>): Result<void> {
    return transfer(this.draft, ...args);
  }

  changeStatus(...args: Args<typeof changeStatus>): Result<void> {
    return changeStatus(this.draft, ...args);
  }

  // --- notes, fields, mail --------------------------------------------------------------------

  addNote(...args: Args<typeof addNote>): Result<string> {
    return addNote(this.draft, ...args);
  }

  updateFields(...args: Args<typeof updateFields>): Result<void> {
    return updateFields(this.draft, ...args);
  }

  /** The CIs the ticket is about, one primary (issue 15); a `cis_changed` entry records the change. */
  setAffectedCis(...args: Args<typeof setAffectedCis>): Result<void> {
    return setAffectedCis(this.draft, ...args);
  }

  /** The mail channel's suggested CIs (never affected until an agent accepts one). */
  suggestCis(...args: Args<typeof suggestCis>): Result<{ added: number }> {
    return suggestCis(this.draft, ...args);
  }

  acceptSuggestedCi(...args: Args<typeof acceptSuggestedCi>): Result<void> {
    return acceptSuggestedCi(this.draft, ...args);
  }

  dismissSuggestedCi(...args: Args<typeof dismissSuggestedCi>): Result<void> {
    return dismissSuggestedCi(this.draft, ...args);
  }

  /** A reply to the customer, sent as email by the mail channel; only the owner replies. */
  reply(...args: Args<typeof reply>): Result<string> {
    return reply(this.draft, ...args);
  }

  /** A customer's mail lands on the ticket; TICKET.CLOSED when it no longer takes replies. */
  receiveEmail(...args: Args<typeof receiveEmail>): Result<{ entryId: string; reopened: boolean }> {
    return receiveEmail(this.draft, ...args);
  }

  recordEmailFailure(...args: Args<typeof recordEmailFailure>): Result<string> {
    return recordEmailFailure(this.draft, ...args);
  }

  recordEmailHeld(...args: Args<typeof recordEmailHeld>): Result<string> {
    return recordEmailHeld(this.draft, ...args);
  }

  // --- customer context -------------------------------------------------------------------

  /** The CRM answered after the ticket was created: recorded; the tier applies before the first response. */
  enrichCustomer(...args: Args<typeof enrichCustomer>): Result<{ tierApplied: boolean }> {
    return enrichCustomer(this.draft, ...args);
  }

  /** An agent's explicit "re-evaluate SLA": the customer's current facts replace the recorded ones. */
  reevaluateCustomer(...args: Args<typeof reevaluateCustomer>): Result<void> {
    return reevaluateCustomer(this.draft, ...args);
  }

  // --- assists (parallel escalation) -----------------------------------------------------------

  requestAssist(...args: Args<typeof requestAssist>): Result<string> {
    return requestAssist(this.draft, ...args);
  }

  /** Expert acts (accept, contribute, answer, decline), owner withdraws, system times out. */
  actOnAssist(...args: Args<typeof actOnAssist>): Result<void> {
    return actOnAssist(this.draft, ...args);
  }

  /** An expert's (or team mailbox's) reply by email on their assist: internal, marked "by email". */
  actOnAssistByEmail(...args: Args<typeof actOnAssistByEmail>): Result<void> {
    return actOnAssistByEmail(this.draft, ...args);
  }

  // --- SLA, rules and routing ----------------------------------------------------------------

  applySla(...args: Args<typeof applySla>): void {
    applySla(this.draft, ...args);
  }

  applySlaNotices(...args: Args<typeof applySlaNotices>): Result<number> {
    return applySlaNotices(this.draft, ...args);
  }

  recordAutomation(...args: Args<typeof recordAutomation>): Result<string> {
    return recordAutomation(this.draft, ...args);
  }

  /** Routing offers the unowned ticket to one agent (or moves the offer on); nobody owns it by that. */
  offer(...args: Args<typeof offer>): Result<TicketOffer> {
    return offer(this.draft, ...args);
  }

  withdrawOffer(...args: Args<typeof withdrawOffer>): Result<boolean> {
    return withdrawOffer(this.draft, ...args);
  }

  // --- links to other work items (the kernel's) -------------------------------------------------

  /** Links to a change or problem (or another ticket); false when the link was there already. */
  link(...args: Args<typeof addLink>): Result<boolean> {
    return addLink(this.draft, ...args);
  }

  unlink(...args: Args<typeof removeLink>): Result<boolean> {
    return removeLink(this.draft, ...args);
  }

  // --- merge (ticket-merge-ops.ts) -----------------------------------------------------------

  /** The target's side of a merge: references the source's entries; false when already absorbed. */
  absorbMerge(...args: Args<typeof absorbMerge>): Result<boolean> {
    return absorbMerge(this.draft, ...args);
  }

  /** The source's side: closed as merged into the target; false when it already was. */
  mergeInto(...args: Args<typeof mergeInto>): Result<boolean> {
    return mergeInto(this.draft, ...args);
  }
}
