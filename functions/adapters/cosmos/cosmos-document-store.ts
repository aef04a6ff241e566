/**
 * DocumentStore on Azure Cosmos DB (NoSQL API, @azure/cosmos). Point reads, transactional
 * batches inside one partition (single writes use the item API, which is cheaper), queries
 * in parameterized SQL paged by the SDK's continuation token wrapped in our own opaque cursor.
 * SDK statuses become port errors: 412 -> etag-mismatch, 409 -> already-exists, 404 -> not-found.
 */
import type { Container, Database, ItemDefinition, JSONObject, OperationInput, RequestOptions } from '@azure/cosmos';
import {
  ConcurrencyConflictError,
  type DocumentStore,
  InvalidCursorError,
  type Page,
  type QuerySpec,
  type StoredDocument,
  type Versioned,
  type WriteOperation,
} from '../../../shared/ports/document-store.js';
import { type ContainerName, partitionKeyField } from '../../../shared/storage/containers.js';
import { assertServedByIndex } from '../../../shared/storage/index-coverage.js';
import { isStorableId } from '../../../shared/storage/storable-id.js';
import { decodeCursor, encodeCursor, queryFingerprint } from '../sqlite/cursor.js';
import { buildCosmosQuery } from './cosmos-query.js';

const MAX_BATCH = 100;
const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'] as const;
/** A failed transactional batch marks the operations it did not run with 424 (failed dependency). */
const FAILED_DEPENDENCY = 424;

/** Receives the request units Cosmos DB charged for each successful call (monitoring, benchmarks). */
export type RequestChargeMeter = (requestUnits: number) => void;

export class CosmosDocumentStore implements DocumentStore {
  constructor(
    private readonly database: Database,
    private readonly meter: RequestChargeMeter = () => {},
  ) {}

  private charged<R extends { requestCharge?: number }>(response: R): R {
    if (typeof response.requestCharge === 'number') this.meter(response.requestCharge);
    return response;
  }

  async read<T extends StoredDocument>(container: ContainerName, partitionKey: string, id: string) {
    if (!isStorableId(id)) return undefined;
    try {
      const { resource, statusCode } = this.charged(
        await this.container(container).item(id, partitionKey).read<ItemDefinition>(),
      );
      if (statusCode === 404 || !resource) return undefined;
      return toVersioned<T>(resource);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async readIfChanged<T extends StoredDocument>(
    container: ContainerName,
    partitionKey: string,
    id: string,
    etag: string,
  ) {
    if (!isStorableId(id)) return undefined;
    try {
      const { resource, statusCode } = this.charged(
        await this.container(container)
          .item(id, partitionKey)
          .read<ItemDefinition>({ accessCondition: { type: 'IfNoneMatch', condition: etag } }),
      );
      if (statusCode === 304) return 'unchanged' as const;
      if (statusCode === 404 || !resource) return undefined;
      const found = toVersioned<T>(resource);
      // A server that ignores If-None-Match still answers correctly.
      return found.etag === etag ? ('unchanged' as const) : found;
    } catch (error) {
      if (statusOf(error) === 304) return 'unchanged' as const;
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async batch(container: ContainerName, partitionKey: string, operations: readonly WriteOperation[]) {
    if (operations.length > MAX_BATCH) throw new Error(`A batch holds at most ${MAX_BATCH} operations`);
    const pkField = partitionKeyField(container);
    for (const operation of operations) {
      if (operation.op !== 'delete' && operation.doc[pkField] !== partitionKey) {
        throw new Error(`Document ${operation.doc.id} does not belong to partition ${partitionKey} of ${container}`);
      }
    }
    if (operations.length === 0) return [];
    const target = this.container(container);
    if (operations.length === 1) return [await this.single(target, partitionKey, operations[0]!)];
    // The SDK rewrites each operation's partitionKey in place, so the inputs are built fresh per call.
    const inputs = operations.map((op) => toOperationInput(op, partitionKey));
    const response = await target.items.batch(inputs, partitionKey);
    const results = response.result ?? [];
    this.meter(results.reduce((sum, r) => sum + (r.requestCharge ?? 0), 0));
    const failed = results.find((r) => r.statusCode >= 400 && r.statusCode !== FAILED_DEPENDENCY);
    if (failed || results.length !== operations.length) {
      const status = failed?.statusCode ?? response.code ?? 0;
      throw conflictFor(status, `batch on ${container}/${partitionKey}`) ?? new Error(`Cosmos batch failed: ${status}`);
    }
    return results.map((r, i) => (operations[i]!.op === 'delete' ? '' : (r.eTag ?? '')));
  }

  async query<T extends StoredDocument>(container: ContainerName, spec: QuerySpec): Promise<Page<T>> {
    if (!Number.isInteger(spec.limit) || spec.limit < 1) throw new Error('Query limit must be a positive integer');
    assertServedByIndex(container, spec);
    const fingerprint = queryFingerprint(container, spec);
    let continuation = spec.cursor === undefined ? undefined : toToken(decodeCursor(spec.cursor, fingerprint));
    const querySpec = buildCosmosQuery(partitionKeyField(container), spec);
    const items: Versioned<T>[] = [];
    // A page from Cosmos may hold fewer items than asked for, so keep fetching until full or done.
    do {
      const page = this.charged(
        await this.container(container)
          .items.query<ItemDefinition>(querySpec, {
            maxItemCount: spec.limit - items.length,
            ...(continuation === undefined ? {} : { continuationToken: continuation }),
            ...(spec.partitionKey === undefined ? {} : { partitionKey: spec.partitionKey }),
          })
          .fetchNext(),
      );
      items.push(...page.resources.map((r) => toVersioned<T>(r)));
      continuation = page.hasMoreResults && page.continuationToken ? page.continuationToken : undefined;
    } while (continuation !== undefined && items.length < spec.limit);
    return {
      items,
      nextCursor: continuation === undefined ? null : encodeCursor(fingerprint, { token: continuation }),
    };
  }

  private async single(target: Container, partitionKey: string, operation: WriteOperation): Promise<string> {
    const ifMatch = (etag: string | undefined): RequestOptions =>
      etag === undefined ? {} : { accessCondition: { type: 'IfMatch', condition: etag } };
    const where = `${target.id}/${partitionKey}/${operation.op === 'delete' ? operation.id : operation.doc.id}`;
    try {
      switch (operation.op) {
        case 'create':
          return etagOf(this.charged(await target.items.create(operation.doc)));
        case 'upsert':
          return etagOf(this.charged(await target.items.upsert(operation.doc)));
        case 'replace':
          return etagOf(
            this.charged(
              await target.item(operation.doc.id, partitionKey).replace(operation.doc, ifMatch(operation.ifMatch)),
            ),
          );
        case 'delete':
          this.charged(await target.item(operation.id, partitionKey).delete(ifMatch(operation.ifMatch)));
          return '';
      }
    } catch (error) {
      throw conflictFor(statusOf(error), where) ?? error;
    }
  }

  private container(name: ContainerName): Container {
    return this.database.container(name);
  }
}

function toOperationInput(operation: WriteOperation, partitionKey: string): OperationInput {
  switch (operation.op) {
    case 'create':
      return { operationType: 'Create', partitionKey, resourceBody: asJson(operation.doc) };
    case 'upsert':
      return { operationType: 'Upsert', partitionKey, resourceBody: asJson(operation.doc) };
    case 'replace':
      return {
        operationType: 'Replace',
        partitionKey,
        id: operation.doc.id,
        resourceBody: asJson(operation.doc),
        ...(operation.ifMatch === undefined ? {} : { ifMatch: operation.ifMatch }),
      };
    case 'delete':
      return {
        operationType: 'Delete',
        partitionKey,
        id: operation.id,
        ...(operation.ifMatch === undefined ? {} : { ifMatch: operation.ifMatch }),
      };
  }
}

/** Documents are plain JSON by contract; the SDK's batch types just say so more strictly. */
const asJson = (doc: StoredDocument): JSONObject => ({ ...doc }) as JSONObject;

function conflictFor(status: number | undefined, where: string): ConcurrencyConflictError | undefined {
  if (status === 412) return new ConcurrencyConflictError(`${where}: etag does not match`, 'etag-mismatch');
  if (status === 409) return new ConcurrencyConflictError(`${where}: already exists`, 'already-exists');
  if (status === 404) return new ConcurrencyConflictError(`${where}: not found`, 'not-found');
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'number') {
    return error.code;
  }
  return undefined;
}

function etagOf(response: { etag?: string; resource?: ItemDefinition }): string {
  const etag = response.etag ?? (response.resource?._etag as string | undefined);
  if (!etag) throw new Error('Cosmos returned no etag for a write');
  return etag;
}

function toVersioned<T extends StoredDocument>(resource: ItemDefinition): Versioned<T> {
  const doc: Record<string, unknown> = { ...resource };
  const etag = String(doc['_etag'] ?? '');
  for (const field of SYSTEM_FIELDS) delete doc[field];
  return { doc: doc as T, etag };
}

function toToken(position: unknown): string {
  if (position !== null && typeof position === 'object' && 'token' in position && typeof position.token === 'string') {
    return position.token;
  }
  throw new InvalidCursorError('The cursor cannot be decoded');
}
