/**
 * A list screen's rows loaded page by page for its filters (the change and problem lists): the
 * first page again whenever the filters change (the previous request aborted), "Load more" with the
 * cursor, and the filters kept in the URL without a history entry.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';
import type { Page } from '$lib/api/endpoints';
import { toastError } from '$lib/toasts.svelte';

export class PagedList<T, Q extends { cursor?: string }> {
  loaded = $state<T[] | null>(null);
  cursor = $state<string | null>(null);
  loadingMore = $state(false);

  constructor(
    private readonly fetchPage: (query: Q, signal?: AbortSignal) => Promise<Page<T>>,
    /** "changes", "problems": how the messages name the rows. */
    private readonly noun: string,
  ) {}

  /** Loads the first page for `query`; the returned function aborts it (an `$effect`'s cleanup). */
  reload(query: Q): () => void {
    const controller = new AbortController();
    this.fetchPage(query, controller.signal)
      .then((p) => {
        this.loaded = p.items;
        this.cursor = p.nextCursor;
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException)) toastError(error, `Could not list the ${this.noun}`);
      });
    return () => controller.abort();
  }

  async more(query: Q): Promise<void> {
    if (!this.cursor) return;
    this.loadingMore = true;
    try {
      const next = await this.fetchPage({ ...query, cursor: this.cursor });
      this.loaded = [...(this.loaded ?? []), ...next.items];
      this.cursor = next.nextCursor;
    } catch (error) {
      toastError(error, `Could not load more ${this.noun}`);
    } finally {
      this.loadingMore = false;
    }
  }
}

/** Writes the filters into the URL (a filter at its default left out), replacing the history entry. */
export function keepFiltersInUrl(
  filters: Record<string, string>,
  isDefault: (key: string, value: string) => boolean,
): void {
  const url = new URL(page.url);
  for (const [k, v] of Object.entries(filters)) {
    if (v && !isDefault(k, v)) url.searchParams.set(k, v);
    else url.searchParams.delete(k);
  }
  if (url.search !== page.url.search) void goto(url, { replaceState: true, keepFocus: true, noScroll: true });
}
