/**
 * The reporting read model in the `reports` container. Per bucket two documents in the bucket's
 * own partition: its totals (what dashboards read) and the contributions it holds per ticket
 * (what makes a change idempotent: a ticket's contribution is overwritten, never added), written
 * together in one atomic batch. Per ticket one document lists the buckets it contributes to, so a
 * ticket that moves (another team, a reopen) is taken out of the buckets it left.
 */
import {
  ConcurrencyConflictError,
  type Condition,
  type DocumentStore,
  type StoredDocument,
  type WriteOperation,
} from '../ports/document-store.js';
import {
  addTally,
  bucketRefOf,
  type Dimensions,
  emptyTally,
  isEmptyTally,
  type ReportFamily,
  type Tally,
} from './report-model.js';

export interface BucketDoc extends StoredDocument {
  readonly pk: string;
  readonly docType: 'report-bucket';
  readonly family: ReportFamily;
  readonly day: string;
  /** Tickets created that day still open (indexed: the backlog reads only buckets with some). */
  readonly open: number;
  readonly n: Record<string, number>;
  readonly h: Tally['h'];
  readonly [dimension: string]: unknown;
}

interface ContributionsDoc extends StoredDocument {
  readonly pk: string;
  readonly docType: 'report-contrib';
  readonly tickets: Record<string, Tally>;
}

export interface TicketReportDoc extends StoredDocument {
  readonly pk: string;
  readonly docType: 'report-ticket';
  /** The ticket version last projected and a digest of its contribution. */
  readonly version: string;
  readonly digest: string;
  /** Buckets the ticket contributes to, and buckets a projection in flight may have touched. */
  readonly buckets: readonly string[];
  readonly pending: readonly string[];
}

/** Bucket key -> ticket id -> its new tally (null: remove the ticket from the bucket). */
export type BucketChanges = Map<string, Map<string, Tally | null>>;

const MAX_ATTEMPTS = 20;
const PARALLEL = 8;
export const ticketReportPk = (ticketId: string): string => `t:${ticketId}`;

export interface BucketFilter {
  readonly family: ReportFamily;
  readonly from: string;
  readonly to: string;
  /** Dimension -> allowed values (absent or empty: any). */
  readonly dims?: Readonly<Record<string, readonly string[] | undefined>>;
}

/** Dimensions the container indexes (containers.ts); the others are filtered after the query. */
const INDEXED_DIMENSIONS = new Set(['teamId', 'priority', 'type']);

const dimensionConditions = (dims: BucketFilter['dims']): Condition[] =>
  Object.entries(dims ?? {}).flatMap(([field, values]) =>
    values && values.length > 0 && INDEXED_DIMENSIONS.has(field) ? [{ field, op: 'in' as const, values }] : [],
  );

const passesDimensions = (doc: BucketDoc, dims: BucketFilter['dims']): boolean =>
  Object.entries(dims ?? {}).every(
    ([field, values]) => !values || values.length === 0 || values.includes(doc[field] as string),
  );

export interface DrillFilter extends BucketFilter {
  /** The counter (or duration) whose tickets are wanted; `open` reads the backlog, whatever the days. */
  readonly counter: string;
}

export class ReportRepository {
  constructor(private readonly store: DocumentStore) {}

  async readTicket(ticketId: string) {
    return this.store.read<TicketReportDoc>('reports', ticketReportPk(ticketId), ticketId);
  }

  async writeTicket(doc: TicketReportDoc, etag: string | undefined): Promise<string> {
    const op: WriteOperation = etag ? { op: 'replace', doc, ifMatch: etag } : { op: 'create', doc };
    const [next] = await this.store.batch('reports', doc.pk, [op]);
    return next as string;
  }

  async deleteTicket(ticketId: string, etag: string): Promise<void> {
    await this.store.batch('reports', ticketReportPk(ticketId), [{ op: 'delete', id: ticketId, ifMatch: etag }]);
  }

  /** Applies per-bucket changes; each bucket is one atomic read-modify-write, retried on a race. */
  async apply(changes: BucketChanges): Promise<void> {
    const keys = [...changes.keys()];
    for (let i = 0; i < keys.length; i += PARALLEL)
      await Promise.all(
        keys.slice(i, i + PARALLEL).map((key) => this.applyOne(key, changes.get(key) as Map<string, Tally | null>)),
      );
  }

  private async applyOne(key: string, tickets: Map<string, Tally | null>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.tryApply(key, tickets);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async tryApply(key: string, tickets: Map<string, Tally | null>): Promise<void> {
    const [bucket, contrib] = await Promise.all([
      this.store.read<BucketDoc>('reports', key, key),
      this.store.read<ContributionsDoc>('reports', key, `${key}~c`),
    ]);
    const held: Record<string, Tally> = { ...(contrib?.doc.tickets ?? {}) };
    const totals: Tally = bucket ? { n: { ...bucket.doc.n }, h: structuredClone(bucket.doc.h) } : emptyTally();
    let changed = false;
    for (const [ticketId, next] of tickets) {
      const previous = held[ticketId];
      if (!previous && !next) continue;
      if (previous) addTally(totals, previous, -1);
      if (next && !isEmptyTally(next)) {
        addTally(totals, next);
        held[ticketId] = next;
      } else delete held[ticketId];
      changed = true;
    }
    if (!changed) return;
    const ops: WriteOperation[] = [];
    if (Object.keys(held).length === 0) {
      if (bucket) ops.push({ op: 'delete', id: key, ifMatch: bucket.etag });
      if (contrib) ops.push({ op: 'delete', id: `${key}~c`, ifMatch: contrib.etag });
    } else {
      const ref = bucketRefOf(key);
      const bucketDoc: BucketDoc = {
        id: key,
        pk: key,
        docType: 'report-bucket',
        family: ref.family,
        day: ref.day,
        ...(ref.dims as Dimensions),
        open: totals.n.open ?? 0,
        n: totals.n,
        h: totals.h,
      };
      const contribDoc: ContributionsDoc = { id: `${key}~c`, pk: key, docType: 'report-contrib', tickets: held };
      ops.push(bucket ? { op: 'replace', doc: bucketDoc, ifMatch: bucket.etag } : { op: 'create', doc: bucketDoc });
      ops.push(contrib ? { op: 'replace', doc: contribDoc, ifMatch: contrib.etag } : { op: 'create', doc: contribDoc });
    }
    if (ops.length > 0) await this.store.batch('reports', key, ops);
  }

  /** Every bucket of a family whose day is in [from, to] and whose dimensions pass the filter. */
  async buckets(filter: BucketFilter): Promise<BucketDoc[]> {
    const out: BucketDoc[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<BucketDoc>('reports', {
        where: [
          { field: 'docType', op: 'eq', value: 'report-bucket' },
          { field: 'family', op: 'eq', value: filter.family },
          { field: 'day', op: 'gte', value: filter.from },
          { field: 'day', op: 'lte', value: filter.to },
          ...dimensionConditions(filter.dims),
        ],
        limit: 5_000,
        ...(cursor ? { cursor } : {}),
      });
      for (const item of page.items) if (passesDimensions(item.doc, filter.dims)) out.push(item.doc);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  /**
   * The tickets behind a figure: the contributions of the matching buckets that hold the counter.
   * Exact by construction: the same contributions the figure was summed from.
   */
  async ticketIds(filter: DrillFilter): Promise<string[]> {
    const { counter } = filter;
    const backlog = counter === 'open' && filter.family !== 'assists';
    const buckets = (backlog ? await this.openBuckets(filter.family, filter.dims) : await this.buckets(filter)).filter(
      (b) => (b.n[counter] ?? 0) > 0 || b.h[counter] !== undefined,
    );
    const ids = new Set<string>();
    for (let i = 0; i < buckets.length; i += PARALLEL * 4) {
      const docs = await Promise.all(
        buckets.slice(i, i + PARALLEL * 4).map((b) => this.store.read<ContributionsDoc>('reports', b.pk, `${b.id}~c`)),
      );
      for (const doc of docs)
        for (const [ticketId, t] of Object.entries(doc?.doc.tickets ?? {}))
          if ((t.n[counter] ?? 0) > 0 || t.h[counter] !== undefined) ids.add(ticketId);
    }
    return [...ids].sort();
  }

  /** Buckets of a family holding open tickets, whatever their day (backlog, workload). */
  async openBuckets(family: ReportFamily, dims?: BucketFilter['dims']): Promise<BucketDoc[]> {
    const out: BucketDoc[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<BucketDoc>('reports', {
        where: [
          { field: 'docType', op: 'eq', value: 'report-bucket' },
          { field: 'family', op: 'eq', value: family },
          { field: 'open', op: 'gt', value: 0 },
          ...dimensionConditions(dims),
        ],
        limit: 5_000,
        ...(cursor ? { cursor } : {}),
      });
      for (const item of page.items) if (passesDimensions(item.doc, dims)) out.push(item.doc);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  /** Removes every document of the read model (a rebuild starts from nothing). */
  async clear(progress?: (removed: number) => void): Promise<number> {
    let removed = 0;
    for (const docType of ['report-bucket', 'report-contrib', 'report-ticket']) {
      for (;;) {
        const page = await this.store.query<StoredDocument & { pk: string }>('reports', {
          where: [{ field: 'docType', op: 'eq', value: docType }],
          limit: 500,
        });
        if (page.items.length === 0) break;
        for (let i = 0; i < page.items.length; i += PARALLEL * 4)
          await Promise.all(
            page.items.slice(i, i + PARALLEL * 4).map(async ({ doc, etag }) => {
              await this.store
                .batch('reports', doc.pk, [{ op: 'delete', id: doc.id, ifMatch: etag }])
                .catch((error: unknown) => {
                  if (!(error instanceof ConcurrencyConflictError)) throw error;
                });
            }),
          );
        removed += page.items.length;
        progress?.(removed);
      }
    }
    return removed;
  }
}
