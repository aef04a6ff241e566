import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { CONTAINERS } from './containers.js';
import { effectiveOrder, MissingIndexError, servedSortOrders, unservedOrder } from './index-coverage.js';

describe('index coverage', () => {
  it('adds id as the last sort key, in the direction of the last field', () => {
    expect(effectiveOrder(undefined)).toEqual([{ field: 'id', direction: 'asc' }]);
    expect(effectiveOrder([{ field: 'at', direction: 'desc' }])).toEqual([
      { field: 'at', direction: 'desc' },
      { field: 'id', direction: 'desc' },
    ]);
  });

  it('serves a sort on one field (id alone) without any composite index', () => {
    expect(unservedOrder('directory', undefined)).toBeNull();
  });

  it('serves a composite index, any of its suffixes and every indexed field, in both directions', () => {
    expect(unservedOrder('tickets', [{ field: 'updatedAt', direction: 'desc' }])).toBeNull();
    expect(unservedOrder('tickets', [{ field: 'updatedAt', direction: 'asc' }])).toBeNull();
    expect(unservedOrder('config', [{ field: 'at', direction: 'desc' }])).toBeNull();
    expect(unservedOrder('directory', [{ field: 'email', direction: 'asc' }])).toBeNull();
  });

  it('refuses a sort no composite index serves, naming it, as Cosmos DB would', () => {
    expect(unservedOrder('directory', [{ field: 'name', direction: 'asc' }])).toEqual([
      { field: 'name', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ]);
    // Mixed directions are served only when an index has exactly them (or all flipped).
    expect(
      unservedOrder('tickets', [
        { field: 'priority', direction: 'asc' },
        { field: 'updatedAt', direction: 'asc' },
      ]),
    ).not.toBeNull();
  });

  it('lists every sort order once', () => {
    const orders = servedSortOrders(CONTAINERS.tickets).map((o) => JSON.stringify(o));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('makes a store refuse a query without its index before it runs', async () => {
    const store = new InMemoryDocumentStore();
    await expect(
      store.query('directory', { where: [], orderBy: [{ field: 'name', direction: 'asc' }], limit: 10 }),
    ).rejects.toBeInstanceOf(MissingIndexError);
  });
});
