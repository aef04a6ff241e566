/**
 * The list an admin page shows beside its editor: null while loading, reloaded after each save;
 * a failed load leaves it empty (or as it was) and hands the problem to the page's editor.
 */
import type { TProblem } from '$shared/api/common.schemas';
import { problemOf } from './sla/sla-admin';

export class AdminList<T> {
  items = $state<T[] | null>(null);

  constructor(
    private readonly fetch: () => Promise<T[]>,
    private readonly onProblem: (problem: TProblem) => void,
    /** Told the fresh list (e.g. to refresh the names the session shows). */
    private readonly onLoad?: (items: T[]) => void,
  ) {}

  load = async (): Promise<void> => {
    try {
      const items = await this.fetch();
      this.items = items;
      this.onLoad?.(items);
    } catch (error) {
      this.items ??= [];
      this.onProblem(problemOf(error));
    }
  };
}
