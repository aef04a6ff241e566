/**
 * Tickets as a practice of the work-item kernel (ADR 0025): the names the kernel uses in its
 * refusals and events, and the few facts only the ticket's own state table knows.
 */
import type { WorkItemPractice } from '../work-items/work-item.js';
import { isParticipant } from './ticket-email.js';
import { isActiveStatus } from './ticket-status.js';
import type { TicketSnapshot } from './ticket-types.js';

export const TICKET_PRACTICE: WorkItemPractice<TicketSnapshot, 'ticketId'> = {
  key: 'ticketId',
  numberKey: 'ticketNumber',
  noun: 'ticket',
  plural: 'tickets',
  errors: 'TICKET',
  events: 'ticket',
  isClosed: (t) => t.status === 'closed',
  isActive: (t) => isActiveStatus(t.status),
  statusOf: (t) => t.status,
  // Accepting a new ticket opens it; accept and transfer end any offer in the same write (ADR 0013).
  withOwner: (t) => ({ ...t, status: t.status === 'new' ? 'open' : t.status, offer: null }),
  ownerChangeFacts: (t) => ({ offeredTo: t.offer?.agentId ?? null }),
  isCustomerAddress: (t, address) => isParticipant(t, address),
};
