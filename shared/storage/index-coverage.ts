/**
 * Which sort orders a container can serve, derived from CONTAINERS alone. Cosmos DB serves an
 * ORDER BY over two or more fields only from a composite index that matches it exactly (or with
 * every direction flipped), and refuses the query otherwise; the stores always sort by
 * (orderBy..., id). The Cosmos indexing policy is generated from `servedSortOrders`, and both
 * document stores call `assertServedByIndex` before they run a query, so a query without its
 * index fails in every test on SQLite too, not first in Azure.
 */
import type { OrderBy, QuerySpec } from '../ports/document-store.js';
import { CONTAINERS, type ContainerDefinition, type ContainerName } from './containers.js';

/** The sort keys actually used: the spec's order plus `id`, which follows the last field's direction. */
export function effectiveOrder(orderBy: readonly OrderBy[] | undefined): OrderBy[] {
  const order = (orderBy ?? []).filter((o) => o.field !== 'id');
  const idDirection = orderBy?.find((o) => o.field === 'id')?.direction ?? order.at(-1)?.direction ?? 'asc';
  return [...order, { field: 'id', direction: idDirection }];
}

const flip = (order: readonly OrderBy[]): OrderBy[] =>
  order.map((o) => ({ field: o.field, direction: o.direction === 'asc' ? 'desc' : 'asc' }));

const key = (order: readonly OrderBy[]) => order.map((o) => `${o.field} ${o.direction}`).join(',');

/**
 * The composite sort orders a container is indexed for: every composite index of the definition
 * (which also speeds up its equality filters), and every suffix of each one plus `id` (the sort
 * part once the leading equality filters are dropped), and every indexed field plus `id`; each in
 * both directions. Unique, in a stable order.
 */
export function servedSortOrders(def: ContainerDefinition): OrderBy[][] {
  const orders: OrderBy[][] = [];
  const toOrder = (fields: readonly { path: string; direction: 'asc' | 'desc' }[]): OrderBy[] =>
    fields.map((f) => ({ field: f.path, direction: f.direction }));
  for (const composite of def.compositeIndexes) {
    if (composite.length > 1) orders.push(toOrder(composite));
    for (let start = 0; start < composite.length; start += 1) {
      const withId = effectiveOrder(toOrder(composite.slice(start)));
      orders.push(withId, flip(withId));
    }
  }
  for (const field of def.indexedFields) {
    const withId = effectiveOrder([{ field: field.path, direction: 'asc' }]);
    orders.push(withId, flip(withId));
  }
  return [...new Map(orders.map((o) => [key(o), o])).values()];
}

const served = new Map<ContainerName, Set<string>>();

function servedKeys(container: ContainerName): Set<string> {
  let keys = served.get(container);
  if (!keys) {
    keys = new Set(servedSortOrders(CONTAINERS[container]).map(key));
    served.set(container, keys);
  }
  return keys;
}

/** The effective order when no composite index of the container serves it, else null. */
export function unservedOrder(container: ContainerName, orderBy: readonly OrderBy[] | undefined): OrderBy[] | null {
  const order = effectiveOrder(orderBy);
  if (order.length === 1) return null; // one field: every path has a range index
  const keys = servedKeys(container);
  return keys.has(key(order)) || keys.has(key(flip(order))) ? null : order;
}

/** Thrown for a query whose ORDER BY no composite index serves: a programming error, named exactly. */
export class MissingIndexError extends Error {
  constructor(container: ContainerName, order: readonly OrderBy[]) {
    super(
      `No composite index of container "${container}" serves ORDER BY ${key(order)}: ` +
        'add it to compositeIndexes (or the field to indexedFields) in shared/storage/containers.ts',
    );
    this.name = 'MissingIndexError';
  }
}

export function assertServedByIndex(container: ContainerName, spec: QuerySpec): void {
  const order = unservedOrder(container, spec.orderBy);
  if (order) throw new MissingIndexError(container, order);
}
