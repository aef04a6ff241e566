import { describe, expect, it } from 'vitest';
import { ticketsMatching } from './bulk-matching.js';

const pages =
  (total: number, size = 100) =>
  async (cursor: string | null) => {
    const from = Number(cursor ?? 0);
    const ids = Array.from({ length: Math.min(size, total - from) }, (_, i) => `t_${from + i}`);
    return { ids, nextCursor: from + size < total ? String(from + size) : null };
  };

describe('ticketsMatching', () => {
  it('reads every page of the filter, not only the first', async () => {
    const matched = await ticketsMatching(pages(250));
    expect(matched).toMatchObject({ ok: true });
    if (matched.ok) expect(new Set(matched.ticketIds).size).toBe(250);
  });

  it('takes exactly 1,000 and refuses 1,001 instead of cutting the list', async () => {
    expect(await ticketsMatching(pages(1_000))).toMatchObject({ ok: true });
    expect(await ticketsMatching(pages(1_001))).toEqual({
      ok: false,
      reason: 'more than 1000 tickets match the filter; narrow it down',
    });
  });

  it('refuses a filter that matches nothing', async () => {
    expect(await ticketsMatching(pages(0))).toEqual({ ok: false, reason: 'no ticket matches the filter' });
  });
});
