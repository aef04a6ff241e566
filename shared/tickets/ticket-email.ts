/**
 * Pure rules the Ticket aggregate applies to email: who the participants are, and whether a
 * customer's mail may reopen a resolved ticket (the reopen window) or must start a linked one.
 */
import type { TicketSnapshot } from './ticket-types.js';

/** What ingestion hands the aggregate for one inbound mail (already parsed, threaded, sanitized). */
export interface InboundEmail {
  readonly from: { readonly address: string; readonly name: string };
  /** Addresses copied on the mail (our own support addresses already removed). */
  readonly cc: readonly string[];
  /** The cleaned main text: the entry's body. */
  readonly body: string;
  /** `data` of the email_in entry: `email`, `threading`, `messageId`, `autoReply`, ... */
  readonly data: Readonly<Record<string, unknown>>;
  /** Set for mail no person wrote (auto-reply, bounce, ...): attached, never reopens. */
  readonly automatic: { readonly kind: string; readonly reason: string } | null;
}

export interface ReopenPolicy {
  readonly reopenWithinDays: number;
}

export const participantsOf = (ticket: TicketSnapshot): readonly string[] =>
  ticket.participants ?? [ticket.requester.email.toLowerCase()];

export const isParticipant = (ticket: TicketSnapshot, address: string): boolean =>
  participantsOf(ticket).includes(address.toLowerCase());

export const withParticipants = (current: readonly string[], added: readonly string[]): string[] => [
  ...new Set([...current, ...added.map((a) => a.toLowerCase()).filter((a) => a.includes('@'))]),
];

/**
 * Whether a person's mail can still land on this ticket: closed tickets never take it, resolved
 * ones only within the window (counted from the resolution); otherwise a linked ticket starts.
 */
export function acceptsCustomerMail(ticket: TicketSnapshot, policy: ReopenPolicy, now: Date): boolean {
  if (ticket.status === 'closed') return false;
  if (ticket.status !== 'resolved') return true;
  const resolvedAt = ticket.resolvedAt ? Date.parse(ticket.resolvedAt) : now.getTime();
  return now.getTime() - resolvedAt <= policy.reopenWithinDays * 86_400_000;
}
