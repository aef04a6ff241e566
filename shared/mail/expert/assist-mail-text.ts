/**
 * The text of the mails an expert gets about an assist: the request (question, due time in the
 * expert's time zone when known, the ticket summary, the last customer message, the thread so
 * far and the command words), the reminder at an OLA warning, and the notice that a reply was not
 * recorded. Plain text: it is read in Outlook and quoted back in replies.
 */
import type { AssistSnapshot } from '../../assists/assist.js';
import type { TicketSnapshot } from '../../tickets/ticket-types.js';
import type { TimelineEntry } from '../../timeline/timeline-entry.js';
import { ASSIST_COMMAND_HELP } from './expert-commands.js';

const MAX_QUESTION_IN_SUBJECT = 60;
const MAX_QUOTED = 2_000;

/** `[INC-1042] Assist: <question, shortened>`. */
export const assistSubject = (ticketNumber: string, question: string): string => {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  const short =
    oneLine.length > MAX_QUESTION_IN_SUBJECT ? `${oneLine.slice(0, MAX_QUESTION_IN_SUBJECT - 1).trimEnd()}…` : oneLine;
  return `[${ticketNumber}] Assist: ${short}`;
};

/** Our assist subjects (also as `Re:`): mail that carries one but no valid token is not believed. */
export const isAssistSubject = (subject: string): boolean => /\[(INC|REQ|QST)-\d+\]\s*Assist:/i.test(subject);

export function formatDue(dueAt: string | null, timeZone: string | null): string {
  if (!dueAt) return 'no due time';
  const zone = timeZone ?? 'UTC';
  try {
    const text = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(dueAt));
    return `${text} (${zone})`;
  } catch {
    return `${dueAt} (UTC)`;
  }
}

const clip = (text: string): string => (text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}\n[…]` : text);

const indent = (text: string): string =>
  clip(text)
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

const who = (entry: TimelineEntry, names: ReadonlyMap<string, string>): string => {
  const a = entry.author;
  if (a.kind === 'agent') return names.get(a.agentId) ?? a.agentId;
  if (a.kind === 'mailbox') return a.address;
  if (a.kind === 'customer') return a.email;
  return a.name;
};

const THREAD_WORDS: Partial<Record<TimelineEntry['kind'], string>> = {
  assist_requested: 'asked',
  assist_contribution: 'wrote',
  assist_reply_proposed: 'proposed a customer reply',
  assist_answered: 'answered',
  assist_declined: 'declined',
};

export interface AssistMailContext {
  readonly ticket: TicketSnapshot;
  readonly assist: AssistSnapshot;
  /** Entries of the ticket, oldest first (the last customer mail and the assist's thread are picked). */
  readonly entries: readonly TimelineEntry[];
  readonly names: ReadonlyMap<string, string>;
  readonly addresseeName: string;
  readonly timeZone: string | null;
}

export function assistRequestText(c: AssistMailContext, reminder: { threshold: number } | null): string {
  const { ticket, assist } = c;
  const owner = c.names.get(assist.requestedBy) ?? assist.requestedBy;
  const company = ticket.requester.email.slice(ticket.requester.email.lastIndexOf('@') + 1);
  const lastCustomer = [...c.entries]
    .reverse()
    .find((e) => e.kind === 'email_in' && !(e.data as { autoReply?: unknown }).autoReply);
  const customerText = lastCustomer?.body ?? ticket.description;
  const thread = c.entries
    .filter((e) => e.assistId === assist.id && THREAD_WORDS[e.kind])
    .map(
      (e) =>
        `${e.at.slice(0, 16).replace('T', ' ')} ${who(e, c.names)} ${THREAD_WORDS[e.kind]}:\n${indent(e.body ?? '')}`,
    );
  return [
    `Hello ${c.addresseeName},`,
    '',
    reminder
      ? `A reminder: the assist ${owner} asked for on ${ticket.number} has used ${reminder.threshold}% of its time.`
      : `${owner} asks for your help on ${ticket.number}.`,
    '',
    'Question:',
    indent(assist.question),
    '',
    `Due: ${formatDue(assist.dueAt, c.timeZone)}`,
    '',
    `Ticket ${ticket.number}: ${ticket.title}`,
    `  Priority:  ${ticket.priority}`,
    `  Status:    ${ticket.status}`,
    `  Requester: ${ticket.requester.name} (${company})`,
    ...((ticket.affectedCis ?? []).length > 0
      ? [
          `  Affected:  ${(ticket.affectedCis ?? []).map((c) => (c.primary ? `${c.ciId} (primary)` : c.ciId)).join(', ')}`,
        ]
      : []),
    '',
    lastCustomer ? 'Last customer message:' : 'Description:',
    indent(customerText),
    ...(thread.length > 1 ? ['', 'The assist so far:', ...thread] : []),
    '',
    '--',
    ASSIST_COMMAND_HELP,
  ].join('\n');
}

export function assistNoticeText(ticketNumber: string, why: string): string {
  return [
    `Your reply about ${ticketNumber} was not recorded: ${why}.`,
    '',
    'Nothing was changed. If you still want to help, answer in the app or ask the ticket owner.',
  ].join('\n');
}
