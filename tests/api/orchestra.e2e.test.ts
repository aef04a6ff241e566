/**
 * The Orchestra end to end on the local platform: a P1 incident created over HTTP is routed to the
 * major-incident team by the default rule and OFFERED to its agent, Mia; it stays unowned until
 * she accepts (the agent who created it may accept it too); once Mia turns on her own auto-accept
 * the next P1 is hers, recorded as her accept by her standing choice. An assist left past its due
 * time produces exactly one overdue notification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../shared/kernel/actor.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Offer = { agentId: string; stage: string; expiresAt: string | null };
type Ticket = { id: string; number: string; teamId: string | null; ownerId: string | null; offer?: Offer | null };
type Entry = {
  kind: string;
  body: string | null;
  author: { kind: string; agentId?: string };
  data: Record<string, unknown>;
};
type Notification = { id: string; kind: string; ticketId: string | null; title: string; readAt: string | null };
type NotificationPage = { items: Notification[]; unread: number; nextCursor: string | null };

describe.each(E2E_STORES)('the Orchestra over HTTP (%s)', (store) => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
    await p.platform.drainQueue();
  });
  afterAll(async () => {
    await p.stop();
  });

  const openP1 = async (as: string, title: string) => {
    const created = await p.api<Ticket>(as, 'tickets', {
      body: {
        type: 'incident',
        title,
        description: 'Nothing reachable',
        requester: { email: 'ops@customer.example', name: 'Ops' },
        impact: 1,
        urgency: 1,
        teamId: 'service-desk',
        channel: 'phone',
      },
    });
    expect(created.status).toBe(201);
    await p.platform.drainQueue();
    return created.body.id;
  };
  const ticket = async (id: string) => (await p.api<Ticket>('lead@demo.local', `tickets/${id}`)).body;
  const timeline = async (id: string) =>
    (await p.api<{ items: Entry[] }>('lead@demo.local', `tickets/${id}/timeline?limit=100`)).body.items;
  const offersOf = async (as: string) => (await p.api<{ items: Ticket[] }>(as, 'me/offers')).body.items;

  it('offers a P1 to major-incident; it stays unowned until Mia accepts', async () => {
    const id = await openP1('lead@demo.local', 'Core switch down in data centre');
    const offered = await ticket(id);
    expect(offered.teamId).toBe('major-incident');
    expect(offered.ownerId).toBeNull();
    expect(offered.offer).toMatchObject({ agentId: 'ag_mia', stage: 'member' });
    expect((await offersOf('mia@demo.local')).map((t) => t.id)).toContain(id);
    const entries = await timeline(id);
    expect(entries.some((e) => e.kind === 'rule_action' && e.data.ruleName === 'P1 incidents to Major Incident')).toBe(
      true,
    );
    expect(entries.filter((e) => e.kind === 'offered').map((e) => e.data.to)).toEqual(['ag_mia']);
    expect(entries.filter((e) => e.kind === 'owner_changed')).toEqual([]);
    const mia = await p.api<NotificationPage>('mia@demo.local', 'notifications');
    const about = mia.body.items.filter((n) => n.ticketId === id);
    expect(about.map((n) => n.kind).sort()).toEqual(['rule.notify', 'ticket.offered']);

    // Time passes, other work happens: still nobody's until a person says yes.
    await p.platform.drainQueue();
    expect((await ticket(id)).ownerId).toBeNull();

    const accepted = await p.api<Ticket>('mia@demo.local', `tickets/${id}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.ownerId).toBe('ag_mia');
    expect(accepted.body.offer).toBeNull();
    expect((await offersOf('mia@demo.local')).map((t) => t.id)).not.toContain(id);
    const read = await p.api<{ unread: number }>(
      'mia@demo.local',
      `notifications/${encodeURIComponent(about[0]!.id)}/read`,
      {
        method: 'POST',
      },
    );
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(mia.body.unread - 1);
  });

  it('lets the agent who created a P1 accept it while it is offered to Mia', async () => {
    const id = await openP1('alice@demo.local', 'Payroll system down');
    expect((await ticket(id)).offer?.agentId).toBe('ag_mia');
    const accepted = await p.api<Ticket>('alice@demo.local', `tickets/${id}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.ownerId).toBe('ag_alice');
    await p.platform.drainQueue();
    expect((await offersOf('mia@demo.local')).map((t) => t.id)).not.toContain(id);
    const late = await p.api<{ code: string }>('mia@demo.local', `tickets/${id}/accept`, { method: 'POST' });
    expect([late.status, late.body.code]).toEqual([409, 'TICKET.ALREADY_OWNED']);
  });

  it('gives Mia the next P1 once she turns on her own auto-accept, recorded as her standing choice', async () => {
    const before = await p.api<{ enabled: boolean; setAt: string | null }>('mia@demo.local', 'me/auto-accept');
    expect(before.body).toMatchObject({ enabled: false, setAt: null });
    const set = await p.api<{ enabled: boolean; setAt: string }>('mia@demo.local', 'me/auto-accept', {
      method: 'PUT',
      body: { enabled: true, priorities: ['P1'] },
    });
    expect(set.status).toBe(200);
    expect(set.body.enabled).toBe(true);

    const id = await openP1('lead@demo.local', 'Datacentre power failure');
    const mine = await ticket(id);
    expect(mine.ownerId).toBe('ag_mia');
    expect(mine.offer).toBeNull();
    const accept = (await timeline(id)).filter((e) => e.kind === 'owner_changed');
    expect(accept).toHaveLength(1);
    expect(accept[0]).toMatchObject({
      author: { kind: 'agent', agentId: 'ag_mia' },
      data: { via: 'accept', to: 'ag_mia', standingChoice: { agentId: 'ag_mia', setAt: set.body.setAt } },
    });
    expect(accept[0]?.body).toContain('standing choice');
    const mia = await p.api<NotificationPage>('mia@demo.local', 'notifications');
    expect(mia.body.items.filter((n) => n.ticketId === id).map((n) => n.kind)).toContain('ticket.assigned');

    // Switched off again: the next one is only offered.
    await p.api('mia@demo.local', 'me/auto-accept', { method: 'PUT', body: { enabled: false } });
    const next = await openP1('lead@demo.local', 'Second datacentre power failure');
    expect(await ticket(next)).toMatchObject({ ownerId: null, offer: { agentId: 'ag_mia' } });
  });

  it('sends exactly one overdue notification for an assist past due', async () => {
    const created = await p.api<Ticket>('lead@demo.local', 'tickets', {
      body: {
        type: 'incident',
        title: 'Replication lag on orders-db',
        description: 'Lag grows',
        requester: { email: 'dba@customer.example', name: 'DBA' },
        impact: 2,
        urgency: 3,
        teamId: 'database',
        channel: 'web',
      },
    });
    const id = created.body.id;
    expect((await p.api('oscar@demo.local', `tickets/${id}/accept`, { method: 'POST' })).status).toBe(200);
    const dueAt = new Date(Date.now() + 60_000).toISOString();
    const assist = await p.api<{ assistId?: string; id?: string }>('oscar@demo.local', `tickets/${id}/assists`, {
      body: { expert: { agentId: 'ag_dave' }, question: 'Can you look at the replica?', dueAt },
    });
    expect(assist.status).toBe(201);
    await p.platform.drainQueue();
    // The SLA evaluator times overdue assists out; here the time-out is driven through the domain
    // with a system actor (the platform runs without timers in tests), twice to show idempotency.
    const { tickets } = p.composition.services;
    const assists = await p.api<{ items: { id: string }[] }>('oscar@demo.local', `tickets/${id}/assists`);
    const assistId = assists.body.items[0]!.id;
    const timedOut = await tickets.actOnAssist(
      assistId,
      'time_out' as never,
      { proposeReply: false },
      systemActor('sla'),
    );
    expect(timedOut.ok).toBe(true);
    await p.platform.drainQueue();
    const again = await tickets.actOnAssist(assistId, 'time_out' as never, { proposeReply: false }, systemActor('sla'));
    expect(again.ok).toBe(false);
    await p.platform.drainQueue();
    for (const who of ['oscar@demo.local', 'dave@demo.local']) {
      const page = await p.api<NotificationPage>(who, 'notifications?limit=100');
      const overdue = page.body.items.filter((n) => n.kind === 'assist.overdue' && n.ticketId === id);
      expect(overdue).toHaveLength(1);
    }
  });
});
