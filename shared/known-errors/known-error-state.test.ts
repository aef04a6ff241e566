import { describe, expect, it } from 'vitest';
import { allowedKnownErrorActions, KNOWN_ERROR_STATUSES, nextKnownErrorStatus } from './known-error-state.js';

describe('known-error transition table', () => {
  it.each([
    ['draft', 'edit', 'draft'],
    ['draft', 'publish', 'published'],
    ['draft', 'retire', 'retired'],
    ['published', 'edit', 'published'],
    ['published', 'retire', 'retired'],
    ['retired', 'redraft', 'draft'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextKnownErrorStatus(from, action)).toBe(to);
  });

  it.each([
    ['draft', 'redraft'],
    ['published', 'publish'],
    ['published', 'redraft'],
    ['retired', 'edit'],
    ['retired', 'publish'],
    ['retired', 'retire'],
  ] as const)('has no %s --%s--> move', (from, action) => {
    expect(nextKnownErrorStatus(from, action)).toBeUndefined();
  });

  it('offers at least one action in every status', () => {
    for (const status of KNOWN_ERROR_STATUSES) expect(allowedKnownErrorActions(status).length).toBeGreaterThan(0);
  });
});
