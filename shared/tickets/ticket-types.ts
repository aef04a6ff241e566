/** The ticket's stored shape and the inputs the aggregate accepts. */
import type { ActorRef } from '../kernel/actor.js';
import type { Level, Priority } from './priority.js';
import type { TicketStatus } from './ticket-status.js';

export const TICKET_TYPES = ['incident', 'service_request', 'question'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Human number prefixes: INC-1042, REQ-1001, QST-1003. */
export const NUMBER_PREFIX: Record<TicketType, string> = { incident: 'INC', service_request: 'REQ', question: 'QST' };

export const CHANNELS = ['email', 'web', 'phone', 'api', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Requester {
  readonly email: string;
  readonly name: string;
}

export interface TicketSnapshot {
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
