/**
 * Loading and saving a practice's aggregate (ADR 0025), once for changes and problems: point
 * read of the item in its own partition, lookup by number, load with its assists, the kernel's
 * atomic save batch, and the timeline. A practice's repository extends it with its list queries.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { WorkItemOutbox } from '../events/domain-event.js';
import type { DocumentStore, Page, StoredDocument, Versioned, WriteOperation } from '../ports/document-store.js';
import type { ContainerName } from '../storage/containers.js';
import type { WorkItemEntry } from '../timeline/timeline-entry.js';
import type { WorkItemCore, WorkItemKey } from './work-item.js';
import type { PendingChanges } from './work-item-draft.js';
import { assistsInPartition, entriesInPartition, workItemWrites } from './work-item-store.js';

/** What the repository needs of an aggregate: its snapshot and what it recorded since load. */
export interface SavableWorkItem<S extends WorkItemCore, K extends WorkItemKey> {
  readonly id: string;
  toSnapshot(): S;
  pendingChanges(): PendingChanges<K>;
}

export interface WorkItemShape<S, A, K extends WorkItemKey> {
  readonly container: ContainerName;
  readonly key: K;
  /** The item's own docType (`change`, `problem`): a point read of anything else is not found. */
  readonly docType: string;
  readonly fromSnapshot: (snapshot: S, assists: readonly AssistSnapshot<K>[]) => A;
  /** Documents derived from the item (index documents in its partition), upserted in the same batch. */
  readonly derived?: (snapshot: S) => readonly StoredDocument[];
  /**
   * The practice's derived documents to write in the same batch (a change's slots), from the item
   * as loaded (null when new) and as saved; only what changed.
   */
  readonly derivedWrites?: (before: S | null, after: S) => WriteOperation[];
}

export class WorkItemRepository<
  S extends WorkItemCore & { readonly docType: string },
  A extends SavableWorkItem<S, K>,
  K extends WorkItemKey,
> {
  constructor(
    protected readonly store: DocumentStore,
    protected readonly shape: WorkItemShape<S, A, K>,
  ) {}

  /** Each loaded item's snapshot as read: what its derived documents are diffed against. */
  private readonly loaded = new WeakMap<A, S>();

  async readSnapshot(id: string): Promise<Versioned<S & StoredDocument> | undefined> {
    const found = await this.store.read<S & StoredDocument>(this.shape.container, id, id);
    return found?.doc.docType === this.shape.docType ? found : undefined;
  }

  async findIdByNumber(number: string): Promise<string | undefined> {
    const page = await this.store.query<S & StoredDocument>(this.shape.container, {
      where: [
        { field: 'docType', op: 'eq', value: this.shape.docType },
        { field: 'number', op: 'eq', value: number.toUpperCase() },
      ],
      limit: 1,
    });
    return page.items[0]?.doc.id;
  }

  async load(id: string): Promise<{ readonly item: A; readonly etag: string } | undefined> {
    const found = await this.readSnapshot(id);
    if (!found) return undefined;
    const assists = await assistsInPartition(this.store, this.shape.container, this.shape.key, id);
    const item = this.shape.fromSnapshot(found.doc, assists);
    this.loaded.set(item, found.doc);
    return { item, etag: found.etag };
  }

  /** Writes the item and what it recorded since load; `etag` null means a new item. */
  async save(item: A, etag: string | null): Promise<{ etag: string; outbox: WorkItemOutbox<K>[] }> {
    const after = item.toSnapshot();
    const { operations, outbox } = workItemWrites(this.shape.key, after, etag, item.pendingChanges());
    // After the item's own write, so the batch's first etag stays the item's.
    const derived = (this.shape.derived?.(after) ?? []).map((doc) => ({ op: 'upsert' as const, doc }));
    const before = etag === null ? null : (this.loaded.get(item) ?? null);
    const diffed = this.shape.derivedWrites?.(before, after) ?? [];
    const etags = await this.store.batch(this.shape.container, item.id, [...operations, ...derived, ...diffed]);
    this.loaded.set(item, after);
    return { etag: etags[0] as string, outbox };
  }

  /** The item's timeline in order (one partition). */
  timeline(id: string, limit: number, cursor?: string): Promise<Page<WorkItemEntry<K> & StoredDocument>> {
    return entriesInPartition(this.store, this.shape.container, this.shape.key, id, limit, cursor);
  }
}
