/**
 * Bulk "all tickets matching the filter" (issue 18) on the running local platform: the job covers
 * every ticket the list filter matches, beyond the page shown, each through its own rules; a
 * filter matching nothing, or an unknown filter field, is a 422 problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBulkJob } from '../../shared/api/bulk.schemas.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Ticket = { id: string; status: string };

describe.each(E2E_STORES)('bulk over all tickets matching a filter (%s)', (store) => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
  });
  afterAll(async () => {
    await p?.stop();
  });

  const drain = async () => {
    for (let i = 0; i < 4; i++) await p.platform.drainQueue();
  };

  it('runs the action on every match, found by the list or by the search, and reports each', async () => {
    const made: Ticket[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await p.api<Ticket>('alice@demo.local', 'tickets', {
        body: { title: `Quokka outage ${i}`, requester: { email: 'q@customer.test', name: 'Q' }, teamId: 'network' },
      });
      made.push(t.body);
    }
    await drain();
    // The list shows 2 a page; the job takes all 5 the search finds.
    const page = await p.api<{ items: Ticket[]; nextCursor: string | null }>(
      'lead@demo.local',
      'tickets?q=quokka&limit=2',
    );
    expect(page.body.nextCursor).not.toBeNull();
    const started = await p.api<TBulkJob>('lead@demo.local', 'bulk/jobs', {
      body: { action: { type: 'tags', add: ['quokka'] }, matching: { q: 'quokka' } },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.total).toBe(5);
    await drain();
    const job = await p.api<TBulkJob>('lead@demo.local', `bulk/jobs/${started.body.id}`);
    expect(job.body).toMatchObject({ state: 'finished', done: 5, refused: 0 });
    expect(new Set(job.body.outcomes.map((o) => o.ticketId))).toEqual(new Set(made.map((t) => t.id)));

    // Without text the list's own filters: unowned tickets of the network team that are new.
    const byList = await p.api<TBulkJob>('lead@demo.local', 'bulk/jobs', {
      body: {
        action: { type: 'priority', impact: 1, urgency: 2 },
        matching: { team: 'network', owner: 'none', status: ['new'] },
      },
    });
    expect(byList.status, JSON.stringify(byList.body)).toBe(202);
    expect(byList.body.total).toBeGreaterThanOrEqual(5);
  });

  it('refuses a filter that matches nothing and an unknown filter field', async () => {
    const none = await p.api('lead@demo.local', 'bulk/jobs', {
      body: { action: { type: 'tags', add: ['x'] }, matching: { q: 'nothingmatchesthisword' } },
    });
    expect(none.status).toBe(422);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    const unknown = await p.api('lead@demo.local', 'bulk/jobs', {
      body: { action: { type: 'tags', add: ['x'] }, matching: { colour: 'red' } },
    });
    expect(unknown.status).toBe(422);
  });
});
