/**
 * The ticket lifecycle as ONE transition table (STYLE.md #3). Who may perform a move is
 * decided by the aggregate; which moves exist is decided here.
 */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'resolved'],
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  // resolved -> open is the reopen; closed is final (a later customer mail starts a linked ticket).
  resolved: ['open', 'closed'],
  closed: [],
};

export const canMoveTicket = (from: TicketStatus, to: TicketStatus): boolean => TRANSITIONS[from].includes(to);

export const allowedTicketMoves = (from: TicketStatus): readonly TicketStatus[] => TRANSITIONS[from];

/**
 * A merge closes the duplicate from any status but closed (ticket-merge-ops.ts): the one move outside
 * the table, because "closed as merged" is not the end of the ticket's own work but the start of its
 * target's.
 */
export const canMergeFrom = (from: TicketStatus): boolean => from !== 'closed';

/** Statuses in which the ticket is still being worked (counted as open load, assists allowed). */
export const isActiveStatus = (status: TicketStatus): boolean => status !== 'resolved' && status !== 'closed';
