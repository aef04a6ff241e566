/**
 * The Ticket aggregate's working copy while one command runs: the kernel's work-item draft
 * (work-items/work-item-draft.ts: snapshot, assists, new entries, events and changed assists)
 * plus the ticket's SLA history, kept in step with every entry it records. The command modules
 * (ticket-status-ops.ts, ticket-mail-ops.ts, ...) change a ticket only through it.
 * Internal to shared/tickets: everything else goes through Ticket's named methods.
 */
import type { Assist } from '../assists/assist.js';
import { trackSlaHistory } from '../sla-engine/sla-history-tracker.js';
import { type RecordedChange, WorkItemDraft } from '../work-items/work-item-draft.js';
import { TICKET_PRACTICE } from './ticket-practice.js';
import type { TicketSnapshot } from './ticket-types.js';

export class TicketDraft extends WorkItemDraft<TicketSnapshot, 'ticketId'> {
  constructor(state: TicketSnapshot, assistsById: Map<string, Assist>) {
    super(TICKET_PRACTICE, state, assistsById);
  }

  protected override afterRecord(change: RecordedChange): void {
    const history = this.state.slaHistory ?? [];
    const next = trackSlaHistory(history, this.state, this.assists(), change);
    if (next !== history) this.state = { ...this.state, slaHistory: next };
  }
}
