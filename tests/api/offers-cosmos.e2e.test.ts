/**
 * Offers on Cosmos DB (the simulator speaking the real REST protocol): the queries routing adds
 * (offers to an agent, offers whose time passed: filters on `offer.*`, no ORDER BY) and the data
 * migration run there as on SQLite. A P1 is offered to Mia, found in her offers, moves on only
 * once its time passed, and her own auto-accept makes the next one hers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCosmosStandIn } from '../simulators/cosmos/cosmos-stand-in.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Ticket = { id: string; ownerId: string | null; offer?: { agentId: string } | null };

describe('offers on Cosmos DB', () => {
  let sim: Awaited<ReturnType<typeof startCosmosStandIn>>;
  let p: RunningPlatform;
  beforeAll(async () => {
    sim = await startCosmosStandIn({ setUpDatabase: 'itil-offers' });
    p = await startRunningPlatform({
      env: { STORE: 'cosmos', COSMOS_ENDPOINT: sim.endpoint, COSMOS_KEY: sim.key, COSMOS_DATABASE: 'itil-offers' },
    });
    await p.platform.drainQueue();
  }, 60_000);
  afterAll(async () => {
    await p.stop();
    await sim.stop();
  });

  const openP1 = async (title: string) => {
    const created = await p.api<Ticket>('lead@demo.local', 'tickets', {
      body: { title, requester: { email: 'ops@customer.example', name: 'Ops' }, impact: 1, urgency: 1 },
    });
    await p.platform.drainQueue();
    return (await p.api<Ticket>('lead@demo.local', `tickets/${created.body.id}`)).body;
  };

  it('offers, lists, expires and auto-accepts as on SQLite', async () => {
    const offered = await openP1('Cosmos: core switch down');
    expect([offered.ownerId, offered.offer?.agentId]).toEqual([null, 'ag_mia']);
    const mine = await p.api<{ items: Ticket[] }>('mia@demo.local', 'me/offers');
    expect(mine.body.items.map((t) => t.id)).toContain(offered.id);
    const { routingQueries } = p.composition.services.orchestra;
    expect((await routingQueries.expiredOffers(new Date())).map((t) => t.id)).not.toContain(offered.id);
    const later = new Date(Date.now() + 6 * 60_000);
    expect((await routingQueries.expiredOffers(later)).map((t) => t.id)).toContain(offered.id);

    expect((await p.api('mia@demo.local', 'me/auto-accept', { method: 'PUT', body: { enabled: true } })).status).toBe(
      200,
    );
    expect((await openP1('Cosmos: second core switch down')).ownerId).toBe('ag_mia');
    const migrations = await p.composition.store.read('config', 'data-migrations', 'v0001');
    expect(migrations?.doc).toMatchObject({ name: 'team-auto-accept-becomes-offers' });
  });
});
