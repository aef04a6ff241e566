/**
 * The sync's memory, one document per source in its own partition of `cis` (`sync:<source>`):
 * the watermarks, the run in progress (phase, page cursor, counts, who runs it and its heartbeat)
 * and the last finished run for the admin page. The page cursor is written only after the page's
 * CIs are, in one etag-guarded write, so a crash repeats at most one page and never skips one.
 * During a full run each page's external ids are kept beside it (`…-seen-<run>-<page>`, same
 * partition, same batch as the cursor), so CIs no longer listed can be retired after a crash too.
 */
import type { DocumentStore, StoredDocument, WriteOperation } from '../ports/document-store.js';

const CIS = 'cis' as const;

export type SyncPhase = 'cis' | 'relations' | 'reconcile';
export type SyncMode = 'full' | 'incremental';

export interface SyncCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly retired: number;
  readonly rejected: number;
  readonly relationsAdded: number;
  readonly relationsRemoved: number;
  readonly relationsRejected: number;
}

export const ZERO_COUNTS: SyncCounts = {
  created: 0,
  updated: 0,
  unchanged: 0,
  retired: 0,
  rejected: 0,
  relationsAdded: 0,
  relationsRemoved: 0,
  relationsRejected: 0,
};

export const addCounts = (a: SyncCounts, b: Partial<SyncCounts>): SyncCounts =>
  Object.fromEntries(
    Object.entries(a).map(([k, v]) => [k, v + (b[k as keyof SyncCounts] ?? 0)]),
  ) as unknown as SyncCounts;

export interface SyncProblem {
  readonly kind: 'ci' | 'relation';
  readonly externalId: string;
  readonly reason: string;
  readonly line?: number;
  /** A warning took the record with a note; a rejection left it out. */
  readonly severity: 'rejected' | 'warning';
}

/** At most this many problems are kept per run (the counts stay exact). */
export const MAX_PROBLEMS = 200;

export interface SyncRun {
  readonly id: string;
  readonly mode: SyncMode;
  readonly phase: SyncPhase;
  readonly cursor: string | null;
  /** The `modifiedSince` of this run's listings (null on a full run). */
  readonly cisSince: string | null;
  readonly relationsSince: string | null;
  /** The newest modification seen so far: the next watermark. */
  readonly maxCiModifiedAt: string | null;
  readonly maxRelationModifiedAt: string | null;
  readonly pages: number;
  readonly counts: SyncCounts;
  readonly problems: readonly SyncProblem[];
  readonly startedAt: string;
  readonly owner: string;
  readonly heartbeatAt: string;
}

export interface SyncRunSummary {
  readonly id: string;
  readonly mode: SyncMode;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly pages: number;
  readonly counts: SyncCounts;
  readonly problems: readonly SyncProblem[];
}

export interface SyncStateDoc {
  readonly id: string;
  /** Partition key: equals `id`. */
  readonly ciId: string;
  readonly docType: 'cmdb-sync';
  readonly source: string;
  readonly cisWatermark: string | null;
  readonly relationsWatermark: string | null;
  readonly lastFullAt: string | null;
  /** An admin asked for a full run: the next run is one. */
  readonly fullRequested: boolean;
  readonly run: SyncRun | null;
  readonly lastRun: SyncRunSummary | null;
  /** The last failure reading the source (cleared by a run that finishes). */
  readonly lastError: { readonly at: string; readonly message: string } | null;
}

interface SeenDoc {
  readonly id: string;
  readonly ciId: string;
  readonly docType: 'cmdb-sync-seen';
  readonly runId: string;
  readonly externalIds: readonly string[];
}

export const syncStateId = (source: string): string => `sync:${source}`;

const asDoc = <T extends object>(value: T): StoredDocument => value as unknown as StoredDocument;

export const emptyState = (source: string): SyncStateDoc => ({
  id: syncStateId(source),
  ciId: syncStateId(source),
  docType: 'cmdb-sync',
  source,
  cisWatermark: null,
  relationsWatermark: null,
  lastFullAt: null,
  fullRequested: false,
  run: null,
  lastRun: null,
  lastError: null,
});

export class SyncStateStore {
  constructor(
    private readonly store: DocumentStore,
    private readonly source: string,
  ) {}

  private get pk(): string {
    return syncStateId(this.source);
  }

  /** The state and its etag (null: never written). */
  async load(): Promise<{ state: SyncStateDoc; etag: string | null }> {
    const found = await this.store.read<SyncStateDoc & StoredDocument>(CIS, this.pk, this.pk);
    return found ? { state: found.doc, etag: found.etag } : { state: emptyState(this.source), etag: null };
  }

  /**
   * Writes the state guarded by `etag` (ConcurrencyConflictError when someone else wrote it),
   * with the external ids a full run's page listed, in one batch. Returns the new etag.
   */
  async save(state: SyncStateDoc, etag: string | null, seen?: { page: number; externalIds: readonly string[] }) {
    const ops: WriteOperation[] = [
      etag === null ? { op: 'create', doc: asDoc(state) } : { op: 'replace', doc: asDoc(state), ifMatch: etag },
    ];
    if (seen && state.run) {
      const doc: SeenDoc = {
        id: `${this.pk}-seen-${state.run.id}-${String(seen.page).padStart(6, '0')}`,
        ciId: this.pk,
        docType: 'cmdb-sync-seen',
        runId: state.run.id,
        externalIds: seen.externalIds,
      };
      ops.push({ op: 'upsert', doc: asDoc(doc) });
    }
    const [newEtag] = await this.store.batch(CIS, this.pk, ops);
    return newEtag as string;
  }

  /** Every external id a full run's pages listed. */
  async seen(runId: string): Promise<Set<string>> {
    const out = new Set<string>();
    for (const doc of await this.seenDocs()) if (doc.runId === runId) for (const id of doc.externalIds) out.add(id);
    return out;
  }

  /** Drops the seen lists of every run (after a full run finished, or of a run that was given up). */
  async clearSeen(): Promise<void> {
    const docs = await this.seenDocs();
    for (let i = 0; i < docs.length; i += 100)
      await this.store.batch(
        CIS,
        this.pk,
        docs.slice(i, i + 100).map((d) => ({ op: 'delete', id: d.id })),
      );
  }

  private async seenDocs(): Promise<SeenDoc[]> {
    const out: SeenDoc[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<SeenDoc & StoredDocument>(CIS, {
        partitionKey: this.pk,
        where: [{ field: 'docType', op: 'eq', value: 'cmdb-sync-seen' }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items.map((v) => v.doc));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }
}
