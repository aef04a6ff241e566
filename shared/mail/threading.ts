/**
 * Decides which ticket an inbound mail belongs to, trying the rules in the order of trust:
 *  1. our signed Message-IDs in In-Reply-To/References, or a signed reply address in To/Cc;
 *  2. any In-Reply-To/References id we already recorded on a ticket;
 *  3. a ticket number in the subject, only when the sender is a participant of that ticket;
 *  4. the provider's conversation id (Graph), again only for a participant.
 * Nothing matching means a new ticket. Rejected candidates are reported so the entry can say why.
 * A ticket merged into another (issue 18) passes its mail on: whatever rule found the duplicate,
 * the mail goes to the ticket it was merged into (following a chain of merges), and the decision
 * names the duplicate it came through.
 */

import { isParticipant } from '../tickets/ticket-email.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { MailRecords } from './mail-records.js';
import type { ParsedEmail } from './parsed-email.js';
import type { SignedIds } from './signed-ids.js';
import { ticketNumbersIn } from './subject.js';

export type ThreadRule =
  | 'signed-id'
  | 'reply-address'
  | 'references'
  | 'subject-number'
  | 'conversation'
  | 'new-ticket';

export interface RejectedCandidate {
  readonly rule: ThreadRule;
  readonly value: string;
  readonly why: string;
}

export interface ThreadDecision {
  readonly ticketId: string | null;
  readonly rule: ThreadRule;
  /** The id, address, number or conversation that matched. */
  readonly matched: string | null;
  readonly rejected: readonly RejectedCandidate[];
  /** The merged duplicates the mail was passed on through, first the one it threaded onto (absent: none). */
  readonly mergedFrom?: readonly string[];
}

export interface TicketLookup {
  readSnapshot(ticketId: string): Promise<{ readonly doc: TicketSnapshot } | undefined>;
  findIdByNumber(number: string): Promise<string | undefined>;
}

export interface ThreadingDeps {
  readonly signedIds: SignedIds;
  readonly records: Pick<MailRecords, 'message' | 'ticketOfConversation'>;
  readonly tickets: TicketLookup;
}

/** Bounds the lookups a hostile References header can cause. */
const MAX_CANDIDATES = 40;

/** A merge into a ticket that was merged on: followed this far (a loop cannot be written, but is bounded anyway). */
const MAX_MERGE_HOPS = 10;

/** The ticket a mail for `ticketId` belongs to once merges are followed, and the numbers passed through. */
async function mergeTarget(ticketId: string, tickets: TicketLookup): Promise<{ ticketId: string; via: string[] }> {
  const via: string[] = [];
  let at = ticketId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const ticket = (await tickets.readSnapshot(at))?.doc;
    if (!ticket?.mergedInto) break;
    via.push(ticket.number);
    at = ticket.mergedInto.id;
  }
  return { ticketId: at, via };
}

/** In-Reply-To first, then References newest first, then ids a bounce report quotes. */
export const candidateIds = (email: ParsedEmail): string[] =>
  [...new Set([...email.inReplyTo, ...[...email.references].reverse(), ...email.embeddedMessageIds])].slice(
    0,
    MAX_CANDIDATES,
  );

export async function resolveThread(
  email: ParsedEmail,
  conversationId: string | null,
  deps: ThreadingDeps,
): Promise<ThreadDecision> {
  const rejected: RejectedCandidate[] = [];
  const decided = async (found: string, rule: ThreadRule, matched: string): Promise<ThreadDecision> => {
    const { ticketId, via } = await mergeTarget(found, deps.tickets);
    return { ticketId, rule, matched, rejected, ...(via.length > 0 ? { mergedFrom: via } : {}) };
  };
  const exists = async (ticketId: string) => (await deps.tickets.readSnapshot(ticketId))?.doc;
  const ids = candidateIds(email);

  for (const id of ids) {
    const ticketId = deps.signedIds.ticketOfMessageId(id);
    if (ticketId && (await exists(ticketId))) return decided(ticketId, 'signed-id', id);
    if (!ticketId && /^itn\./i.test(id))
      rejected.push({
        rule: 'signed-id',
        value: id,
        why: 'looks like our Message-ID but its signature does not verify',
      });
  }
  for (const address of [...email.to, ...email.cc].map((a) => a.address)) {
    const ticketId = deps.signedIds.ticketOfAddress(address);
    if (ticketId && (await exists(ticketId))) return decided(ticketId, 'reply-address', address);
  }
  for (const id of ids) {
    const record = await deps.records.message(id);
    if (record?.doc.status === 'done' && record.doc.ticketId) return decided(record.doc.ticketId, 'references', id);
  }
  const sender = email.from?.address ?? '';
  for (const number of ticketNumbersIn(email.subject)) {
    const ticketId = await deps.tickets.findIdByNumber(number);
    const ticket = ticketId ? await exists(ticketId) : undefined;
    if (!ticket) continue;
    if (sender !== '' && isParticipant(ticket, sender)) return decided(ticket.id, 'subject-number', number);
    rejected.push({
      rule: 'subject-number',
      value: number,
      why: `${sender || 'the sender'} is not a participant of ${number}`,
    });
  }
  if (conversationId) {
    const ticketId = await deps.records.ticketOfConversation(conversationId);
    const ticket = ticketId ? await exists(ticketId) : undefined;
    if (ticket && sender !== '' && isParticipant(ticket, sender))
      return decided(ticket.id, 'conversation', conversationId);
    if (ticket)
      rejected.push({
        rule: 'conversation',
        value: conversationId,
        why: `${sender || 'the sender'} is not a participant of ${ticket.number}`,
      });
  }
  return { ticketId: null, rule: 'new-ticket', matched: null, rejected };
}
