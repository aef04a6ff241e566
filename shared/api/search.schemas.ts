/** Search request and response schemas (GET /api/search; GET /api/tickets?q= uses the same index). */
import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../search/search-query.js';
import { TICKET_SEARCH_SCHEMA } from '../search/ticket-search-document.js';
import { PRIORITIES } from '../tickets/priority.js';
import { TICKET_STATUSES } from '../tickets/ticket-status.js';
import { ZCursor, ZId } from './common.schemas.js';
import { ZTicket } from './tickets.schemas.js';

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter((v) => v !== ''))
    .pipe(z.array(z.enum(values)).min(1));

const ZInstant = z.iso.datetime({ offset: true }).or(z.iso.date());

export const ZSearchQuery = z.strictObject({
  /** Words (all must match), "phrases", -word, requester:, number:, tag:. */
  q: z.string().trim().min(1, 'type something to search for').max(MAX_QUERY_LENGTH),
  status: csv(TICKET_STATUSES).optional(),
  priority: csv(PRIORITIES).optional(),
  team: ZId.optional(),
  owner: z.union([z.literal('me'), z.literal('none'), ZId]).optional(),
  /** Created at or after (ISO date or instant). */
  createdFrom: ZInstant.optional(),
  /** Created before (ISO date or instant). */
  createdTo: ZInstant.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: ZCursor.optional(),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const SEARCH_FIELDS = TICKET_SEARCH_SCHEMA.searchable.map((f) => f.name) as [string, ...string[]];

export const ZSnippetPart = z.object({ text: z.string(), hit: z.boolean() });

export const ZSearchMatch = z.object({
  /** Why it matched: number, title, requester, company, tags, attachments, description, mail, publicNotes, notes, assists. */
  field: z.enum(SEARCH_FIELDS),
  /** The text around the match as plain text parts; `hit` marks the matched words. */
  snippet: z.array(ZSnippetPart),
});

export const ZSearchHit = z.object({
  ticket: ZTicket,
  matches: z.array(ZSearchMatch),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;

export const ZSearchResponse = z.object({
  items: z.array(ZSearchHit),
  nextCursor: z.string().nullable(),
});
export type TSearchResponse = z.infer<typeof ZSearchResponse>;
