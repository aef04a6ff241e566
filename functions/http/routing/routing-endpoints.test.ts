/**
 * The routing endpoints with real HttpRequest objects over the in-memory test world: the team
 * workload view (leads and admins only), the team queue order, and setting one's availability.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { getMeFunction } from '../directory/get-me.function.js';
import { setAvailabilityFunction } from './set-availability.function.js';
import { teamQueueFunction } from './team-queue.function.js';
import { teamWorkloadFunction } from './team-workload.function.js';

type Workload = { teamId: string; queued: number; agents: { agentId: string; ownedOpen: number; capacity: number }[] };
type Queue = { teamId: string; items: { id: string; title: string; priority: string; ownerId: string | null }[] };

let w: TestWorld;
beforeEach(async () => {
  w = await testWorld();
});

/** Opens an unowned ticket in `teamId`; impact and urgency decide its priority. */
async function open(title: string, impact: 1 | 2 | 3, urgency: 1 | 2 | 3, teamId = 'network'): Promise<string> {
  const created = await w.services.tickets.create(
    {
      type: 'incident',
      title,
      description: 'details',
      requester: { email: 'carla@customer.example', name: 'Carla' },
      impact,
      urgency,
      teamId,
      channel: 'web',
    },
    w.actor('lead@demo.local'),
  );
  if (!created.ok) throw new Error(created.error.message);
  w.clock.advance(60_000); // each ticket a minute younger than the one before
  return created.value.ticket.id;
}

describe('GET /api/teams/{id}/workload', () => {
  const get = (as: string, id = 'service-desk') =>
    invoke(teamWorkloadFunction, w.services, { path: `teams/${id}/workload`, params: { id }, as });

  it('shows a lead every member of the team with their load', async () => {
    const res = await get('lead@demo.local');
    expect(res.status).toBe(200);
    const body = res.json as Workload;
    expect(body.teamId).toBe('service-desk');
    expect(body.agents.map((a) => a.agentId).sort()).toEqual(['ag_admin', 'ag_alice', 'ag_bob', 'ag_lee']);
    expect(body.agents.every((a) => a.ownedOpen === 0 && a.capacity > 0)).toBe(true);
  });

  it('counts the team queue', async () => {
    await open('one', 3, 3, 'service-desk');
    await open('two', 3, 3, 'service-desk');
    await open('elsewhere', 3, 3, 'network');
    expect(((await get('admin@demo.local')).json as Workload).queued).toBe(2);
  });

  it('refuses an agent with 403 problem+json', async () => {
    const res = await get('alice@demo.local');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((res.json as { code: string }).code).toBe('AUTH.FORBIDDEN');
  });

  it('answers 404 for an unknown team', async () => {
    const res = await get('lead@demo.local', 'no-such-team');
    expect(res.status).toBe(404);
    expect((res.json as { code: string }).code).toBe('TEAM.NOT_FOUND');
  });
});

describe('GET /api/teams/{id}/queue', () => {
  const get = (id = 'network') =>
    invoke(teamQueueFunction, w.services, { path: `teams/${id}/queue`, params: { id }, as: 'nina@demo.local' });

  it('lists unowned tickets by priority, then oldest first', async () => {
    const p4old = await open('P4 old', 2, 3);
    const p1 = await open('P1', 1, 1);
    const p4new = await open('P4 new', 3, 2);
    const p2 = await open('P2', 1, 2);
    await open('other team', 1, 1, 'database');
    const res = await get();
    expect(res.status).toBe(200);
    const items = (res.json as Queue).items;
    expect(items.map((t) => t.priority)).toEqual(['P1', 'P2', 'P4', 'P4']);
    expect(items.map((t) => t.id)).toEqual([p1, p2, p4old, p4new]);
  });

  it('leaves out owned tickets', async () => {
    const owned = await open('owned', 1, 1);
    const waiting = await open('waiting', 3, 3);
    const accepted = await w.services.tickets.accept(owned, w.actor('nina@demo.local'));
    expect(accepted.ok).toBe(true);
    expect(((await get()).json as Queue).items.map((t) => t.id)).toEqual([waiting]);
  });
});

describe('PUT /api/me/availability', () => {
  const put = (body: unknown, as = 'alice@demo.local') => invoke(setAvailabilityFunction, w.services, { body, as });

  it('stores the new availability', async () => {
    const res = await put({ availability: 'away' });
    expect(res.status).toBe(200);
    expect((res.json as { availability: string }).availability).toBe('away');
    expect((await w.services.directory.agent('ag_alice'))?.availability).toBe('away');
    // The signed-in view shows it at once, although sign-in reuses agent records for a few seconds.
    const me = await invoke(getMeFunction, w.services, { as: 'alice@demo.local' });
    expect((me.json as { availability: string }).availability).toBe('away');
  });

  it.each([[{ availability: 'busy' }], [{ availability: 'away', extra: 1 }], [{}]])(
    'refuses %j with 422 problem+json and changes nothing',
    async (body) => {
      const res = await put(body);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((res.json as { code: string }).code).toBe('REQUEST.VALIDATION_FAILED');
      expect((await w.services.directory.agent('ag_alice'))?.availability).toBe('online');
    },
  );
});
