/**
 * Routing properties (fast-check): concurrent routing decisions never push an agent past
 * capacity, whether agents accept by their own standing choice or get offers; an agent without
 * the required skill, or not online, is never chosen; an owned ticket is never touched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../../shared/directory/agent.js';
import { totalLoad } from '../../shared/routing/agent-load.js';
import { orchestraWorld } from './orchestra-world.js';

const agent = (id: string, capacity: number, extra: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  id,
  email: `${id}@t.example`,
  name: id,
  roles: ['agent'],
  teamIds: ['pool'],
  skills: [{ name: 'sql', level: 3 }],
  capacity,
  availability: 'online',
  active: true,
  ...extra,
});

/** A team `pool` of these agents; with `autoAccept` each of them has turned on their own auto-accept. */
async function poolWorld(agents: AgentSnapshot[], autoAccept: boolean) {
  const w = await orchestraWorld();
  await w.services.directory.saveTeam({ id: 'pool', slug: 'pool', name: 'Pool', leadIds: [], offerMinutes: 10 });
  for (const a of agents) await w.services.directory.saveAgent(a);
  if (autoAccept)
    for (const a of agents)
      await w.services.orchestra.autoAccept.set(a.id, { enabled: true, teamIds: null, priorities: null });
  return w;
}

describe('routing', () => {
  it('never exceeds an agent capacity under concurrent decisions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom<1 | 2 | 3>(1, 2, 3), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (capacities, impacts, autoAccept) => {
          const agents = capacities.map((c, i) => agent(`a${i}`, c));
          const w = await poolWorld(agents, autoAccept);
          const ids = [];
          for (const impact of impacts) ids.push(await w.open({ teamId: 'pool', impact, urgency: 2 }));
          const { routing, routingQueries } = w.services.orchestra;
          await Promise.all(ids.map((ticketId) => routing.route({ ticketId })));
          const loads = await Promise.all(agents.map((a) => w.store.read('config', 'routing-load', `load:${a.id}`)));
          agents.forEach((a, i) => {
            const load = loads[i]?.doc as never;
            if (load) expect(totalLoad(load)).toBeLessThanOrEqual(a.capacity);
          });
          for (const a of agents) {
            const owned = await routingQueries.ownedOpen(a.id);
            const weights = owned.map((t) => routing.policy.priorityWeights[t.priority]);
            expect(weights.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(a.capacity);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never chooses an agent without the skill or not online, and never touches owned tickets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            level: fc.integer({ min: 1, max: 5 }),
            availability: fc.constantFrom('online', 'away', 'offline'),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 1, max: 5 }),
        async (people, needed) => {
          const agents = people.map((p, i) =>
            agent(`s${i}`, 10, {
              skills: [{ name: 'sql', level: p.level }],
              availability: p.availability as AgentSnapshot['availability'],
            }),
          );
          const w = await poolWorld(agents, true);
          const ticketId = await w.open({ teamId: 'pool', tags: [`skill:sql:${needed}`] });
          const owned = await w.open({ teamId: 'pool' });
          await w.services.tickets.accept(owned, w.actor('alice@demo.local'));
          const outcome = await w.services.orchestra.routing.route({ ticketId });
          const untouched = await w.services.orchestra.routing.route({ ticketId: owned });
          expect(untouched.outcome).toBe('skipped');
          const ownedNow = await w.services.queries.get(owned);
          expect(ownedNow.ok && ownedNow.value.ticket.ownerId).toBe('ag_alice');
          const able = people.filter((p) => p.level >= needed && p.availability === 'online');
          if (able.length === 0) expect(outcome.outcome).toBe('queued');
          else {
            expect(outcome.outcome).toBe('accepted');
            const chosen = people[Number(outcome.agentId?.slice(1))];
            expect(chosen?.level).toBeGreaterThanOrEqual(needed);
            expect(chosen?.availability).toBe('online');
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('offers the next queued ticket when an agent comes online, least loaded and round robin first', async () => {
    const w = await poolWorld(
      [agent('x', 5, { availability: 'offline' }), agent('y', 5, { availability: 'offline' })],
      false,
    );
    const first = await w.open({ teamId: 'pool', impact: 1, urgency: 1 });
    const second = await w.open({ teamId: 'pool', impact: 3, urgency: 3 });
    expect((await w.services.orchestra.routing.route({ ticketId: second })).outcome).toBe('queued');
    const queue = await w.services.orchestra.routingQueries.queue('pool');
    expect(queue.map((t) => t.id)).toEqual([first, second]);
    const offerOf = async (id: string) => (await w.snapshot(id)).offer?.agentId;
    await w.services.orchestra.routingUpkeep.setAvailability('x', 'online');
    expect(await offerOf(first)).toBe('x');
    await w.services.orchestra.routingUpkeep.setAvailability('y', 'online');
    expect(await offerOf(second)).toBe('y');
    await w.pump();
    const page = await w.services.orchestra.notifications.list('x', { limit: 10 });
    expect(page.items.map((n) => n.kind)).toEqual(['ticket.offered']);
  });
});
