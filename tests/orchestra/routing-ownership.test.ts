/**
 * The ownership table for routing: ownership comes only from a person's yes. Routing offers; it
 * makes an agent owner only by that agent's own standing choice (auto-accept), and only while they
 * are online and have room; a team setting cannot; an unanswered offer moves to the next agent and
 * then to the team lead, each move on the timeline; two agents accepting an offer at once: one wins.
 */
import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../../shared/directory/agent.js';
import { ZCalendar } from '../../shared/sla/calendar.js';
import type { Priority } from '../../shared/tickets/priority.js';
import { type OrchestraWorld, orchestraWorld } from './orchestra-world.js';

const member = (id: string, extra: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  id,
  email: `${id}@t.example`,
  name: `Agent ${id}`,
  roles: ['agent'],
  teamIds: ['pool'],
  skills: [],
  capacity: 10,
  availability: 'online',
  active: true,
  ...extra,
});

/** Team `pool` (lead `lead`, offer time 10 min) with these members; `choices` turn on their own auto-accept. */
async function pool(
  members: AgentSnapshot[],
  choices: Record<string, { teamIds?: string[]; priorities?: Priority[] }> = {},
): Promise<OrchestraWorld> {
  const w = await orchestraWorld();
  await w.services.directory.saveTeam({ id: 'pool', slug: 'pool', name: 'Pool', leadIds: ['lead'], offerMinutes: 10 });
  await w.services.directory.saveAgent(member('lead', { roles: ['lead'], teamIds: [], name: 'Lead Person' }));
  for (const a of members) await w.services.directory.saveAgent(a);
  for (const [agentId, limits] of Object.entries(choices)) {
    const set = await w.services.orchestra.autoAccept.set(agentId, {
      enabled: true,
      teamIds: limits.teamIds ?? null,
      priorities: limits.priorities ?? null,
    });
    if (!set.ok) throw new Error(set.error.message);
  }
  return w;
}

const P = { P1: [1, 1], P2: [1, 2], P3: [2, 2], P4: [3, 3] } as const;
const open = (w: OrchestraWorld, priority: Priority = 'P3') =>
  w.open({ teamId: 'pool', impact: P[priority][0], urgency: P[priority][1] });

describe('Routing and ownership', () => {
  it.each<[string, AgentSnapshot[], Priority]>([
    ['one online agent, P1', [member('a')], 'P1'],
    ['one online agent, P4', [member('a')], 'P4'],
    ['several agents', [member('a'), member('b'), member('c')], 'P2'],
    ['a lead among the members', [member('a', { roles: ['lead', 'agent'] })], 'P1'],
  ])('with no personal auto-accept never sets an owner (%s)', async (_case, members, priority) => {
    const w = await pool(members);
    const id = await open(w, priority);
    const outcome = await w.services.orchestra.routing.route({ ticketId: id });
    await w.pump();
    expect(outcome.outcome).toBe('offered');
    const t = await w.snapshot(id);
    expect(t.ownerId).toBeNull();
    expect(t.offer?.agentId).toBe(outcome.agentId);
    expect((await w.entries(id)).filter((e) => e.kind === 'owner_changed')).toEqual([]);
  });

  it.each<
    [string, AgentSnapshot, Record<string, { teamIds?: string[]; priorities?: Priority[] }>, Priority, string | null]
  >([
    ['on, online, room', member('a'), { a: {} }, 'P3', 'a'],
    ['on for this team', member('a'), { a: { teamIds: ['pool'] } }, 'P3', 'a'],
    ['on for P1 only, a P1', member('a'), { a: { priorities: ['P1'] } }, 'P1', 'a'],
    ['on for P1 only, a P3', member('a'), { a: { priorities: ['P1'] } }, 'P3', null],
    ['on, but away', member('a', { availability: 'away' }), { a: {} }, 'P3', null],
    ['on, but offline', member('a', { availability: 'offline' }), { a: {} }, 'P3', null],
    ['on, but full (capacity 1, a P1 weighs 2)', member('a', { capacity: 1 }), { a: {} }, 'P1', null],
  ])(
    'with a personal auto-accept (%s) sets exactly that agent, only while available and under capacity',
    async (_c, a, choices, priority, owner) => {
      const w = await pool([a], choices);
      const id = await open(w, priority);
      await w.services.orchestra.routing.route({ ticketId: id });
      await w.pump();
      const t = await w.snapshot(id);
      expect(t.ownerId).toBe(owner);
      const changes = (await w.entries(id)).filter((e) => e.kind === 'owner_changed');
      if (owner === null) expect(changes).toEqual([]);
      else {
        const setAt = (await w.services.orchestra.autoAccept.get(owner)).setAt;
        expect(changes).toHaveLength(1);
        expect(changes[0]?.data).toMatchObject({ via: 'accept', to: owner, standingChoice: { agentId: owner, setAt } });
      }
    },
  );

  it.each<[string, string | null, string | null, 'offered' | 'queued']>([
    ['a is outside her hours, b has none', 'closed', null, 'offered'],
    ['a is inside hers', 'always', null, 'offered'],
    ['both are outside theirs', 'closed', 'closed', 'queued'],
    ["a's calendar is gone since (counts as none)", 'deleted', 'closed', 'offered'],
  ])('honours working hours: %s', async (_case, aHours, bHours, outcome) => {
    const w = await pool([member('a', { workingCalendarId: aHours }), member('b', { workingCalendarId: bHours })]);
    // Closed: every day round the clock, but today is a holiday.
    const today = w.clock.now().toISOString().slice(0, 10);
    const allDay = [{ start: '00:00', end: '24:00' }];
    const week = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
    const closed = {
      id: 'closed',
      name: 'closed',
      timeZone: 'UTC',
      mode: 'business',
      week,
      holidays: [{ date: today, name: 'Off' }],
    };
    const always = { id: 'always', name: 'always', timeZone: 'UTC', mode: '24x7' };
    await w.services.sla.config.save('calendars', ZCalendar.parse(closed), { create: true });
    await w.services.sla.config.save('calendars', ZCalendar.parse(always), { create: true });
    const id = await open(w);
    const routed = await w.services.orchestra.routing.route({ ticketId: id });
    expect(routed.outcome).toBe(outcome);
    const expected = outcome === 'queued' ? null : aHours === 'closed' ? 'b' : 'a';
    expect(routed.agentId).toBe(expected);
  });

  it("acts on the chosen agent's own choice only: another member's choice does not make them owner", async () => {
    // Equal load and no history: routing chooses a (ties go to the id); b's choice is b's alone.
    const w = await pool([member('a'), member('b')], { b: {} });
    const first = await open(w);
    expect((await w.services.orchestra.routing.route({ ticketId: first })).agentId).toBe('a');
    const t = await w.snapshot(first);
    expect(t.ownerId).toBeNull();
    expect(t.offer?.agentId).toBe('a');
  });

  it('cannot be made to set an owner by a team setting (a team document still carrying autoAccept)', async () => {
    const w = await pool([member('a')]);
    const team = await w.store.read('directory', 'teams', 'pool');
    await w.store.batch('directory', 'teams', [
      { op: 'replace', doc: { ...(team?.doc as object), autoAccept: true } as never, ifMatch: team?.etag as string },
    ]);
    expect(await w.services.directory.team('pool')).not.toHaveProperty('autoAccept');
    const id = await open(w, 'P1');
    expect((await w.services.orchestra.routing.route({ ticketId: id })).outcome).toBe('offered');
    expect((await w.snapshot(id)).ownerId).toBeNull();
  });

  it('moves an unanswered offer to the next agent, then to the team lead, each move on the timeline', async () => {
    const w = await pool([member('a'), member('b')]);
    const id = await open(w, 'P2');
    const { routing, routingUpkeep } = w.services.orchestra;
    const first = await routing.route({ ticketId: id });
    const second = first.agentId === 'a' ? 'b' : 'a';
    const nine = 9 * 60_000;
    w.clock.advance(nine);
    expect((await routingUpkeep.sweep()).expired).toBe(0);
    expect((await w.snapshot(id)).offer?.agentId).toBe(first.agentId);

    w.clock.advance(2 * 60_000);
    expect((await routingUpkeep.sweep()).expired).toBe(1);
    expect((await w.snapshot(id)).offer).toMatchObject({ agentId: second, stage: 'member', tried: [first.agentId] });

    w.clock.advance(11 * 60_000);
    await routingUpkeep.sweep();
    const last = await w.snapshot(id);
    expect(last.offer).toMatchObject({ agentId: 'lead', stage: 'lead', expiresAt: null });
    expect(last.ownerId).toBeNull();

    // The lead's offer stands: more sweeps do not move it.
    w.clock.advance(60 * 60_000);
    expect((await routingUpkeep.sweep()).expired).toBe(0);
    await w.pump();
    const offered = (await w.entries(id)).filter((e) => e.kind === 'offered');
    expect(offered.map((e) => [e.data.from, e.data.to, e.data.stage])).toEqual([
      [null, first.agentId, 'member'],
      [first.agentId, second, 'member'],
      [second, 'lead', 'lead'],
    ]);
    expect(offered[1]?.body).toMatch(/^Not accepted by Agent \w in time\. Offered to Agent \w for 10 min$/);
    expect(offered[2]?.body).toContain('the team lead');
    // Everyone it was offered to was told, once.
    for (const agentId of [first.agentId as string, second, 'lead']) {
      const page = await w.services.orchestra.notifications.list(agentId, { limit: 10 });
      expect(page.items.filter((n) => n.kind === 'ticket.offered' && n.ticketId === id)).toHaveLength(1);
    }
    // Capacity the moved offers held is free again; the lead's offer holds none.
    for (const agentId of ['a', 'b', 'lead']) {
      const load = await w.store.read<{ id: string; docType: string; tickets: object }>(
        'config',
        'routing-load',
        `load:${agentId}`,
      );
      expect(Object.keys(load?.doc.tickets ?? {})).toEqual([]);
    }
  });

  it('lets two agents accept an offered ticket at once: exactly one wins, the offer ends', async () => {
    const w = await pool([member('a'), member('b')]);
    const id = await open(w, 'P1');
    await w.services.orchestra.routing.route({ ticketId: id });
    const actor = (agentId: string) => ({
      kind: 'agent' as const,
      agentId,
      roles: ['agent' as const],
      teamIds: ['pool'],
    });
    const results = await Promise.all(
      ['a', 'b'].map((agentId) => w.services.tickets.accept(id, actor(agentId), { retryOnConflict: true })),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(codes).toEqual(['TICKET.ALREADY_OWNED', 'ok']);
    const t = await w.snapshot(id);
    expect(['a', 'b']).toContain(t.ownerId);
    expect(t.offer).toBeNull();
    expect((await w.entries(id)).filter((e) => e.kind === 'owner_changed')).toHaveLength(1);
  });

  it('lets a lead still assign explicitly: a transfer from nobody with a reason, which ends the offer', async () => {
    const w = await pool([member('a'), member('b')]);
    const id = await open(w);
    const offered = await w.services.orchestra.routing.route({ ticketId: id });
    const other = offered.agentId === 'a' ? 'b' : 'a';
    const lead = { kind: 'agent' as const, agentId: 'lead', roles: ['lead' as const], teamIds: [] };
    const refused = await w.services.tickets.transfer(id, { toAgentId: other, reason: ' ' }, lead);
    expect(refused.ok || refused.error.code).toBe('TICKET.REASON_REQUIRED');
    const done = await w.services.tickets.transfer(id, { toAgentId: other, reason: 'Knows this customer' }, lead);
    expect(done.ok).toBe(true);
    const t = await w.snapshot(id);
    expect([t.ownerId, t.offer]).toEqual([other, null]);
    const change = (await w.entries(id)).find((e) => e.kind === 'owner_changed');
    expect(change?.data).toMatchObject({ from: null, to: other, via: 'transfer', reason: 'Knows this customer' });
    await w.pump();
    const load = await w.store.read<{ id: string; docType: string; tickets: object }>(
      'config',
      'routing-load',
      `load:${offered.agentId}`,
    );
    expect(Object.keys(load?.doc.tickets ?? {})).toEqual([]);
  });
});
