/**
 * Ticket search (use case): parses what was typed, puts the ticket whose number was typed first
 * (read from the store, so it is there at once and whatever else matches), asks the index for the
 * rest with the filters, and returns the tickets as the store holds them now (a hit the store no
 * longer has is dropped). Agents search everything; a customer (a portal, later) only public text
 * of their own tickets.
 */
import type { TSearchHit } from '../api/search.schemas.js';
import type { TTicket } from '../api/tickets.schemas.js';
import type { Actor } from '../kernel/actor.js';
import { ok, propagate, type Result } from '../kernel/result.js';
import type { FilterCondition, SearchAudience, SearchHit, SearchIndex, SearchMatch } from '../ports/search-index.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import { parseQuery } from './search-query.js';
import { TICKET_QUERY_PREFIXES, ticketSearchDocument } from './ticket-search-document.js';

const NUMBER = /^[A-Za-z]{2,5}-\d{1,10}$/;

export interface TicketSearchInput {
  readonly q: string;
  readonly status?: readonly string[];
  readonly priority?: readonly string[];
  readonly team?: string;
  /** `me`, `none` (unowned) or an agent id. */
  readonly owner?: string;
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface TicketSearchPage {
  readonly items: TSearchHit[];
  readonly nextCursor: string | null;
}

/** The ticket number typed as a word of its own (or after `number:`), upper-cased. */
export function typedNumber(q: string): string | undefined {
  for (const word of q.split(/\s+/)) {
    const bare = word.replace(/^number:/i, '').replace(/^"|"$/g, '');
    if (!word.startsWith('-') && NUMBER.test(bare)) return bare.toUpperCase();
  }
  return undefined;
}

const dayStart = (value: string): string => (value.length === 10 ? `${value}T00:00:00.000Z` : value);

/** The filters of a search as conditions on the index's filter fields. */
export function searchFilters(input: TicketSearchInput, actor: Actor): FilterCondition[] {
  const filters: FilterCondition[] = [];
  if (input.status) filters.push({ field: 'status', op: 'in', values: input.status });
  if (input.priority) filters.push({ field: 'priority', op: 'in', values: input.priority });
  if (input.team) filters.push({ field: 'teamId', op: 'in', values: [input.team] });
  if (input.owner === 'none') filters.push({ field: 'ownerId', op: 'isNull' });
  else if (input.owner === 'me')
    filters.push({ field: 'ownerId', op: 'in', values: [actor.kind === 'agent' ? actor.agentId : ''] });
  else if (input.owner) filters.push({ field: 'ownerId', op: 'in', values: [input.owner] });
  if (input.createdFrom)
    filters.push({ field: 'createdAt', op: 'gte', value: new Date(dayStart(input.createdFrom)).toISOString() });
  if (input.createdTo)
    filters.push({ field: 'createdAt', op: 'lt', value: new Date(dayStart(input.createdTo)).toISOString() });
  if (actor.kind === 'customer')
    filters.push({ field: 'requesterEmail', op: 'in', values: [actor.email.toLowerCase()] });
  return filters;
}

/** Whether a document's filter values pass the conditions (for the ticket found by its number). */
export function passes(values: Readonly<Record<string, string | null>>, filters: readonly FilterCondition[]): boolean {
  return filters.every((f) => {
    const value = values[f.field] ?? null;
    if (f.op === 'isNull') return value === null;
    if (value === null) return false;
    if (f.op === 'in') return f.values.includes(value);
    return f.op === 'gte' ? value >= f.value : value < f.value;
  });
}

const encodeCursor = (offset: number): string => `s${offset}`;
const decodeCursor = (cursor: string | undefined): number => {
  const match = cursor ? /^s(\d{1,6})$/.exec(cursor) : null;
  return match ? Number(match[1]) : 0;
};

export class TicketSearch {
  constructor(
    private readonly index: SearchIndex,
    private readonly tickets: TicketRepository,
    /** Turns stored tickets into the API's shape (SLA clocks as of now). */
    private readonly present: (docs: readonly TicketSnapshot[]) => Promise<TTicket[]>,
  ) {}

  async search(input: TicketSearchInput, actor: Actor): Promise<Result<TicketSearchPage>> {
    const parsed = parseQuery(input.q, TICKET_QUERY_PREFIXES);
    if (!parsed.ok) return propagate(parsed);
    const audience: SearchAudience = actor.kind === 'customer' ? 'customer' : 'agent';
    const filters = searchFilters(input, actor);
    const offset = decodeCursor(input.cursor);

    // The ticket whose number was typed leads the first page, read from the store (no index lag).
    const number = typedNumber(input.q);
    let exact: TicketSnapshot | undefined;
    if (number) {
      const found = await this.tickets.findByNumber(number);
      if (found && passes(ticketSearchDocument(found, []).filters, filters)) exact = found;
    }
    const leading = exact && input.cursor === undefined ? 1 : 0;
    const wanted = input.limit - leading;
    const result =
      wanted > 0
        ? await this.index.search({ query: parsed.value, audience, filters, limit: wanted, offset })
        : { hits: [], more: true };
    const hits: SearchHit[] = result.hits.filter((h) => h.id !== exact?.id);
    const docs = await Promise.all(hits.map((h) => this.tickets.readSnapshot(h.id)));
    const rows: { doc: TicketSnapshot; matches: readonly SearchMatch[] }[] = [];
    if (exact && leading)
      rows.push({ doc: exact, matches: [{ field: 'number', snippet: [{ text: exact.number, hit: true }] }] });
    hits.forEach((hit, i) => {
      const doc = docs[i]?.doc;
      if (doc) rows.push({ doc, matches: hit.matches });
    });
    const presented = await this.present(rows.map((r) => r.doc));
    return ok({
      items: rows.map((r, i) => ({
        ticket: presented[i] as TTicket,
        matches: r.matches.map((m) => ({ field: m.field, snippet: [...m.snippet] })),
      })),
      nextCursor: result.more ? encodeCursor(offset + result.hits.length) : null,
    });
  }
}
