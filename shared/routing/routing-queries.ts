/**
 * What routing reads from the tickets: a team's unassigned queue (priority, then age), the live
 * offers made to an agent and the offers whose time has passed, an agent's owned open tickets and
 * open assists (the truth load counters are recomputed from), and the team workload view for leads.
 * Offers are read from the unowned open tickets (a small set), sorted here: no ORDER BY, no index.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import { priorityRank } from '../tickets/priority.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';

type TicketDoc = TicketSnapshot & StoredDocument;
type AssistDoc = AssistSnapshot & StoredDocument;

export const OPEN_STATUSES = ['new', 'open', 'pending'] as const;
export const OPEN_ASSIST_STATES = ['requested', 'accepted'] as const;

export class RoutingQueries {
  constructor(private readonly store: DocumentStore) {}

  /** Unowned live tickets of the team, P1 first, oldest first within a priority. */
  async queue(teamId: string, limit = 100): Promise<TicketSnapshot[]> {
    const tickets = await this.all<TicketDoc>([
      { field: 'docType', op: 'eq', value: 'ticket' },
      { field: 'teamId', op: 'eq', value: teamId },
      { field: 'ownerId', op: 'isNull' },
      { field: 'status', op: 'in', values: [...OPEN_STATUSES] },
    ]);
    return tickets
      .sort(
        (a, b) =>
          priorityRank(a.priority) - priorityRank(b.priority) ||
          a.createdAt.localeCompare(b.createdAt) ||
          a.id.localeCompare(b.id),
      )
      .slice(0, limit);
  }

  /** Unowned live tickets offered to the agent (offers whose time passed included: still theirs to take). */
  async offersTo(agentId: string): Promise<TicketSnapshot[]> {
    const tickets = await this.all<TicketDoc>([
      { field: 'docType', op: 'eq', value: 'ticket' },
      { field: 'ownerId', op: 'isNull' },
      { field: 'status', op: 'in', values: [...OPEN_STATUSES] },
      { field: 'offer.agentId', op: 'eq', value: agentId },
    ]);
    return tickets.sort(
      (a, b) =>
        priorityRank(a.priority) - priorityRank(b.priority) ||
        (a.offer?.offeredAt ?? '').localeCompare(b.offer?.offeredAt ?? '') ||
        a.id.localeCompare(b.id),
    );
  }

  /** Unowned live tickets whose offer to an agent of the team ran out by `now` (the lead's never does). */
  expiredOffers(now: Date): Promise<TicketSnapshot[]> {
    return this.all<TicketDoc>([
      { field: 'docType', op: 'eq', value: 'ticket' },
      { field: 'ownerId', op: 'isNull' },
      { field: 'status', op: 'in', values: [...OPEN_STATUSES] },
      { field: 'offer.stage', op: 'eq', value: 'member' },
      { field: 'offer.expiresAt', op: 'lte', value: now.toISOString() },
    ]);
  }

  /** Tickets in the given statuses (scheduled rules look at these), oldest update first, at most 2,000. */
  byStatus(statuses: readonly string[]): Promise<TicketSnapshot[]> {
    return this.all<TicketDoc>([
      { field: 'docType', op: 'eq', value: 'ticket' },
      { field: 'status', op: 'in', values: [...statuses] },
    ]);
  }

  ownedOpen(agentId: string): Promise<TicketSnapshot[]> {
    return this.all<TicketDoc>([
      { field: 'docType', op: 'eq', value: 'ticket' },
      { field: 'ownerId', op: 'eq', value: agentId },
      { field: 'status', op: 'in', values: [...OPEN_STATUSES] },
    ]);
  }

  openAssists(agentId: string): Promise<AssistSnapshot[]> {
    return this.all<AssistDoc>([
      { field: 'docType', op: 'eq', value: 'assist' },
      { field: 'state', op: 'in', values: [...OPEN_ASSIST_STATES] },
      { field: 'expertAgentId', op: 'eq', value: agentId },
    ]);
  }

  private async all<T extends StoredDocument>(where: Parameters<DocumentStore['query']>[1]['where']): Promise<T[]> {
    const docs: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<T>('tickets', { where, limit: 100, ...(cursor ? { cursor } : {}) });
      docs.push(...page.items.map((i) => i.doc));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && docs.length < 2_000);
    return docs;
  }
}
