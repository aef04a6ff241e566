/** Subject handling: reply/forward prefixes (several languages) and ticket numbers like [INC-1042]. */

// Re, Fwd, Fw, AW (de), WG (de), SV (nordic), VS (fi), TR (fr), RV (es), Antw (nl), Odp (pl), R (it), Ynt (tr).
const PREFIX = /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|rv|antw|odp|r|ynt|réf|ref)(?:\s*\[\d+\]|\s*\(\d+\))?\s*[:：]\s*)+/i;
const LIST_TAG = /^\s*\[[^\]]{1,40}\]\s*/;
const TICKET_NUMBER = /\b(INC|REQ|QST)-(\d{1,9})\b/gi;

/** `Re: AW: Fwd: Printer broken` -> `Printer broken`; keeps list/ticket tags that are not prefixes. */
export function stripReplyPrefixes(subject: string): string {
  let current = subject.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 10; i++) {
    const next = current.replace(PREFIX, '').trim();
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The title a new ticket takes from a subject: prefixes and our own ticket tags removed. */
export function titleFromSubject(subject: string): string {
  let title = stripReplyPrefixes(subject);
  for (let i = 0; i < 5; i++) {
    const tag = LIST_TAG.exec(title);
    if (!tag || !/\b(INC|REQ|QST)-\d+\b/i.test(tag[0])) break;
    title = stripReplyPrefixes(title.slice(tag[0].length));
  }
  return title.slice(0, 200).trim() || '(no subject)';
}

/** Ticket numbers mentioned in a subject, upper-cased, first mention first, without duplicates. */
export function ticketNumbersIn(subject: string): string[] {
  return [...new Set([...subject.matchAll(TICKET_NUMBER)].map((m) => `${(m[1] as string).toUpperCase()}-${m[2]}`))];
}

/** The subject of our outbound mail: the ticket number is always there, exactly once. */
export function outboundSubject(number: string, subject: string): string {
  return ticketNumbersIn(subject).includes(number.toUpperCase()) ? subject : `[${number}] ${subject}`;
}
