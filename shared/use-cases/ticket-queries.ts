/**
 * Read side for tickets, timelines and assists: point reads and indexed queries, mapped to
 * the API's shapes. Queries never load the aggregate.
 */
import type { TAssist, TListAssistsQuery } from '../api/assists.schemas.js';
import type { TListTicketsQuery, TTicket, TTimelineEntry } from '../api/tickets.schemas.js';
import type { AssistSnapshot } from '../assists/assist.js';
import { ticketIdOfAssist } from '../assists/assist-id.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Condition, DocumentStore, OrderBy, Page, StoredDocument } from '../ports/document-store.js';
import type { SlaReader } from '../sla-engine/sla-reader.js';
import type { TicketSlaView } from '../sla-engine/ticket-sla.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import { entriesInPartition } from '../work-items/work-item-store.js';

const NUMBER_PATTERN = /^[A-Za-z]{2,5}-\d{1,10}$/;

/**
 * The API shape: storage and SLA-engine bookkeeping stay inside; `sla` is what clients read, the
 * clocks as of now (computed by the SlaReader or by the command that just saved the ticket).
 */
export const toTicketDto = (
  {
    docType: _d,
    ticketId: _t,
    lastSeq: _s,
    slaHistory: _h,
    slaMeta: _m,
    slaSnapshot: _snap,
    slaNextEvaluationAt: _n,
    slaDueAt: _due,
    ...dto
  }: TicketSnapshot,
  sla: TicketSlaView | null = null,
): TTicket => {
  // Documents written before the clocks were derived on read still carry a stored view.
  const { sla: _stored, ...rest } = dto as typeof dto & { sla?: unknown };
  // An owned or finished ticket's offer (none is left on them, but older documents) is no offer.
  const offer = rest.ownerId === null && rest.status !== 'closed' ? (rest.offer ?? null) : null;
  return { ...rest, offer, sla } as TTicket;
};
export const toAssistDto = ({ docType: _d, ...dto }: AssistSnapshot): TAssist => dto as TAssist;
export const toEntryDto = ({ docType: _d, ...dto }: TimelineEntry): TTimelineEntry => dto as TTimelineEntry;

const SORTS: Record<TListTicketsQuery['sort'], OrderBy[]> = {
  '-updated': [{ field: 'updatedAt', direction: 'desc' }],
  updated: [{ field: 'updatedAt', direction: 'asc' }],
  priority: [
    { field: 'priority', direction: 'asc' },
    { field: 'updatedAt', direction: 'desc' },
  ],
  '-created': [{ field: 'createdAt', direction: 'desc' }],
  created: [{ field: 'createdAt', direction: 'asc' }],
  // SLA due first: breached and soonest-due live targets lead; nothing due sorts last.
  sla: [{ field: 'slaDueAt', direction: 'asc' }],
};

/** Tickets rendered recently, by id: reused while their version and SLA second hold. */
const MAX_RENDERED = 2_000;

interface RenderedTicket {
  readonly doc: TicketSnapshot & StoredDocument;
  readonly etag: string;
  /** SlaReader.keyOf: the ticket version and the second its clocks were shown for. */
  readonly key: string;
  readonly json: string;
}

export class TicketQueries {
  private readonly rendered = new Map<string, RenderedTicket>();

  constructor(
    private readonly store: DocumentStore,
    private readonly tickets: TicketRepository,
    /** Recomputes SLA clocks as of the request; without it the stored snapshot is returned. */
    private readonly sla?: SlaReader,
  ) {}

  /** Tickets in the API's shape, with their SLA clocks as of now. */
  async present(docs: readonly TicketSnapshot[]): Promise<TTicket[]> {
    const views = this.sla ? await this.sla.tickets(docs) : undefined;
    return docs.map((doc, i) => toTicketDto(doc, views?.[i] ?? null));
  }

  private async assistDtos(docs: readonly AssistSnapshot[]): Promise<TAssist[]> {
    const olas = this.sla ? await this.sla.olas(docs) : undefined;
    return docs.map((doc, i) => ({ ...toAssistDto(doc), ola: olas?.[i] ?? null }));
  }

  /** Accepts an id (`t_...`) or a number (`INC-1042`). */
  async resolveId(idOrNumber: string): Promise<string | undefined> {
    if (NUMBER_PATTERN.test(idOrNumber)) return this.tickets.findIdByNumber(idOrNumber);
    return idOrNumber;
  }

  async get(idOrNumber: string): Promise<Result<{ ticket: TTicket; etag: string }>> {
    const id = await this.resolveId(idOrNumber);
    const found = id ? await this.tickets.readSnapshot(id) : undefined;
    if (!found) return fail('TICKET.NOT_FOUND', `No ticket ${idOrNumber}`);
    const [ticket] = await this.present([found.doc]);
    return ok({ ticket: ticket as TTicket, etag: found.etag });
  }

  /**
   * The ticket as the API's JSON text. A ticket read many times in one second (a team's screens
   * polling it, a burst of API calls) is rendered once: a conditional read tells whether the
   * stored version (etag) moved on, and the text is reused while it did not and the SLA clocks are
   * shown for the same second.
   */
  async getJson(idOrNumber: string): Promise<Result<{ json: string; etag: string }>> {
    const id = await this.resolveId(idOrNumber);
    if (!id) return fail('TICKET.NOT_FOUND', `No ticket ${idOrNumber}`);
    const previous = this.rendered.get(id);
    const found = previous
      ? await this.store.readIfChanged<TicketSnapshot & StoredDocument>('tickets', id, id, previous.etag)
      : await this.tickets.readSnapshot(id);
    const current = found === 'unchanged' ? previous : found;
    if (current?.doc.docType !== 'ticket') return fail('TICKET.NOT_FOUND', `No ticket ${idOrNumber}`);
    const key = this.sla?.keyOf(current.doc) ?? '';
    if (found === 'unchanged' && previous?.key === key) return ok({ json: previous.json, etag: previous.etag });
    const json = JSON.stringify((await this.present([current.doc]))[0]);
    if (this.rendered.size >= MAX_RENDERED) this.rendered.clear();
    this.rendered.set(id, { doc: current.doc, etag: current.etag, key, json });
    return ok({ json, etag: current.etag });
  }

  /** The queues and filtered lists (text search is TicketSearch's, over the full-text index). */
  async list(
    query: Omit<TListTicketsQuery, 'q'>,
    actor: Actor,
  ): Promise<{ items: TTicket[]; nextCursor: string | null }> {
    const where: Condition[] = [{ field: 'docType', op: 'eq', value: 'ticket' }];
    if (query.status) where.push({ field: 'status', op: 'in', values: query.status });
    if (query.priority) where.push({ field: 'priority', op: 'in', values: query.priority });
    if (query.team) where.push({ field: 'teamId', op: 'eq', value: query.team });
    if (query.owner === 'none') where.push({ field: 'ownerId', op: 'isNull' });
    else if (query.owner === 'me')
      where.push({ field: 'ownerId', op: 'eq', value: actor.kind === 'agent' ? actor.agentId : '' });
    else if (query.owner) where.push({ field: 'ownerId', op: 'eq', value: query.owner });
    const page: Page<TicketSnapshot & StoredDocument> = await this.store.query('tickets', {
      where,
      orderBy: SORTS[query.sort],
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { items: await this.present(page.items.map((i) => i.doc)), nextCursor: page.nextCursor };
  }

  async timeline(
    ticketId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: TTimelineEntry[]; nextCursor: string | null }> {
    const page = await entriesInPartition(this.store, 'tickets', 'ticketId', ticketId, limit, cursor);
    return { items: page.items.map((i) => toEntryDto(i.doc)), nextCursor: page.nextCursor };
  }

  async assistsOfTicket(ticketId: string): Promise<TAssist[]> {
    return (await this.assistDtos(await this.tickets.assistsOf(ticketId))).sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
  }

  async assist(assistId: string): Promise<Result<TAssist>> {
    const ticketId = ticketIdOfAssist(assistId);
    const found = ticketId
      ? await this.store.read<AssistSnapshot & StoredDocument>('tickets', ticketId, assistId)
      : undefined;
    if (found?.doc.docType !== 'assist') return fail('ASSIST.NOT_FOUND', `No assist ${assistId}`);
    const [assist] = await this.assistDtos([found.doc]);
    return ok(assist as TAssist);
  }

  /**
   * Assists an expert should see: those naming them, plus team requests nobody took yet for
   * the teams they belong to. Two indexed queries, merged oldest first (at most 200).
   */
  async assistsForExpert(
    agentId: string,
    teamIds: readonly string[],
    state: TListAssistsQuery['state'],
  ): Promise<TAssist[]> {
    const states: Condition[] =
      state === 'all'
        ? []
        : [{ field: 'state', op: 'in', values: state === 'open' ? ['requested', 'accepted', 'timed_out'] : [state] }];
    const byAgent = this.store.query<AssistSnapshot & StoredDocument>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'assist' },
        ...states,
        { field: 'expertAgentId', op: 'eq', value: agentId },
      ],
      orderBy: [{ field: 'createdAt', direction: 'asc' }],
      limit: 100,
    });
    const byTeam =
      teamIds.length === 0
        ? Promise.resolve({ items: [] as { doc: AssistSnapshot & StoredDocument }[] })
        : this.store.query<AssistSnapshot & StoredDocument>('tickets', {
            where: [
              { field: 'docType', op: 'eq', value: 'assist' },
              ...states,
              { field: 'expertTeamId', op: 'in', values: [...teamIds] },
              { field: 'expertAgentId', op: 'isNull' },
            ],
            orderBy: [{ field: 'createdAt', direction: 'asc' }],
            limit: 100,
          });
    const [mine, teams] = await Promise.all([byAgent, byTeam]);
    return (await this.assistDtos([...mine.items, ...teams.items].map((i) => i.doc))).sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
  }
}
