import { describe, expect, it } from 'vitest';
import { buildCosmosQuery } from './cosmos-query.js';

describe('buildCosmosQuery', () => {
  it('puts the partition key in the WHERE clause and binds every value as a parameter', () => {
    const spec = buildCosmosQuery('ticketId', {
      partitionKey: 'T1',
      where: [
        { field: 'docType', op: 'eq', value: 'timeline' },
        { field: 'requester.email', op: 'contains', value: "O'Brien" },
      ],
      orderBy: [{ field: 'seq', direction: 'desc' }],
      limit: 10,
    });
    expect(spec.query).toBe(
      'SELECT * FROM c WHERE c["ticketId"] = @p0 AND c["docType"] = @p1 AND CONTAINS(LOWER(c["requester"]["email"]), @p2) ORDER BY c["seq"] DESC, c["id"] DESC',
    );
    expect(spec.parameters).toEqual([
      { name: '@p0', value: 'T1' },
      { name: '@p1', value: 'timeline' },
      { name: '@p2', value: "o'brien" },
    ]);
  });

  it('treats eq null as missing-or-null and orders by id alone without orderBy', () => {
    const spec = buildCosmosQuery('pk', { where: [{ field: 'ownerId', op: 'eq', value: null }], limit: 5 });
    expect(spec.query).toBe(
      'SELECT * FROM c WHERE (NOT IS_DEFINED(c["ownerId"]) OR IS_NULL(c["ownerId"])) ORDER BY c["id"] ASC',
    );
  });

  it('refuses field paths that could break out of the query', () => {
    expect(() => buildCosmosQuery('pk', { where: [{ field: 'a"]) OR (1=1', op: 'isNull' }], limit: 5 })).toThrow(
      /Unsupported document field path/,
    );
  });
});
