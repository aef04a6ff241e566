/**
 * What the ticket index holds: the schema (fields, weights, which are internal) and the projection
 * of a ticket and its timeline into one document. The projection is computed from the store's
 * current state every time, so whatever the store no longer holds (a deleted ticket, a redacted
 * entry) is gone from the document the next time it is written.
 */
import type { IndexedDocument, SearchSchema } from '../ports/search-index.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import type { FieldPrefix } from './search-query.js';
import { indexText } from './search-text.js';

/** Searchable fields; `notes` (internal notes) and `assists` (assist threads) are for agents only. */
export const TICKET_SEARCH_SCHEMA: SearchSchema = {
  name: 'tickets',
  searchable: [
    { name: 'number', weight: 10 },
    { name: 'title', weight: 5 },
    { name: 'requester', weight: 5 },
    { name: 'company', weight: 3 },
    { name: 'tags', weight: 4 },
    { name: 'attachments', weight: 2 },
    { name: 'description', weight: 2 },
    { name: 'mail', weight: 1 },
    { name: 'publicNotes', weight: 1 },
    { name: 'notes', weight: 1, internal: true },
    { name: 'assists', weight: 1, internal: true },
  ],
  filterable: [
    { name: 'number', type: 'string' },
    { name: 'status', type: 'string' },
    { name: 'priority', type: 'string' },
    { name: 'teamId', type: 'string' },
    { name: 'ownerId', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'requesterEmail', type: 'string' },
    { name: 'createdAt', type: 'date' },
    { name: 'updatedAt', type: 'date' },
  ],
  recency: 'createdAt',
};

/** The field prefixes of the query language. */
export const TICKET_QUERY_PREFIXES: Readonly<Record<string, FieldPrefix>> = {
  requester: { fields: ['requester'] },
  number: { fields: ['number'], exact: true },
  tag: { fields: ['tags'], exact: true },
};

/** Per-field caps: a long mail thread is indexed up to about 200 KB of text. */
const MAX_FIELD = 200_000;
const MAX_SHORT = 4_000;

interface EmailLike {
  readonly subject?: string;
  readonly attachments?: readonly { readonly filename?: string }[];
}

const emailOf = (entry: TimelineEntry): EmailLike | undefined => {
  const email = (entry.data as { email?: unknown }).email;
  return email && typeof email === 'object' ? (email as EmailLike) : undefined;
};

/** The requester's company (customer directory, issue 14) and the mail domain, which agents also type. */
const companyOf = (ticket: TicketSnapshot): string => {
  const at = ticket.requester.email.lastIndexOf('@');
  const domain = at < 0 ? '' : ticket.requester.email.slice(at + 1);
  return [ticket.customer?.companyName ?? '', domain].filter((s) => s !== '').join(' ');
};

/** The index document of a ticket and its timeline entries (any order). */
export function ticketSearchDocument(ticket: TicketSnapshot, entries: readonly TimelineEntry[]): IndexedDocument {
  const mail: string[] = [];
  const publicNotes: string[] = [];
  const notes: string[] = [];
  const assists: string[] = [];
  const attachments: string[] = [];
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const body = entry.body ?? '';
    const email = emailOf(entry);
    for (const a of email?.attachments ?? []) if (a.filename) attachments.push(a.filename);
    if (entry.assistId !== null) {
      if (body) assists.push(body);
    } else if (entry.kind === 'email_in' || entry.kind === 'email_out') {
      if (email?.subject) mail.push(email.subject);
      if (body) mail.push(body);
    } else if (entry.kind === 'note' && body) {
      (entry.visibility === 'public' ? publicNotes : notes).push(body);
    }
  }
  const join = (parts: readonly string[], max = MAX_FIELD) => indexText(parts.join('\n\n'), max);
  return {
    id: ticket.id,
    text: {
      // An imported ticket is also found by the number it had in the old helpdesk (issue 20).
      number: ticket.external ? `${ticket.number} ${indexText(ticket.external.number, MAX_SHORT)}` : ticket.number,
      title: indexText(ticket.title, MAX_SHORT),
      requester: indexText(`${ticket.requester.name} ${ticket.requester.email}`, MAX_SHORT),
      company: indexText(companyOf(ticket), MAX_SHORT),
      tags: indexText(ticket.tags.join(' '), MAX_SHORT),
      attachments: join(attachments, MAX_SHORT * 4),
      description: indexText(ticket.description, MAX_FIELD),
      mail: join(mail),
      publicNotes: join(publicNotes),
      notes: join(notes),
      assists: join(assists),
    },
    filters: {
      number: ticket.number,
      status: ticket.status,
      priority: ticket.priority,
      teamId: ticket.teamId,
      ownerId: ticket.ownerId,
      type: ticket.type,
      requesterEmail: ticket.requester.email.toLowerCase(),
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
    },
  };
}

/** What the indexer compares with the store after it wrote, to catch a concurrent newer write. */
export const ticketVersion = (ticket: TicketSnapshot): string => `${ticket.lastSeq}:${ticket.updatedAt}`;
