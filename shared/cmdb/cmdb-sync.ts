/**
 * The CMDB sync of one CmdbSource (Valuemation, a folder of exports), run by the `cmdb-sync`
 * timer. A run is full the first time (and when an admin asks, or every `fullEveryHours`), then
 * incremental from the watermark: the newest modification time seen, less a small overlap since
 * a source may commit out of order (records already held are skipped). A run lists CIs, then
 * relations, page by page; after each page's records are written the cursor is saved, so a run
 * killed at any point resumes at the page it was on. A full run of a complete listing finally
 * retires the CIs the source no longer lists (never deletes them: tickets keep their links).
 * One run at a time per source: the run is claimed in the state document (owner + heartbeat,
 * etag-guarded); a run whose heartbeat went stale (a crashed process) is taken over where it was.
 */
import type { TCmdbSyncStatus } from '../api/cmdb-sync.schemas.js';
import type { Clock } from '../ports/clock.js';
import {
  type CmdbSource,
  SourceCursorExpiredError,
  type SourcePage,
  type SourcePageRequest,
} from '../ports/cmdb-source.js';
import { ConcurrencyConflictError } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { type PageOutcome, SyncWriter, type SyncWriterDeps } from './cmdb-sync-apply.js';
import {
  addCounts,
  MAX_PROBLEMS,
  type SyncMode,
  type SyncRun,
  type SyncStateDoc,
  SyncStateStore,
  ZERO_COUNTS,
} from './cmdb-sync-state.js';

export interface CmdbSyncSettings {
  readonly pageSize: number;
  /** Hours between full runs after the first (null: only the first and the ones an admin asks for). */
  readonly fullEveryHours: number | null;
  /** A run whose heartbeat is older than this is taken over (its process died). */
  readonly staleAfterMs: number;
  /** One invocation stops after this long; the next one resumes from the saved cursor. */
  readonly maxRunMs: number;
}

export const DEFAULT_SYNC_SETTINGS: CmdbSyncSettings = {
  pageSize: 500,
  fullEveryHours: 24,
  staleAfterMs: 120_000,
  maxRunMs: 9 * 60_000,
};

export type SyncInvocation =
  | { readonly outcome: 'finished'; readonly runId: string; readonly mode: SyncMode; readonly pages: number }
  | { readonly outcome: 'paused'; readonly runId: string; readonly pages: number }
  | { readonly outcome: 'busy' }
  /** `repeated`: the previous invocation failed the same way (said once, not every minute). */
  | { readonly outcome: 'failed'; readonly message: string; readonly repeated: boolean };

export interface CmdbSyncDeps extends SyncWriterDeps {
  readonly source: CmdbSource;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly log?: (line: string) => void;
}

export class CmdbSync {
  readonly state: SyncStateStore;
  private readonly writer: SyncWriter;
  /** This instance's claim on runs. */
  private readonly owner: string;

  constructor(
    private readonly deps: CmdbSyncDeps,
    private readonly settings: CmdbSyncSettings = DEFAULT_SYNC_SETTINGS,
  ) {
    this.state = new SyncStateStore(deps.store, deps.source.id);
    this.writer = new SyncWriter(deps, deps.source.origin);
    this.owner = deps.ids.next('sync_');
  }

  get source(): CmdbSource {
    return this.deps.source;
  }

  /** What the admin page shows: watermarks, the run going on, the last one, the last failure. */
  async status(): Promise<TCmdbSyncStatus['items'][number]> {
    const { state } = await this.state.load();
    const run = state.run;
    return {
      source: this.source.id,
      origin: this.source.origin,
      cisWatermark: state.cisWatermark,
      relationsWatermark: state.relationsWatermark,
      lastFullAt: state.lastFullAt,
      fullRequested: state.fullRequested,
      running: run
        ? {
            id: run.id,
            mode: run.mode,
            phase: run.phase,
            startedAt: run.startedAt,
            heartbeatAt: run.heartbeatAt,
            pages: run.pages,
            counts: run.counts,
          }
        : null,
      lastRun: state.lastRun ? { ...state.lastRun, problems: [...state.lastRun.problems] } : null,
      lastError: state.lastError,
    };
  }

  /** Asks for a full run: the next invocation starts one (a run in progress finishes first). */
  async requestFull(): Promise<void> {
    for (;;) {
      const { state, etag } = await this.state.load();
      try {
        await this.state.save({ ...state, fullRequested: true }, etag);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
  }

  /**
   * Continues the run in progress or starts one, and goes on until it is finished or `maxRunMs`
   * passed. `options.stopAfterPages` stops early (tests: a run left half-way).
   */
  async run(options: { stopAfterPages?: number } = {}): Promise<SyncInvocation> {
    const started = this.deps.clock.now().getTime();
    let loaded = await this.state.load();
    const claimed = this.claim(loaded.state);
    if (!claimed) return { outcome: 'busy' };
    let etag: string;
    try {
      etag = await this.state.save(claimed, loaded.etag);
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) return { outcome: 'busy' };
      throw error;
    }
    loaded = { state: claimed, etag };
    let state = claimed;
    let pages = 0;
    try {
      for (;;) {
        const run = state.run as SyncRun;
        if (run.phase === 'reconcile') {
          state = await this.reconcile(state);
          etag = await this.state.save(state, etag);
          if (!state.run) return { outcome: 'finished', runId: run.id, mode: run.mode, pages: run.pages };
          continue;
        }
        const step = await this.page(state);
        etag = await this.state.save(step.state, etag, step.seen);
        state = step.state;
        pages++;
        if (!state.run) return { outcome: 'finished', runId: run.id, mode: run.mode, pages: run.pages + 1 };
        const stop =
          (options.stopAfterPages !== undefined && pages >= options.stopAfterPages) ||
          this.deps.clock.now().getTime() - started > this.settings.maxRunMs;
        if (stop && state.run) {
          // Let go of the run, so the next tick (on any instance) continues it at once.
          await this.state.save({ ...state, run: { ...state.run, owner: '' } }, etag);
          return { outcome: 'paused', runId: state.run.id, pages };
        }
      }
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) return { outcome: 'busy' };
      const message = error instanceof Error ? error.message : String(error);
      // The run stays where its last page left it; the next invocation retries from there.
      const repeated = await this.recordFailure(message).catch(() => false);
      return { outcome: 'failed', message, repeated };
    }
  }

  /** The state with this instance's run claimed (a new one, or the one in progress), or null when busy. */
  private claim(state: SyncStateDoc): SyncStateDoc | null {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const run = state.run;
    if (run) {
      const fresh = now.getTime() - Date.parse(run.heartbeatAt) < this.settings.staleAfterMs;
      if (fresh && run.owner !== this.owner && run.owner !== '') return null;
      return { ...state, run: { ...run, owner: this.owner, heartbeatAt: at } };
    }
    const fullDue =
      state.lastFullAt === null ||
      state.fullRequested ||
      (this.settings.fullEveryHours !== null &&
        now.getTime() - Date.parse(state.lastFullAt) >= this.settings.fullEveryHours * 3_600_000);
    const since = (watermark: string | null) =>
      fullDue || watermark === null
        ? null
        : new Date(Math.max(0, Date.parse(watermark) - this.source.listingOverlapMs)).toISOString();
    return {
      ...state,
      fullRequested: false,
      run: {
        id: this.deps.ids.next('run_'),
        mode: fullDue ? 'full' : 'incremental',
        phase: 'cis',
        cursor: null,
        cisSince: since(state.cisWatermark),
        relationsSince: since(state.relationsWatermark),
        maxCiModifiedAt: state.cisWatermark,
        maxRelationModifiedAt: state.relationsWatermark,
        pages: 0,
        counts: ZERO_COUNTS,
        problems: [],
        startedAt: at,
        owner: this.owner,
        heartbeatAt: at,
      },
    };
  }

  /** Reads and writes the next page of the run's phase; the state to save after it. */
  private async page(state: SyncStateDoc): Promise<{
    state: SyncStateDoc;
    seen?: { page: number; externalIds: readonly string[] };
  }> {
    const run = state.run as SyncRun;
    const cis = run.phase === 'cis';
    const request: SourcePageRequest = {
      modifiedSince: cis ? run.cisSince : run.relationsSince,
      cursor: run.cursor,
      pageSize: this.settings.pageSize,
    };
    const read = async <T>(fetch: (r: SourcePageRequest) => Promise<SourcePage<T>>): Promise<SourcePage<T>> => {
      try {
        return await fetch(request);
      } catch (error) {
        // The source forgot our cursor: list this phase again from its start (writes are idempotent).
        if (!(error instanceof SourceCursorExpiredError) || request.cursor === null) throw error;
        this.deps.log?.(`cmdb sync (${this.source.id}): page cursor expired; listing the ${run.phase} again`);
        return fetch({ ...request, cursor: null });
      }
    };
    let outcome: PageOutcome;
    let page: SourcePage<{ externalId: string; modifiedAt: string }>;
    let listed: string[] | undefined;
    if (cis) {
      const p = await read((r) => this.source.readCis(r));
      outcome = await this.writer.writeCis(p.items);
      page = p;
      if (run.mode === 'full' && this.source.completeListing)
        listed = p.items.filter((i) => !i.deleted).map((i) => i.externalId);
    } else {
      const p = await read((r) => this.source.readRelations(r));
      outcome = await this.writer.writeRelations(p.items);
      page = p;
    }
    const newest = page.items.reduce<string | null>(
      (max, i) => (max === null || i.modifiedAt > max ? i.modifiedAt : max),
      cis ? run.maxCiModifiedAt : run.maxRelationModifiedAt,
    );
    const last = page.nextCursor === null;
    const nextPhase = cis ? 'relations' : run.mode === 'full' && this.source.completeListing ? 'reconcile' : null;
    const next: SyncRun = {
      ...run,
      cursor: page.nextCursor,
      phase: last && nextPhase ? nextPhase : run.phase,
      ...(cis ? { maxCiModifiedAt: newest } : { maxRelationModifiedAt: newest }),
      pages: run.pages + 1,
      counts: addCounts(run.counts, outcome.counts),
      problems: [...run.problems, ...outcome.problems].slice(0, MAX_PROBLEMS),
      heartbeatAt: this.deps.clock.now().toISOString(),
    };
    const nextState = last && !nextPhase ? this.finish(state, next) : { ...state, run: next };
    return listed ? { state: nextState, seen: { page: run.pages, externalIds: listed } } : { state: nextState };
  }

  /** Retires the source's CIs the full listing did not name; then the run is finished. */
  private async reconcile(state: SyncStateDoc): Promise<SyncStateDoc> {
    const run = state.run as SyncRun;
    const seen = await this.state.seen(run.id);
    let retired = 0;
    const problems = [...run.problems];
    // An empty listing is far likelier a permission or API fault than an empty CMDB: retire nothing.
    if (seen.size === 0)
      problems.push({
        kind: 'ci',
        externalId: '*',
        reason: 'the full listing named no CI; nothing was retired',
        severity: 'warning',
      });
    else
      for await (const held of this.writer.heldCis(`${this.source.id}:`))
        for (const ci of held) if (!seen.has(ci.doc.externalId as string) && (await this.writer.retire(ci))) retired++;
    await this.state.clearSeen();
    return this.finish(state, {
      ...run,
      counts: addCounts(run.counts, { retired }),
      problems: problems.slice(0, MAX_PROBLEMS),
    });
  }

  private finish(state: SyncStateDoc, run: SyncRun): SyncStateDoc {
    const at = this.deps.clock.now().toISOString();
    return {
      ...state,
      cisWatermark: run.maxCiModifiedAt,
      relationsWatermark: run.maxRelationModifiedAt,
      lastFullAt: run.mode === 'full' ? run.startedAt : state.lastFullAt,
      run: null,
      lastError: null,
      lastRun: {
        id: run.id,
        mode: run.mode,
        startedAt: run.startedAt,
        finishedAt: at,
        pages: run.pages,
        counts: run.counts,
        problems: run.problems,
      },
    };
  }

  /** Records the failure on the state; true when it is the one already recorded. */
  private async recordFailure(message: string): Promise<boolean> {
    const { state, etag } = await this.state.load();
    const run = state.run && state.run.owner === this.owner ? { ...state.run, owner: '' } : state.run;
    await this.state.save({ ...state, run, lastError: { at: this.deps.clock.now().toISOString(), message } }, etag);
    return state.lastError?.message === message;
  }
}
