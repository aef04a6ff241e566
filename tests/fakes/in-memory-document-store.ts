/**
 * An in-memory DocumentStore for unit and handler tests: the port's semantics (atomic batch,
 * etag guards, filters, ordering, keyset cursors) with none of the I/O. It also runs the
 * contract suite, so it cannot drift from the real adapters.
 */
import {
  type Comparison,
  ConcurrencyConflictError,
  type Condition,
  type DocumentStore,
  InvalidCursorError,
  type OrderBy,
  type Page,
  type QuerySpec,
  type Scalar,
  type StoredDocument,
  type Versioned,
  type WriteOperation,
} from '../../shared/ports/document-store.js';
import { type ContainerName, partitionKeyField } from '../../shared/storage/containers.js';
import { assertServedByIndex } from '../../shared/storage/index-coverage.js';

type Row = { doc: StoredDocument; etag: string };

const valueAt = (doc: StoredDocument, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      doc,
    );

const matches = (doc: StoredDocument, c: Condition): boolean => {
  if ('anyOf' in c) return c.anyOf.some((inner) => matches(doc, inner));
  const cmp = c as Comparison;
  const v = valueAt(doc, cmp.field) as Scalar | undefined;
  switch (cmp.op) {
    case 'isNull':
      return v === null || v === undefined;
    case 'notNull':
      return v !== null && v !== undefined;
    case 'eq':
      return cmp.value === null ? v === null || v === undefined : v === cmp.value;
    case 'ne':
      return v !== cmp.value;
    case 'in':
      return cmp.values.includes(v ?? null);
    case 'contains':
      return typeof v === 'string' && v.toLowerCase().includes(cmp.value.toLowerCase());
    default: {
      if (v === null || v === undefined || cmp.value === null) return false;
      const [a, b] = [v as string | number, cmp.value as string | number];
      return cmp.op === 'lt' ? a < b : cmp.op === 'lte' ? a <= b : cmp.op === 'gt' ? a > b : a >= b;
    }
  }
};

const compare = (a: StoredDocument, b: StoredDocument, order: readonly OrderBy[]): number => {
  // Like the adapters: `id` breaks ties in the direction of the last sort field.
  const tieBreak = { field: 'id', direction: order.at(-1)?.direction ?? ('asc' as const) };
  for (const { field, direction } of [...order, tieBreak]) {
    const [x, y] = [valueAt(a, field) as string | number, valueAt(b, field) as string | number];
    if (x === y) continue;
    const sign = direction === 'asc' ? 1 : -1;
    return x < y ? -sign : sign;
  }
  return 0;
};

export class InMemoryDocumentStore implements DocumentStore {
  private readonly containers = new Map<string, Map<string, Row>>();
  private etagCounter = 0;

  private rows(container: ContainerName): Map<string, Row> {
    const rows = this.containers.get(container) ?? new Map<string, Row>();
    this.containers.set(container, rows);
    return rows;
  }

  async read<T extends StoredDocument>(
    container: ContainerName,
    partitionKey: string,
    id: string,
  ): Promise<Versioned<T> | undefined> {
    const row = this.rows(container).get(`${partitionKey}\u0000${id}`);
    return row ? { doc: structuredClone(row.doc) as T, etag: row.etag } : undefined;
  }

  async readIfChanged<T extends StoredDocument>(
    container: ContainerName,
    partitionKey: string,
    id: string,
    etag: string,
  ): Promise<Versioned<T> | 'unchanged' | undefined> {
    const row = this.rows(container).get(`${partitionKey}\u0000${id}`);
    if (!row) return undefined;
    return row.etag === etag ? 'unchanged' : { doc: structuredClone(row.doc) as T, etag: row.etag };
  }

  async batch(
    container: ContainerName,
    partitionKey: string,
    operations: readonly WriteOperation[],
  ): Promise<string[]> {
    const rows = this.rows(container);
    const staged = new Map(rows);
    const pkField = partitionKeyField(container);
    const etags = operations.map((operation) => {
      const id = operation.op === 'delete' ? operation.id : operation.doc.id;
      if (operation.op !== 'delete' && operation.doc[pkField] !== partitionKey)
        throw new Error(`Document ${id} is not in partition ${partitionKey}`);
      const key = `${partitionKey}\u0000${id}`;
      const current = staged.get(key);
      if (operation.op === 'create' && current) throw new ConcurrencyConflictError(`${id} exists`, 'already-exists');
      if ((operation.op === 'replace' || operation.op === 'delete') && !current)
        throw new ConcurrencyConflictError(`${id} does not exist`, 'not-found');
      if (
        (operation.op === 'replace' || operation.op === 'delete') &&
        operation.ifMatch &&
        operation.ifMatch !== current?.etag
      )
        throw new ConcurrencyConflictError(`${id} changed`, 'etag-mismatch');
      if (operation.op === 'delete') {
        staged.delete(key);
        return '';
      }
      const etag = `m${++this.etagCounter}`;
      staged.set(key, { doc: structuredClone(operation.doc), etag });
      return etag;
    });
    this.containers.set(container, staged);
    return etags;
  }

  async query<T extends StoredDocument>(container: ContainerName, spec: QuerySpec): Promise<Page<T>> {
    assertServedByIndex(container, spec);
    const pkField = partitionKeyField(container);
    const fingerprint = JSON.stringify([container, spec.where, spec.orderBy ?? []]);
    let after: StoredDocument | undefined;
    if (spec.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(spec.cursor, 'base64url').toString()) as {
          f: string;
          last: StoredDocument;
        };
        if (parsed.f !== fingerprint) throw new InvalidCursorError();
        after = parsed.last;
      } catch {
        throw new InvalidCursorError();
      }
    }
    const order = spec.orderBy ?? [];
    const all = [...this.rows(container).values()]
      .filter(({ doc }) => spec.partitionKey === undefined || doc[pkField] === spec.partitionKey)
      .filter(({ doc }) => spec.where.every((c) => matches(doc, c)))
      .sort((a, b) => compare(a.doc, b.doc, order))
      .filter(({ doc }) => !after || compare(doc, after, order) > 0);
    const items = all.slice(0, spec.limit).map(({ doc, etag }) => ({ doc: structuredClone(doc) as T, etag }));
    const last = items.at(-1)?.doc;
    const nextCursor =
      all.length > spec.limit && last
        ? Buffer.from(JSON.stringify({ f: fingerprint, last })).toString('base64url')
        : null;
    return { items, nextCursor };
  }
}
