/**
 * The state of one open work item (a change, a problem; ADR 0025): the item with its ETag and its
 * timeline, and the user's commands on it. Every write sends the ETag; a stale one (412, or the
 * kernel's concurrency conflict) raises `conflict` so the screen offers "reload", any other
 * refusal shows the API's words.
 */

import { ApiError, type ApiResult } from '$lib/api/client';
import { toastError } from '$lib/toasts.svelte';
import type { TWorkItemEntry } from '$shared/api/work-items.schemas';

export interface WorkItemReads<T> {
  get(key: string): Promise<ApiResult<T>>;
  timeline(key: string): Promise<TWorkItemEntry[]>;
}

export class WorkItemView<T extends { id: string }> {
  item = $state<T | null>(null);
  timeline = $state<TWorkItemEntry[]>([]);
  loading = $state(true);
  missing = $state<string | null>(null);
  conflict = $state(false);
  busy = $state(false);
  etag: string | null = null;
  /** Why the last command was refused (null when it went through). */
  lastError: ApiError | null = null;

  constructor(
    readonly key: string,
    private readonly reads: WorkItemReads<T>,
    private readonly noun: string,
  ) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      const [{ data, etag }, timeline] = await Promise.all([this.reads.get(this.key), this.reads.timeline(this.key)]);
      this.item = data;
      this.etag = etag;
      this.timeline = timeline;
      this.conflict = false;
      this.missing = null;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        this.missing = error.problem.detail;
      else toastError(error, `Could not load the ${this.noun}`);
    } finally {
      this.loading = false;
    }
  }

  /** Runs one command with the item's ETag, then takes the server's item and timeline. */
  async run(what: string, call: (id: string, etag: string | null) => Promise<ApiResult<T>>): Promise<boolean> {
    const item = this.item;
    if (!item) return false;
    this.busy = true;
    this.lastError = null;
    try {
      const result = await call(item.id, this.etag);
      this.item = result.data;
      this.etag = result.etag;
      this.timeline = await this.reads.timeline(item.id);
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
