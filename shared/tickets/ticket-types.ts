/** The ticket's stored shape and the inputs the aggregate accepts. */
import type { TicketCustomer } from '../customers/customer-types.js';
import type { ActorRef } from '../kernel/actor.js';
import type { SlaHistoryEvent } from '../sla/sla-history.js';
import type { SlaMeta, StoredSlaSnapshot } from '../sla-engine/ticket-sla.js';
import type { WorkItemCore } from '../work-items/work-item.js';
import type { NumberPrefix } from '../work-items/work-item-numbers.js';
import type { Level, Priority } from './priority.js';
import type { TicketStatus } from './ticket-status.js';

export const TICKET_TYPES = ['incident', 'service_request', 'question'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Human number prefixes: INC-1042, REQ-1001, QST-1003. */
export const NUMBER_PREFIX = {
  incident: 'INC',
  service_request: 'REQ',
  question: 'QST',
} as const satisfies Record<TicketType, NumberPrefix>;

export const CHANNELS = ['email', 'web', 'phone', 'api', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Requester {
  readonly email: string;
  readonly name: string;
}

/**
 * Routing's standing offer of an unowned ticket to one agent: it gives nobody the ticket (anyone
 * who may own tickets can still accept), it tells the chosen agent, and it moves on when its time
 * passes. `member`: an agent of the team, for the team's offer time; `lead`: the end of the list,
 * the team lead, with no time limit. Accept and transfer clear it.
 */
export interface TicketOffer {
  readonly agentId: string;
  readonly teamId: string;
  readonly stage: 'member' | 'lead';
  readonly offeredAt: string;
  /** Null for the lead's offer: it stands until someone accepts or a lead assigns. */
  readonly expiresAt: string | null;
  /** Agents this ticket was offered to before, oldest first (they are not offered it again). */
  readonly tried: readonly string[];
  /** Routing reserved capacity on the agent for it (released when the offer ends). */
  readonly reserved: boolean;
}

/** An agent's own standing choice to accept tickets routed to them (the kernel's, ADR 0025). */
export type { StandingChoice } from '../work-items/work-item-ownership.js';

/** A configuration item the ticket is about (issue 15); one of a ticket's CIs is primary. */
export interface AffectedCi {
  readonly ciId: string;
  readonly primary: boolean;
}

/**
 * A CI the ticket may be about, found by the mail channel (issue 15): never an affected CI until
 * an agent accepts it. A dismissed one stays listed (dismissed) so the next mail does not suggest it again.
 */
export interface SuggestedCi {
  readonly ciId: string;
  readonly reason: 'host_name' | 'asset_tag' | 'workstation';
  /** What was found: the host name or asset tag in the mail, the requester's address. */
  readonly matched: string;
  readonly suggestedAt: string;
  readonly dismissed: boolean;
}

/** What the mail channel suggests; the ticket stamps the time and keeps the dismissed ones. */
export type NewCiSuggestion = Pick<SuggestedCi, 'ciId' | 'reason' | 'matched'>;

/** Where an imported ticket came from (issue 20): its id and number there; searchable here. */
export interface ExternalRef {
  /** `zendesk`, `zammad`, `file`... */
  readonly source: string;
  readonly id: string;
  /** The number people knew it by there, as searched here (`ZD-1234`). */
  readonly number: string;
  readonly url?: string | null;
}

/** The ticket practice's own fields on the kernel's (number, owner, seq, assists count, links). */
export interface TicketSnapshot extends WorkItemCore {
  readonly id: string;
  /** Partition key: equals `id`. */
  readonly ticketId: string;
  readonly docType: 'ticket';
  readonly number: string;
  readonly type: TicketType;
  readonly title: string;
  readonly description: string;
  readonly requester: Requester;
  readonly status: TicketStatus;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  readonly category: string | null;
  readonly teamId: string | null;
  readonly tags: readonly string[];
  readonly ownerId: string | null;
  readonly channel: Channel;
  readonly createdBy: ActorRef;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  /** Last timeline sequence number used. */
  readonly lastSeq: number;
  readonly openAssistCount: number;
  /** The live offer of an unowned ticket (absent on documents from before offers: none). */
  readonly offer?: TicketOffer | null;
  /**
   * Lower-cased addresses taking part in the email conversation (requester, cc'd people who
   * wrote or were copied). Threading by subject number or conversation requires the sender to be
   * one. Absent on tickets stored before the mail channel: the requester alone then.
   */
  readonly participants?: readonly string[];
  /** Compact history the SLA clocks are computed from (absent on documents older than issue 5). */
  readonly slaHistory?: readonly SlaHistoryEvent[];
  /**
   * Customer tier (enterprise, business...) for SLA policy matching: the tier the ticket was created
   * with, changed only by a late CRM enrichment before the first response or an explicit re-evaluation.
   */
  readonly customerTier?: string | null;
  /** Who the requester is in the customer directory, as of creation or the last re-evaluation. */
  readonly customer?: TicketCustomer | null;
  /** Per target: state, target and due/breach instants as of the last write (the API recomputes the clocks). */
  readonly slaSnapshot?: StoredSlaSnapshot | null;
  /** SLA engine bookkeeping: the policy in force (frozen copy), the facts it matched, what was notified. */
  readonly slaMeta?: SlaMeta;
  /** Indexed: when the SLA timer must look at this ticket next (null: nothing can happen by itself). */
  readonly slaNextEvaluationAt?: string | null;
  /** Indexed sort key for "SLA due first": the soonest due or breach instant of a live target. */
  readonly slaDueAt?: string;
  /** Affected CIs, the primary first or flagged (absent on tickets from before the CMDB: none). */
  readonly affectedCis?: readonly AffectedCi[];
  /** CIs suggested from mail, to accept or dismiss (absent: none). */
  readonly suggestedCis?: readonly SuggestedCi[];
  /** An imported ticket's origin (absent: made here). */
  readonly external?: ExternalRef | null;
  /** Closed as a duplicate of this ticket (issue 18): inbound mail threading here goes there. Absent: not merged. */
  readonly mergedInto?: MergedInto | null;
}

/** What a merge does with the duplicate's open assists: asked again on the target, or withdrawn. */
export const MERGE_ASSIST_CHOICES = ['move', 'withdraw'] as const;
export type MergeAssistChoice = (typeof MERGE_ASSIST_CHOICES)[number];

export interface MergedInto {
  readonly id: string;
  readonly number: string;
  readonly at: string;
}

export interface NewTicket {
  readonly number: string;
  readonly type: TicketType;
  readonly title: string;
  readonly description: string;
  readonly requester: Requester;
  readonly impact: Level;
  readonly urgency: Level;
  readonly category?: string | null;
  readonly teamId?: string | null;
  readonly tags?: readonly string[];
  readonly channel: Channel;
  /** The requester's customer facts (directory + CRM) as of now; absent without a directory. */
  readonly customer?: TicketCustomer | null;
  /** An agent opened it on the customer's behalf and asked for a confirmation mail to the requester. */
  readonly confirmToRequester?: boolean;
  /** The ticket template the agent started from (recorded on the created entry). */
  readonly templateId?: string | null;
}

/** Fields that can be edited after creation (never the owner: that has its own acts). */
export interface TicketFieldsPatch {
  readonly title?: string;
  readonly type?: TicketType;
  readonly impact?: Level;
  readonly urgency?: Level;
  readonly category?: string | null;
  readonly teamId?: string | null;
  readonly tags?: readonly string[];
}
