/**
 * Domain events: written in the same atomic batch as the state they describe (outbox), then
 * delivered at least once to subscribers, which stay idempotent by `id`.
 */
import type { ActorRef } from '../kernel/actor.js';
import type { Home, WorkItemKey } from '../work-items/work-item.js';

/** The ticket side's events (tickets, their assists, SLA): what the ticket subscribers handle. */
export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.owner_changed',
  'ticket.status_changed',
  'ticket.note_added',
  'ticket.replied',
  'ticket.email_received',
  'ticket.email_failed',
  /** A reply was held by shadow mode (parallel run): written, not sent. */
  'ticket.email_held',
  'assist.requested',
  'assist.accepted',
  'assist.contributed',
  'assist.reply_proposed',
  'assist.answered',
  'assist.declined',
  'assist.withdrawn',
  'assist.timed_out',
  /** A rule or the router acted on (or refused to act on) the ticket: a `rule_action` entry. */
  'ticket.rule_applied',
  /** Routing offered the ticket to an agent (`to`), or moved the offer on from `from`. */
  'ticket.offered',
  'ticket.offer_withdrawn',
  'ticket.cis_changed',
  /** CIs were suggested for the ticket (from a mail) or a suggestion was dismissed. */
  'ticket.ci_suggestions_changed',
  /** The ticket's customer facts changed: a late CRM enrichment or an explicit SLA re-evaluation. */
  'ticket.customer_updated',
  /** A link to another work item was added or removed (`data.link`). */
  'ticket.linked',
  'ticket.unlinked',
  /** The ticket was merged into `data.into` (closed as merged) / a duplicate `data.source` was merged into it. */
  'ticket.merged_into',
  'ticket.merged_from',
  /** The ticket arrived with its history from another helpdesk (issue 20); its past raises nothing else. */
  'ticket.imported',
  'sla.warning',
  'sla.breached',
] as const;

/** A change's events (issue 16); its assists raise the same `assist.*` events as a ticket's. */
export const CHANGE_EVENT_TYPES = [
  'change.created',
  'change.updated',
  'change.owner_changed',
  'change.state_changed',
  'change.risk_assessed',
  'change.approval_decided',
  /** Approvals (ADR 0030): a step's approvers asked, one approver's decision, a reminder, an expiry. */
  'change.approval_requested',
  'change.approver_decided',
  'change.approval_reminder',
  'change.approval_expired',
  'change.note_added',
  'change.linked',
  'change.unlinked',
  /** An implementation task was added, edited or moved (`data.task`, `data.action`). */
  'change.task_changed',
] as const;

/** A known error's events (issue 17): its search document follows them. */
export const KNOWN_ERROR_EVENT_TYPES = [
  'known_error.created',
  'known_error.edited',
  'known_error.published',
  'known_error.retired',
  'known_error.redrafted',
  'known_error.used',
] as const;
export type KnownErrorEventType = (typeof KNOWN_ERROR_EVENT_TYPES)[number];

/** A problem's events (issue 17); its assists raise the same `assist.*` events as a ticket's. */
export const PROBLEM_EVENT_TYPES = [
  'problem.created',
  'problem.updated',
  'problem.owner_changed',
  'problem.state_changed',
  'problem.task_changed',
  'problem.note_added',
  'problem.workaround_communicated',
  'problem.linked',
  'problem.unlinked',
] as const;

export type EventType =
  | (typeof EVENT_TYPES)[number]
  | (typeof CHANGE_EVENT_TYPES)[number]
  | (typeof PROBLEM_EVENT_TYPES)[number]
  | KnownErrorEventType;

interface EventFields {
  readonly id: string;
  readonly type: EventType;
  readonly occurredAt: string;
  readonly actor: ActorRef;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An event of one work item, naming it by its practice's key (`ticketId`, `changeId`). */
export type WorkItemEvent<K extends WorkItemKey> = EventFields & Home<K>;
export type DomainEvent = WorkItemEvent<'ticketId'>;

/**
 * The events of one save, stored in the work item's partition until the relay has published them
 * (one document per save, not per event: fewer writes in the batch and fewer deletes after it).
 */
export type WorkItemOutbox<K extends WorkItemKey> = {
  readonly id: string;
  readonly docType: 'outbox';
  readonly events: readonly WorkItemEvent<K>[];
} & Home<K>;
export type OutboxDocument = WorkItemOutbox<'ticketId'>;

/** A known error's event (issue 17): named by `knownErrorId`, the partition field of `knowledge`. */
export type KnownErrorEvent = Omit<EventFields, 'type'> & {
  readonly type: KnownErrorEventType;
  readonly knownErrorId: string;
};

export interface KnownErrorOutbox {
  readonly id: string;
  readonly knownErrorId: string;
  readonly docType: 'outbox';
  readonly events: readonly KnownErrorEvent[];
}

/** The events an outbox document holds (documents written before 2026-11-27 held one `event`). */
export const outboxEvents = (doc: OutboxDocument | { readonly event: DomainEvent }): readonly DomainEvent[] =>
  'events' in doc ? doc.events : [doc.event];
