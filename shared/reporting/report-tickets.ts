/**
 * Ticket lists of the reports area: the tickets behind a figure (drill-down, exact: the read
 * model's contributions name them) and every page of a ticket list for an export (no row limit).
 */
import type { TReportQuery, TReportTicketsQuery } from '../api/reports.schemas.js';
import type { TListTicketsQuery, TTicket } from '../api/tickets.schemas.js';
import type { Actor } from '../kernel/actor.js';
import type { Clock } from '../ports/clock.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { ReportRepository } from './report-repository.js';
import type { ReportFilters } from './report-tables.js';
import { dayOf } from './ticket-facts.js';

const PAGE = 500;
const PARALLEL = 16;

export interface TicketPresenter {
  present(docs: readonly TicketSnapshot[]): Promise<TTicket[]>;
  list(query: Omit<TListTicketsQuery, 'q'>, actor: Actor): Promise<{ items: TTicket[]; nextCursor: string | null }>;
}

/** The report filters with their defaults: the last 30 days up to today. */
export const reportFilters = (
  q: Pick<TReportQuery, 'from' | 'to' | 'team' | 'priority' | 'type'>,
  today: string,
): ReportFilters => {
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  return {
    from,
    to,
    ...(q.team ? { teamIds: q.team } : {}),
    ...(q.priority ? { priorities: q.priority } : {}),
    ...(q.type ? { types: q.type } : {}),
  };
};

type DrillQuery = Omit<TReportTicketsQuery, 'limit' | 'cursor'>;

export class ReportTickets {
  constructor(
    private readonly repository: ReportRepository,
    private readonly tickets: TicketRepository,
    private readonly presenter: TicketPresenter,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  today(): string {
    return dayOf(this.clock.now().getTime(), this.timeZone);
  }

  private ids(q: DrillQuery): Promise<string[]> {
    const f = reportFilters(q, this.today());
    return this.repository.ticketIds({
      family: q.family,
      from: f.from,
      to: f.to,
      counter: q.counter,
      dims: {
        teamId: q.team,
        priority: q.priority,
        type: q.type,
        channel: q.channel,
        policyId: q.policy,
        agentId: q.agent,
        expertTeamId: q.expertTeam,
      },
    });
  }

  private async load(ids: readonly string[]): Promise<TTicket[]> {
    const docs: TicketSnapshot[] = [];
    for (let i = 0; i < ids.length; i += PARALLEL) {
      const found = await Promise.all(ids.slice(i, i + PARALLEL).map((id) => this.tickets.readSnapshot(id)));
      for (const f of found) if (f) docs.push(f.doc);
    }
    return this.presenter.present(docs);
  }

  /** One page of the tickets behind a figure, newest first; the cursor is the offset. */
  async page(q: TReportTicketsQuery): Promise<{ items: TTicket[]; total: number; nextCursor: string | null }> {
    const ids = (await this.ids(q)).reverse();
    const offset = q.cursor ? Number.parseInt(q.cursor, 10) || 0 : 0;
    const slice = ids.slice(offset, offset + q.limit);
    const next = offset + q.limit < ids.length ? String(offset + q.limit) : null;
    return { items: await this.load(slice), total: ids.length, nextCursor: next };
  }

  /** Every ticket behind a figure, a page at a time (exports). */
  async *drillPages(q: DrillQuery): AsyncIterable<TTicket[]> {
    const ids = await this.ids(q);
    for (let i = 0; i < ids.length; i += PAGE) yield await this.load(ids.slice(i, i + PAGE));
  }

  /** Every page of a ticket list (GET /api/tickets filters), for an export. */
  async *listPages(query: Omit<TListTicketsQuery, 'q' | 'limit' | 'cursor'>, actor: Actor): AsyncIterable<TTicket[]> {
    let cursor: string | undefined;
    do {
      const page = await this.presenter.list({ ...query, limit: PAGE, ...(cursor ? { cursor } : {}) }, actor);
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
