/**
 * Rebuilding the ticket index from the store, safe across crashes and stops. A state document in
 * the `config` container says a rebuild started and is marked complete only after the last ticket
 * was written, so a rebuild cut off half-way (a crash, Ctrl-C, a deploy) is taken up again at the
 * next start instead of leaving a half-filled index that looks fine. At start the product also
 * rebuilds when the index is empty while the store holds tickets (a new or lost search.db, a new
 * Azure index). One rebuild runs at a time in a process: asking while one runs joins it.
 */
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { SearchIndex } from '../ports/search-index.js';
import type { TicketSearchIndexer } from './ticket-search-indexer.js';

const STATE_PK = 'search-index';

interface RebuildState extends StoredDocument {
  readonly pk: typeof STATE_PK;
  readonly docType: 'search-index-state';
  readonly state: 'rebuilding' | 'complete';
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly indexed: number;
}

export interface RunningRebuild {
  readonly done: Promise<void>;
  /** Stops a rebuild in progress (it stays marked unfinished, so the next start takes it up). */
  stop(): Promise<void>;
}

export class SearchRebuild {
  private running: Promise<{ indexed: number }> | undefined;
  private readonly controller = new AbortController();

  constructor(
    private readonly store: DocumentStore,
    private readonly index: SearchIndex,
    private readonly indexer: TicketSearchIndexer,
    private readonly clock: Clock,
  ) {}

  private readState(): Promise<{ doc: RebuildState } | undefined> {
    return this.store.read<RebuildState>('config', STATE_PK, this.index.schema.name);
  }

  private async writeState(state: RebuildState['state'], startedAt: string, indexed: number): Promise<void> {
    const doc: RebuildState = {
      id: this.index.schema.name,
      pk: STATE_PK,
      docType: 'search-index-state',
      state,
      startedAt,
      completedAt: state === 'complete' ? this.clock.now().toISOString() : null,
      indexed,
    };
    await this.store.batch('config', STATE_PK, [{ op: 'upsert', doc }]);
  }

  /** Why the index must be rebuilt now, or undefined when it is in step. */
  async reason(): Promise<string | undefined> {
    const state = await this.readState();
    if (state?.doc.state === 'rebuilding') return `a rebuild started at ${state.doc.startedAt} did not finish`;
    if ((await this.index.count()) > 0) return undefined;
    const any = await this.store.query('tickets', {
      where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
      limit: 1,
    });
    return any.items.length > 0 ? 'the index is empty but the store holds tickets' : undefined;
  }

  /** Empties the index and writes every ticket again; joins a rebuild already running. */
  run(progress?: (indexed: number) => void): Promise<{ indexed: number }> {
    if (!this.running) {
      this.running = this.rebuild(progress).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async rebuild(progress?: (indexed: number) => void): Promise<{ indexed: number }> {
    const startedAt = this.clock.now().toISOString();
    await this.writeState('rebuilding', startedAt, 0);
    const result = await this.indexer.rebuild(progress, this.controller.signal);
    await this.writeState('complete', startedAt, result.indexed);
    return result;
  }

  /** At start: rebuilds in the background when needed (stoppable). */
  startIfNeeded(log: (line: string) => void): RunningRebuild {
    const done = (async () => {
      const reason = await this.reason();
      if (!reason) return;
      log(`search: rebuilding the index from the store in the background (${reason})`);
      const { indexed } = await this.run();
      log(`search: index rebuilt (${indexed} tickets)`);
    })().catch((error: unknown) => {
      if (!this.controller.signal.aborted) log(`search: rebuilding the index failed: ${(error as Error).message}`);
    });
    return {
      done,
      stop: async () => {
        this.controller.abort();
        await done;
      },
    };
  }
}
