/** The state of one open change: the work-item view (`$lib/work-item-view.svelte.ts`) over the change API. */

import { changesApi, type TChange } from '$lib/api/change-endpoints';
import { WorkItemView } from '$lib/work-item-view.svelte';

export class ChangeView extends WorkItemView<TChange> {
  constructor(key: string) {
    super(key, { get: changesApi.change, timeline: changesApi.timeline }, 'change');
  }

  get change(): TChange | null {
    return this.item;
  }
}
