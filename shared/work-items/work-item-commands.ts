/**
 * The one way a command changes a work item, for every practice (ADR 0025): load -> domain
 * method -> save (atomic batch with entries and outbox). Stale writes are retried only when the
 * caller says the command is safe to replay (appending a note); otherwise they surface as
 * CONCURRENCY.CONFLICT, and a stale If-Match as REQUEST.PRECONDITION_FAILED.
 */
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { ConcurrencyConflictError } from '../ports/document-store.js';

export interface RunOptions {
  /** Replay the command on a concurrent write (only for commands whose outcome cannot depend on the race). */
  readonly retryOnConflict?: boolean;
  /** The ETag the caller last saw (If-Match); a mismatch is REQUEST.PRECONDITION_FAILED. */
  readonly ifMatch?: string;
}

export interface RunSpec<A, T, S> {
  /** "ticket", "change": for the refusals' messages. */
  readonly noun: string;
  readonly load: () => Promise<{ readonly item: A; readonly etag: string } | undefined>;
  readonly notFound: () => Result<never>;
  readonly context: () => ChangeContext;
  readonly command: (item: A, ctx: ChangeContext) => Result<T>;
  readonly save: (item: A, etag: string) => Promise<S>;
  readonly options: RunOptions;
}

/**
 * How long a replay-safe command keeps retrying a conflict. Found on Cosmos DB (each attempt is a
 * network round trip): 100 notes written at once to one ticket gave up after 40 attempts with
 * full jitter capped at 50 ms; capping the jitter at 250 ms spreads the writers so every one gets
 * its turn (about 6 s at worst for the last of 100).
 */
const MAX_ATTEMPTS = 60;
const MAX_BACKOFF_MS = 250;

export async function runOnWorkItem<A, T, S>(spec: RunSpec<A, T, S>): Promise<Result<{ item: A; saved: S; value: T }>> {
  const { options } = spec;
  for (let attempt = 1; ; attempt++) {
    const loaded = await spec.load();
    if (!loaded) return spec.notFound();
    if (options.ifMatch !== undefined && options.ifMatch !== loaded.etag)
      return fail('REQUEST.PRECONDITION_FAILED', `The ${spec.noun} changed since you loaded it (If-Match)`);
    const result = spec.command(loaded.item, spec.context());
    if (!result.ok) return result;
    try {
      const saved = await spec.save(loaded.item, loaded.etag);
      return ok({ item: loaded.item, saved, value: result.value });
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      if (!options.retryOnConflict || options.ifMatch !== undefined || attempt >= MAX_ATTEMPTS)
        return fail('CONCURRENCY.CONFLICT', `Someone else changed the ${spec.noun} at the same time; reload and retry`);
      await backoff(attempt);
    }
  }
}

const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, MAX_BACKOFF_MS)));
