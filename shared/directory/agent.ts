/**
 * Agents and teams: who can own tickets, who can be asked for help, and the fields routing
 * will use (skills, capacity, availability). Roles: an `expert` is a light agent who answers
 * assists and writes internal notes but never owns a ticket.
 */
export const ROLES = ['agent', 'expert', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Skill {
  readonly name: string;
  /** 1 (basic) .. 5 (expert). */
  readonly level: number;
}

export type Availability = 'online' | 'away' | 'offline';

/**
 * Reach by email (ADR 0015): an assist asked of this agent or team is also sent as mail to
 * `address` and may be answered by reply. `allowExternal` lets mail from outside the organisation
 * act (authenticated by DMARC) instead of only mail Exchange marks as internal.
 */
export interface ReachByEmail {
  readonly address: string;
  readonly allowExternal: boolean;
  /** IANA zone the due time is written in (UTC when unset). */
  readonly timeZone?: string | null;
}

export interface AgentSnapshot {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly teamIds: readonly string[];
  readonly skills: readonly Skill[];
  /** Maximum concurrent open tickets owned (routing). */
  readonly capacity: number;
  readonly availability: Availability;
  readonly active: boolean;
  /** Assist requests also go to this address (absent or null: only in the app, unless the agent's preference asks). */
  readonly reachByEmail?: ReachByEmail | null;
  /** Working hours: the id of an SLA calendar routing honours (absent or null: always working). */
  readonly workingCalendarId?: string | null;
}

export interface TeamSnapshot {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly leadIds: readonly string[];
  /**
   * How long an offer to one of the team's agents stands before routing offers the ticket to the
   * next agent (and, at the end of the list, to the team lead). A team never accepts for anyone:
   * only an agent's own standing choice can (shared/routing/auto-accept.ts).
   */
  readonly offerMinutes: number;
  /** The team's own mailbox for assists (e.g. `dba@contoso.example`); a team may be reached only so. */
  readonly reachByEmail?: ReachByEmail | null;
}

/** A team's offer time when it sets none (teams stored before offers had a time of their own). */
export const DEFAULT_OFFER_MINUTES = 10;

/** Only these roles may own tickets (accept or receive a transfer). */
export const canOwnTickets = (roles: readonly Role[]): boolean =>
  roles.includes('agent') || roles.includes('lead') || roles.includes('admin');

export const isSupervisor = (roles: readonly Role[]): boolean => roles.includes('lead') || roles.includes('admin');
