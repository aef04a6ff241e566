/**
 * The state of one open change: the change with its ETag and its timeline, and the user's
 * commands on it (accept, transfer, move, schedule, plan, note). Every write sends the ETag; a
 * 409/412 raises `conflict` so the screen offers "reload", any other refusal shows the API's words.
 */

import { changesApi, type TChange, type TChangeEntry } from '$lib/api/change-endpoints';
import { ApiError, type ApiResult } from '$lib/api/client';
import { toastError } from '$lib/toasts.svelte';

export class ChangeView {
  change = $state<TChange | null>(null);
  timeline = $state<TChangeEntry[]>([]);
  loading = $state(true);
  missing = $state<string | null>(null);
  conflict = $state(false);
  busy = $state(false);
  etag: string | null = null;
  /** Why the last command was refused (null when it went through). */
  lastError: ApiError | null = null;

  constructor(readonly key: string) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      const [{ data, etag }, timeline] = await Promise.all([
        changesApi.change(this.key),
        changesApi.timeline(this.key),
      ]);
      this.change = data;
      this.etag = etag;
      this.timeline = timeline;
      this.conflict = false;
      this.missing = null;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        this.missing = error.problem.detail;
      else toastError(error, 'Could not load the change');
    } finally {
      this.loading = false;
    }
  }

  /** Runs one command with the change's ETag, then takes the server's change and timeline. */
  async run(what: string, call: (id: string, etag: string | null) => Promise<ApiResult<TChange>>): Promise<boolean> {
    const change = this.change;
    if (!change) return false;
    this.busy = true;
    this.lastError = null;
    try {
      const result = await call(change.id, this.etag);
      this.change = result.data;
      this.etag = result.etag;
      this.timeline = await changesApi.timeline(change.id);
      return true;
    } catch (error) {
      if (error instanceof ApiError) this.lastError = error;
      // 409 is also a refusal with reasons (a schedule's conflicts); only a stale ETag asks for a reload.
      if (error instanceof ApiError && (error.status === 412 || error.code === 'CONCURRENCY.CONFLICT'))
        this.conflict = true;
      toastError(error, what);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
