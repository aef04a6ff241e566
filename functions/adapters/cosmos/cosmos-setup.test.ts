import { describe, expect, it } from 'vitest';
import { CONTAINERS } from '../../../shared/storage/containers.js';
import { cosmosIndexingPolicy } from './cosmos-setup.js';

const key = (index: readonly { path: string; order?: string }[]) =>
  index.map((p) => `${p.path} ${p.order === 'descending' ? 'desc' : 'asc'}`).join(', ');

describe('cosmosIndexingPolicy', () => {
  const policy = cosmosIndexingPolicy(CONTAINERS.tickets);
  const keys = (policy.compositeIndexes ?? []).map(key);

  it('keeps every composite index CONTAINERS lists', () => {
    for (const composite of CONTAINERS.tickets.compositeIndexes) {
      expect(keys).toContain(composite.map((f) => `/${f.path.replaceAll('.', '/')} ${f.direction}`).join(', '));
    }
  });

  it('adds the id tie-breaker variants the store sorts by, in both directions', () => {
    expect(keys).toContain('/updatedAt desc, /id desc');
    expect(keys).toContain('/updatedAt asc, /id asc');
    expect(keys).toContain('/priority asc, /updatedAt desc, /id desc');
    expect(keys).toContain('/priority desc, /updatedAt asc, /id asc');
    expect(keys).toContain('/seq asc, /id asc');
    expect(keys).toContain('/number desc, /id desc');
  });

  it('lists each composite index once and never a single-path one', () => {
    expect(new Set(keys).size).toBe(keys.length);
    expect((policy.compositeIndexes ?? []).every((index) => index.length >= 2)).toBe(true);
  });

  it('writes nested paths with slashes', () => {
    const nested = cosmosIndexingPolicy({
      name: 'x',
      partitionKeyPath: '/pk',
      indexedFields: [{ path: 'requester.email', kind: 'text' }],
      compositeIndexes: [],
    });
    expect((nested.compositeIndexes ?? []).map(key)).toEqual([
      '/requester/email asc, /id asc',
      '/requester/email desc, /id desc',
    ]);
  });
});
