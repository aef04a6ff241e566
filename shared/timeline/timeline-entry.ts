/**
 * Timeline entries: the append-only story of a work item (ADR 0025: one timeline for tickets,
 * changes and problems). Corrections are new entries; nothing here is ever updated. Entries of one
 * assist carry its `assistId`, which makes the assist's thread.
 */
import type { ActorRef } from '../kernel/actor.js';
import type { Home, WorkItemKey } from '../work-items/work-item.js';

export const ENTRY_KINDS = [
  'ticket_created',
  'note',
  'status_changed',
  'owner_changed',
  'fields_changed',
  'assist_requested',
  'assist_accepted',
  'assist_contribution',
  'assist_reply_proposed',
  'assist_answered',
  'assist_declined',
  'assist_withdrawn',
  'assist_timed_out',
  'email_in',
  'email_out',
  /** An outbound mail could not be delivered (the send record says why); internal. */
  'email_failed',
  /** A reply written while its mailbox was in shadow mode: held, never sent (ADR 0036); internal. */
  'email_held',
  'sla_warning',
  'sla_breached',
  'rule_action',
  /** Routing offered the unowned ticket to an agent (or moved the offer on); nobody owns it by that. */
  'offered',
  /** The offer ended without an accept (nobody left to offer it to, the ticket closed). */
  'offer_withdrawn',
  /** The affected CIs changed (added, removed, primary). */
  'cis_changed',
  /** CIs named in a mail (host name, asset tag) or the requester's workstation, suggested to the agent. */
  'cis_suggested',
  /** An agent dismissed a suggested CI (it is not suggested again). */
  'ci_suggestion_dismissed',
  /** The CRM answered after the ticket was created (company, tier, account manager); internal. */
  'customer_enriched',
  /** An agent re-evaluated the SLA with the customer's current tier (and company); internal. */
  'customer_reevaluated',
  /** A link to another work item was added or removed (work-items/work-item-links.ts). */
  'link_added',
  'link_removed',
  /** This ticket was merged into another (the source's last entry about itself; ticket-merge-ops.ts). */
  'merged_into',
  /** A duplicate was merged into this ticket: the entry references the source's entries by id. */
  'merged_from',
  /** A change's own story (issue 16): created, its risk assessed, its approval decided. */
  'change_created',
  'risk_assessed',
  'approval_decided',
  /** A problem's own story (issue 17): created, its tasks, its workaround sent to the incidents. */
  'problem_created',
  'task_added',
  'task_updated',
  'workaround_communicated',
  /** The approvals of one step asked, one approver's decision, a reminder, an expiry (ADR 0030). */
  'approval_requested',
  'approver_decided',
  'approval_reminder',
  'approval_expired',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type Visibility = 'internal' | 'public';

interface EntryFields {
  readonly id: string;
  readonly docType: 'entry';
  /** 1, 2, 3... per ticket: the order of the story. */
  readonly seq: number;
  readonly kind: EntryKind;
  readonly at: string;
  readonly author: ActorRef;
  readonly visibility: Visibility;
  readonly body: string | null;
  readonly assistId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An entry in the partition of its work item (`ticketId`, `changeId`, `problemId`). */
export type WorkItemEntry<K extends WorkItemKey> = EntryFields & Home<K>;
export type TimelineEntry = WorkItemEntry<'ticketId'>;

export const entryId = (workItemId: string, seq: number): string => `${workItemId}-e${String(seq).padStart(6, '0')}`;
