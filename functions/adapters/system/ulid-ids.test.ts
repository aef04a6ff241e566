import { describe, expect, it } from 'vitest';
import { UlidIds } from './ulid-ids.js';

describe('UlidIds', () => {
  it('makes unique ids that sort in creation order, even within one millisecond', () => {
    const ids = new UlidIds();
    const made = Array.from({ length: 5_000 }, () => ids.next('t_'));
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    expect(made[0]).toMatch(/^t_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
