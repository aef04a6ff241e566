/**
 * One kind of configuration document kept in its own partition of the `config` container
 * (ticket templates, macros): small sets read whole and filtered in memory, each write guarded by
 * its etag. Listing is a single-partition query with no ORDER BY, so it needs no composite index.
 */
import {
  ConcurrencyConflictError,
  type DocumentStore,
  type StoredDocument,
  type Versioned,
} from '../ports/document-store.js';

export class ConfigCollection<T extends StoredDocument & { readonly pk: string }> {
  constructor(
    private readonly store: DocumentStore,
    private readonly pk: T['pk'],
    private readonly docType: T['docType'],
  ) {}

  async all(): Promise<Versioned<T>[]> {
    const items: Versioned<T>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<T>('config', {
        partitionKey: this.pk,
        where: [
          { field: 'pk', op: 'eq', value: this.pk },
          { field: 'docType', op: 'eq', value: this.docType },
        ],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  get(id: string): Promise<Versioned<T> | undefined> {
    return this.store.read<T>('config', this.pk, id);
  }

  /** Throws ConcurrencyConflictError when the id exists. */
  async create(doc: T): Promise<string> {
    const [etag] = await this.store.batch('config', this.pk, [{ op: 'create', doc }]);
    return etag as string;
  }

  /** Throws ConcurrencyConflictError when `ifMatch` is stale or the document is gone. */
  async replace(doc: T, ifMatch?: string): Promise<string> {
    const [etag] = await this.store.batch('config', this.pk, [
      { op: 'replace', doc, ...(ifMatch !== undefined ? { ifMatch } : {}) },
    ]);
    return etag as string;
  }

  /**
   * Rewrites the document as `change` makes it from the current one, retried on a concurrent write
   * (a usage counter): undefined when it is gone or the writes kept racing `attempts` times.
   */
  async update(id: string, change: (current: T) => T, attempts = 5): Promise<T | undefined> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const found = await this.get(id);
      if (!found) return undefined;
      const next = change(found.doc);
      try {
        await this.replace(next, found.etag);
        return next;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
    return undefined;
  }

  async remove(id: string, ifMatch?: string): Promise<void> {
    await this.store.batch('config', this.pk, [{ op: 'delete', id, ...(ifMatch !== undefined ? { ifMatch } : {}) }]);
  }
}
