/**
 * DocumentStore: the one storage port. Documents live in named containers, grouped by a
 * partition key; writes inside one partition can be committed atomically (`batch`) and every
 * write can be guarded by the document's etag. Adapters: SQLite (local) and Cosmos DB (Azure).
 */
import type { ContainerName } from '../storage/containers.js';

/** Every stored document has an id and a `docType` discriminator; the partition key is a field too. */
export interface StoredDocument {
  readonly id: string;
  readonly docType: string;
  readonly [field: string]: unknown;
}

export interface Versioned<T extends StoredDocument = StoredDocument> {
  readonly doc: T;
  readonly etag: string;
}

export type WriteOperation =
  | { readonly op: 'create'; readonly doc: StoredDocument }
  | { readonly op: 'replace'; readonly doc: StoredDocument; readonly ifMatch?: string }
  | { readonly op: 'upsert'; readonly doc: StoredDocument }
  | { readonly op: 'delete'; readonly id: string; readonly ifMatch?: string };

export type Scalar = string | number | boolean | null;

/** Field paths are dotted (`requester.email`). */
export type Comparison =
  | { readonly field: string; readonly op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte'; readonly value: Scalar }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly Scalar[] }
  /** Case-insensitive substring match on a string field. */
  | { readonly field: string; readonly op: 'contains'; readonly value: string }
  | { readonly field: string; readonly op: 'isNull' | 'notNull' };

export type Condition = Comparison | { readonly anyOf: readonly Condition[] };

export interface OrderBy {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface QuerySpec {
  /** When set, the query stays inside one partition (cheap on Cosmos). */
  readonly partitionKey?: string;
  readonly where: readonly Condition[];
  /** Sort fields must never be null or missing; adapters add `id` as the final tie-breaker. */
  readonly orderBy?: readonly OrderBy[];
  readonly limit: number;
  /** Opaque continuation returned by a previous page of the SAME query. */
  readonly cursor?: string;
}

export interface Page<T extends StoredDocument = StoredDocument> {
  readonly items: Versioned<T>[];
  readonly nextCursor: string | null;
}

export interface DocumentStore {
  read<T extends StoredDocument>(
    container: ContainerName,
    partitionKey: string,
    id: string,
  ): Promise<Versioned<T> | undefined>;
  /**
   * A conditional point read (HTTP If-None-Match): 'unchanged' when the document still has
   * `etag`, without transferring or parsing it; otherwise as `read`.
   */
  readIfChanged<T extends StoredDocument>(
    container: ContainerName,
    partitionKey: string,
    id: string,
    etag: string,
  ): Promise<Versioned<T> | 'unchanged' | undefined>;
  /**
   * Applies every operation or none (one partition, at most 100 operations).
   * Returns the new etag of each operation in order ('' for deletes).
   * Throws ConcurrencyConflictError (stale ifMatch, create of an existing id, replace/delete of a missing id).
   */
  batch(container: ContainerName, partitionKey: string, operations: readonly WriteOperation[]): Promise<string[]>;
  query<T extends StoredDocument>(container: ContainerName, spec: QuerySpec): Promise<Page<T>>;
}

/** Thrown by adapters when an etag guard fails or a create/replace/delete meets the wrong existence. */
export class ConcurrencyConflictError extends Error {
  constructor(
    message: string,
    readonly reason: 'etag-mismatch' | 'already-exists' | 'not-found',
  ) {
    super(message);
    this.name = 'ConcurrencyConflictError';
  }
}

/** Thrown when a cursor does not belong to the query it is used with or cannot be decoded. */
export class InvalidCursorError extends Error {
  constructor(message = 'The cursor is not valid for this query') {
    super(message);
    this.name = 'InvalidCursorError';
  }
}
