/**
 * Creates the Cosmos DB database and every container of CONTAINERS (idempotent), with the
 * partition key path and an indexing policy whose composite indexes are the sort orders
 * `servedSortOrders` derives from CONTAINERS (the same derivation the stores check queries
 * against), and tells which containers are missing or stale at start-up.
 */
import type { CompositePath, CosmosClient, Database, IndexingPolicy } from '@azure/cosmos';
import type { OrderBy } from '../../../shared/ports/document-store.js';
import {
  CONTAINER_NAMES,
  CONTAINERS,
  type ContainerDefinition,
  type ContainerName,
} from '../../../shared/storage/containers.js';
import { servedSortOrders } from '../../../shared/storage/index-coverage.js';
import { fieldSegments } from '../sqlite/field-path.js';

const cosmosPath = (path: string) => `/${fieldSegments(path).join('/')}`;
const toComposite = (order: readonly OrderBy[]): CompositePath[] =>
  order.map((o) => ({ path: cosmosPath(o.field), order: o.direction === 'asc' ? 'ascending' : 'descending' }));

export function cosmosIndexingPolicy(def: ContainerDefinition): IndexingPolicy {
  return {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/*' }],
    excludedPaths: [{ path: '/"_etag"/?' }],
    compositeIndexes: servedSortOrders(def).map(toComposite),
  };
}

/** Order-insensitive comparison key; the service may echo paths back without an explicit order. */
const compositeKeys = (indexes: CompositePath[][] | undefined): string =>
  (indexes ?? [])
    .map((index) => index.map((p) => `${p.path} ${p.order ?? 'ascending'}`).join(','))
    .sort()
    .join('|');

/**
 * Safe to run at every deployment: missing containers are created, and an existing container
 * whose composite indexes differ from CONTAINERS gets its indexing policy replaced (Cosmos
 * rebuilds the index online). A partition key cannot change; that needs a data migration.
 */
export async function ensureCosmosContainers(client: CosmosClient, databaseId: string): Promise<void> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const name of CONTAINER_NAMES) {
    const def: ContainerDefinition = CONTAINERS[name];
    const wanted = {
      id: def.name,
      partitionKey: { paths: [def.partitionKeyPath] },
      indexingPolicy: cosmosIndexingPolicy(def),
    };
    const { container, resource } = await database.containers.createIfNotExists(wanted);
    const current = compositeKeys(resource?.indexingPolicy?.compositeIndexes);
    if (current !== compositeKeys(wanted.indexingPolicy.compositeIndexes)) await container.replace(wanted);
  }
}

export interface ContainerCheck {
  /** Containers of CONTAINERS the database does not have (the product cannot run without them). */
  readonly missing: ContainerName[];
  /** Containers whose composite indexes differ from CONTAINERS (some queries will be refused). */
  readonly stalePolicies: ContainerName[];
}

/** Reads every container's definition; a missing database reports every container missing. */
export async function checkCosmosContainers(database: Database): Promise<ContainerCheck> {
  const missing: ContainerName[] = [];
  const stalePolicies: ContainerName[] = [];
  for (const name of CONTAINER_NAMES) {
    try {
      const { resource } = await database.container(CONTAINERS[name].name).read();
      const wanted = cosmosIndexingPolicy(CONTAINERS[name]).compositeIndexes;
      if (compositeKeys(resource?.indexingPolicy?.compositeIndexes) !== compositeKeys(wanted)) stalePolicies.push(name);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 404) throw error;
      missing.push(name);
    }
  }
  return { missing, stalePolicies };
}
