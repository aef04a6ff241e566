/**
 * Keeps the reporting read model in step with the tickets. Every domain event of a ticket makes
 * the projector read the ticket's stored state, compute its whole contribution (ticket-facts.ts)
 * and overwrite what the ticket held in each bucket, so a redelivered, late or reordered event can
 * only write the truth again: idempotent under at-least-once delivery, with nothing counted twice.
 * Crash safety: before touching buckets the ticket's report document records every bucket the
 * projection may touch (`pending`); the retry of a projection that died half-way cleans them all.
 * `rebuild` re-projects every ticket from the store (`npm run reports:rebuild`).
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { SlaConfig } from '../sla-engine/sla-config.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import { type Contribution, type Tally, tallyText } from './report-model.js';
import { type BucketChanges, ReportRepository, type TicketReportDoc, ticketReportPk } from './report-repository.js';
import { ticketContribution } from './ticket-facts.js';

const MAX_ROUNDS = 8;
const MAX_REMEMBERED = 20_000;
const REBUILD_PAGE = 500;
const REBUILD_PARALLEL = 8;

export interface ReportSettings {
  /** IANA zone whose days the buckets use (changing it needs `npm run reports:rebuild`). */
  readonly timeZone: string;
  /** Read the ticket again after projecting and project again if it moved on (several instances). */
  readonly verifyAfterWrite?: boolean;
}

export interface SlaConfigSource {
  current(): Promise<SlaConfig>;
}

const versionOf = (t: TicketSnapshot): string => `${t.lastSeq}:${t.updatedAt}:${t.slaMeta?.stampedAt ?? ''}`;

/** FNV-1a over the contribution's stable text: equal contributions, equal digests. */
export const contributionDigest = (c: Contribution): string => {
  let h = 0x811c9dc5;
  const text = [...c.keys()]
    .sort()
    .map((k) => `${k}=${tallyText(c.get(k) as NonNullable<ReturnType<Contribution['get']>>)}`)
    .join(';');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}.${text.length.toString(36)}`;
};

export class ReportProjector implements EventSubscriber {
  readonly name = 'reports';
  readonly handles = 'all' as const;
  readonly repository: ReportRepository;
  private readonly projected = new Map<string, string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Promise<void>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly tickets: TicketRepository,
    private readonly sla: SlaConfigSource,
    private readonly settings: ReportSettings,
  ) {
    this.repository = new ReportRepository(store);
  }

  async handle(event: DomainEvent): Promise<void> {
    await this.refresh(event.ticketId);
  }

  /** One projection of a ticket at a time per process; callers arriving meanwhile share the next one. */
  refresh(ticketId: string): Promise<void> {
    const waiting = this.waiting.get(ticketId);
    if (waiting) return waiting;
    const current = this.running.get(ticketId);
    if (!current) return this.start(ticketId);
    const next = current
      .catch(() => undefined)
      .then(() => {
        this.waiting.delete(ticketId);
        return this.start(ticketId);
      });
    this.waiting.set(ticketId, next);
    return next;
  }

  private start(ticketId: string): Promise<void> {
    const run = this.project(ticketId).finally(() => {
      if (this.running.get(ticketId) === run) this.running.delete(ticketId);
    });
    this.running.set(ticketId, run);
    return run;
  }

  private async project(ticketId: string): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const found = await this.tickets.readSnapshot(ticketId);
      const version = found ? versionOf(found.doc) : 'gone';
      if (this.projected.get(ticketId) === version) return;
      try {
        await this.write(ticketId, found?.doc, version);
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) continue;
        throw error;
      }
      if (this.settings.verifyAfterWrite) {
        const again = await this.tickets.readSnapshot(ticketId);
        if ((again ? versionOf(again.doc) : 'gone') !== version) continue;
      }
      this.remember(ticketId, version);
      return;
    }
    throw new Error(`reports: ticket ${ticketId} kept changing while it was projected; the event will retry`);
  }

  /** The ticket's contribution from its stored state (none for a ticket that is gone). */
  async contributionOf(ticket: TicketSnapshot | undefined, config?: SlaConfig): Promise<Contribution> {
    if (!ticket) return new Map();
    const { entries, assists } = await this.partsOf(ticket.id);
    return ticketContribution({
      ticket,
      entries,
      assists,
      config: config ?? (await this.sla.current()),
      timeZone: this.settings.timeZone,
    });
  }

  private async write(ticketId: string, ticket: TicketSnapshot | undefined, version: string): Promise<void> {
    const contribution = await this.contributionOf(ticket);
    const digest = contributionDigest(contribution);
    const record = await this.repository.readTicket(ticketId);
    if (record && record.doc.digest === digest && record.doc.pending.length === 0) return;
    const before = new Set([...(record?.doc.buckets ?? []), ...(record?.doc.pending ?? [])]);
    const touched = [...new Set([...before, ...contribution.keys()])];
    const base = { id: ticketId, pk: ticketReportPk(ticketId), docType: 'report-ticket' as const };
    const intent: TicketReportDoc = {
      ...base,
      version: record?.doc.version ?? '',
      digest: record?.doc.digest ?? '',
      buckets: record?.doc.buckets ?? [],
      pending: touched,
    };
    const etag = await this.repository.writeTicket(intent, record?.etag);
    const changes: BucketChanges = new Map(
      touched.map((key) => [key, new Map([[ticketId, contribution.get(key) ?? null]])]),
    );
    await this.repository.apply(changes);
    if (contribution.size === 0) await this.repository.deleteTicket(ticketId, etag);
    else
      await this.repository.writeTicket(
        { ...base, version, digest, buckets: [...contribution.keys()], pending: [] },
        etag,
      );
  }

  private remember(ticketId: string, version: string): void {
    if (this.projected.size >= MAX_REMEMBERED) this.projected.clear();
    this.projected.set(ticketId, version);
  }

  private async partsOf(ticketId: string): Promise<{ entries: TimelineEntry[]; assists: AssistSnapshot[] }> {
    const entries: TimelineEntry[] = [];
    const assists: AssistSnapshot[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<(TimelineEntry | AssistSnapshot) & StoredDocument>('tickets', {
        partitionKey: ticketId,
        where: [
          { field: 'ticketId', op: 'eq', value: ticketId },
          { field: 'docType', op: 'in', values: ['entry', 'assist'] },
        ],
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const { doc } of page.items) {
        if (doc.docType === 'assist') assists.push(doc as AssistSnapshot);
        else entries.push(doc as TimelineEntry);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { entries, assists };
  }

  /**
   * Empties the read model and projects every ticket again, a page at a time (each page's
   * contributions summed per bucket first, so a bucket is written once per page). Events handled
   * meanwhile project their ticket's current state too, so the result is the store's state.
   */
  async rebuild(progress?: (tickets: number) => void): Promise<{ tickets: number; buckets: number }> {
    this.projected.clear();
    await this.repository.clear();
    const config = await this.sla.current();
    const buckets = new Set<string>();
    let done = 0;
    let cursor: string | undefined;
    do {
      const page = await this.store.query<TicketSnapshot & StoredDocument>('tickets', {
        where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
        orderBy: [{ field: 'createdAt', direction: 'asc' }],
        limit: REBUILD_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const items = page.items.map((i) => i.doc);
      const contributions: Array<[TicketSnapshot, Contribution]> = [];
      for (let i = 0; i < items.length; i += REBUILD_PARALLEL) {
        const slice = items.slice(i, i + REBUILD_PARALLEL);
        const computed = await Promise.all(slice.map((t) => this.contributionOf(t, config)));
        for (const [j, t] of slice.entries()) contributions.push([t, computed[j] as Contribution]);
      }
      const changes: BucketChanges = new Map();
      for (const [ticket, contribution] of contributions)
        for (const [key, tally] of contribution) {
          const perTicket = changes.get(key) ?? new Map<string, Tally | null>();
          changes.set(key, perTicket);
          perTicket.set(ticket.id, tally);
          buckets.add(key);
        }
      await this.repository.apply(changes);
      for (let i = 0; i < contributions.length; i += REBUILD_PARALLEL * 4)
        await Promise.all(
          contributions.slice(i, i + REBUILD_PARALLEL * 4).map(async ([ticket, contribution]) => {
            if (contribution.size === 0) return;
            const doc: TicketReportDoc = {
              id: ticket.id,
              pk: ticketReportPk(ticket.id),
              docType: 'report-ticket',
              version: versionOf(ticket),
              digest: contributionDigest(contribution),
              buckets: [...contribution.keys()],
              pending: [],
            };
            await this.store.batch('reports', doc.pk, [{ op: 'upsert', doc }]);
          }),
        );
      done += items.length;
      progress?.(done);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { tickets: done, buckets: buckets.size };
  }
}
