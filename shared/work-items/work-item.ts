/**
 * The work-item kernel (ADR 0025): what tickets, changes and problems share, as ServiceNow's task
 * table is the parent of incident, change_request and problem. A practice describes itself once
 * (a `WorkItemPractice`) and its aggregate keeps its own fields and its own state table; the kernel
 * owns the number, the sacred owner, the append-only timeline, assists, links and the outbox.
 *
 * Every document of one work item (the item, its entries, assists, outbox, derived links) lives in
 * the item's own partition of the practice's container, keyed by the practice's partition field
 * (`ticketId` in `tickets`, `changeId` in `changes`, `problemId` in `problems`).
 */
import type { EventType } from '../events/domain-event.js';
import type { ErrorCode } from '../kernel/error-codes.js';
import type { WorkItemLink } from './work-item-links.js';

/** The partition field of each practice's container: every kernel document carries it. */
export type WorkItemKey = 'ticketId' | 'changeId' | 'problemId';

/** The field naming the item's human number on its assists (`ticketNumber` for tickets). */
export type NumberKey<K extends WorkItemKey> = K extends `${infer P}Id` ? `${P}Number` : never;

/** Where a kernel document belongs: `{ ticketId: 't_01…' }`. */
export type Home<K extends WorkItemKey> = { readonly [P in K]: string };

/** The fields the kernel reads and writes on every work item's snapshot. */
export interface WorkItemCore {
  readonly id: string;
  /** INC-1042, CHG-1001, PRB-1003. */
  readonly number: string;
  /** At most one; written only by accept and transfer (work-item-ownership.ts). */
  readonly ownerId: string | null;
  readonly updatedAt: string;
  /** Last timeline sequence number used. */
  readonly lastSeq: number;
  readonly openAssistCount: number;
  /** Links to other work items (absent on documents from before links: none). */
  readonly links?: readonly WorkItemLink[];
}

/** The error-code namespace of a practice; every one must define the kernel's refusals. */
export type WorkItemErrorNs = 'TICKET' | 'CHANGE' | 'PROBLEM';
/** The domain-event namespace of a practice (`ticket.owner_changed`). */
export type WorkItemEventNs = 'ticket' | 'change' | 'problem';

export type KernelRefusal = 'ALREADY_OWNED' | 'NOT_OWNER' | 'CLOSED' | 'REASON_REQUIRED' | 'SAME_OWNER' | 'CANNOT_OWN';
export type KernelEvent = 'owner_changed' | 'linked' | 'unlinked';

/** A practice's code for a kernel refusal; the type check proves every namespace defines them all. */
export const refusalCode = (ns: WorkItemErrorNs, refusal: KernelRefusal): ErrorCode =>
  `${ns}.${refusal}` satisfies ErrorCode;

export const kernelEvent = (ns: WorkItemEventNs, event: KernelEvent): EventType => `${ns}.${event}` satisfies EventType;

/** How one practice plugs into the kernel: its names and the few facts only its own table knows. */
export interface WorkItemPractice<S extends WorkItemCore, K extends WorkItemKey> {
  readonly key: K;
  readonly numberKey: NumberKey<K>;
  /** For messages: "ticket", "tickets" ("Ticket INC-1 is closed", "can own tickets"). */
  readonly noun: string;
  readonly plural: string;
  readonly errors: WorkItemErrorNs;
  readonly events: WorkItemEventNs;
  /** Final: it takes no accept and no transfer. */
  isClosed(state: S): boolean;
  /** Still being worked: assists may be asked. */
  isActive(state: S): boolean;
  /** The state's name for messages ("is resolved; reopen it first"). */
  statusOf(state: S): string;
  /** What else changes in the same write as the owner (a ticket's new -> open, its offer ends). */
  withOwner(state: S, ownerId: string): S;
  /** Facts the owner-changed event carries beyond from/to/via/reason (a ticket's `offeredTo`). */
  ownerChangeFacts(state: S): Record<string, unknown>;
  /** A customer's address on this item: copying one on an expert's mail is warned about. */
  isCustomerAddress(state: S, address: string): boolean;
}

export const capitalized = (noun: string): string => noun.charAt(0).toUpperCase() + noun.slice(1);
