/**
 * Creates the Cosmos DB database and every container of CONTAINERS (idempotent), with the
 * partition key path and an indexing policy whose composite indexes come from CONTAINERS.
 *
 * Multi-field ORDER BY needs a composite index matching it exactly, and the store always sorts
 * by (orderBy..., id). So besides the composite indexes CONTAINERS lists, every suffix of
 * each one (the sort part once the leading equality filters are dropped) and every indexed
 * field get a variant ending in `/id`, in both directions.
 */
import type { CompositePath, CosmosClient, IndexingPolicy } from '@azure/cosmos';
import { CONTAINER_NAMES, CONTAINERS, type ContainerDefinition } from '../../../shared/storage/containers.js';
import { fieldSegments } from '../sqlite/field-path.js';

type Direction = 'asc' | 'desc';

const cosmosPath = (path: string) => `/${fieldSegments(path).join('/')}`;
const toComposite = (fields: readonly { path: string; direction: Direction }[]): CompositePath[] =>
  fields.map((f) => ({ path: cosmosPath(f.path), order: f.direction === 'asc' ? 'ascending' : 'descending' }));
const flip = (fields: readonly { path: string; direction: Direction }[]) =>
  fields.map((f) => ({ path: f.path, direction: (f.direction === 'asc' ? 'desc' : 'asc') as Direction }));

export function cosmosIndexingPolicy(def: ContainerDefinition): IndexingPolicy {
  const sortKeys: { path: string; direction: Direction }[][] = [];
  for (const composite of def.compositeIndexes) {
    for (let start = 0; start < composite.length; start += 1) {
      const suffix = composite.slice(start);
      const withId = [...suffix, { path: 'id', direction: suffix.at(-1)!.direction }];
      sortKeys.push(withId, flip(withId));
    }
  }
  for (const field of def.indexedFields) {
    const withId = [
      { path: field.path, direction: 'asc' as Direction },
      { path: 'id', direction: 'asc' as Direction },
    ];
    sortKeys.push(withId, flip(withId));
  }
  const all = [...def.compositeIndexes.filter((c) => c.length > 1), ...sortKeys];
  const unique = new Map(all.map((fields) => [JSON.stringify(toComposite(fields)), toComposite(fields)]));
  return {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/*' }],
    excludedPaths: [{ path: '/"_etag"/?' }],
    compositeIndexes: [...unique.values()],
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
