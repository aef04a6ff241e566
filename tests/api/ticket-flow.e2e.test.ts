/**
 * The foundation's end-to-end story against the running local host: create -> accept -> two
 * parallel assists -> contributions -> answer -> resolve. The owner never moves and the
 * timeline tells each step, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Ticket = { id: string; number: string; status: string; ownerId: string | null; openAssistCount: number };
type Entry = { kind: string; assistId: string | null; author: { agentId?: string } };

describe.each(E2E_STORES)('ticket flow over HTTP (%s)', (store) => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
  });
  afterAll(async () => {
    await p.stop();
  });

  it('serves health, the OpenAPI document and the placeholder or built web app', async () => {
    const health = await p.api<{ queues: { queue: string; waiting: number; inFlight: number }[] }>(null, 'health');
    expect(health.body).toMatchObject({ status: 'ok', store, queue: 'local' });
    expect(health.body.queues.map((q) => q.queue)).toEqual([
      'events',
      'inbound-mail',
      'outbound-mail',
      'bulk',
      'migration',
    ]);
    expect(Object.keys(health.body.queues[0] ?? {})).toEqual(['queue', 'waiting', 'inFlight', 'nextLockExpiry']);
    const openapi = await p.api<{ openapi: string; paths: Record<string, unknown> }>(null, 'openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toContain('/api/tickets/{id}/assists');
    const home = await fetch(`${p.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html');
  });

  it('answers client mistakes with problem+json 4xx, never 500', async () => {
    const cases: [string, string, RequestInit][] = [
      ['POST', 'tickets', { body: '{"title":', headers: { 'content-type': 'application/json' } }],
      [
        'POST',
        'tickets',
        {
          body: JSON.stringify({ title: 'x', requester: { email: 'no' } }),
          headers: { 'content-type': 'application/json' },
        },
      ],
      ['POST', 'tickets', { body: 'x'.repeat(1_200_000), headers: { 'content-type': 'application/json' } }],
      ['GET', 'tickets/%00%01', {}],
      ['GET', 'tickets?limit=100000', {}],
      ['DELETE', 'tickets', {}],
      ['GET', 'no-such-route', {}],
      // Ids Cosmos DB cannot hold (it answers "Illegal characters" with a 500 if one reaches it).
      ['POST', 'notifications/n%2Fx/read', {}],
      ['POST', 'notifications/n%5Cx/read', {}],
      ['POST', 'notifications/n%23x/read', {}],
      ['POST', 'notifications/n%3Fx/read', {}],
      ['GET', 'assists/a%2Fb', {}],
      ['GET', `rules/${'r'.repeat(300)}`, {}],
      ['POST', 'tickets/t%2F1/accept', {}],
    ];
    for (const [method, path, init] of cases) {
      const response = await fetch(`${p.url}/api/${path}`, {
        ...init,
        method,
        headers: { authorization: 'Dev alice@demo.local', ...(init.headers as Record<string, string>) },
      });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(response.headers.get('content-type'), `${method} ${path}`).toContain('application/problem+json');
    }
  });

  it('tells the whole story: create, accept, two parallel assists, contributions, answer, resolve', async () => {
    const created = await p.api<Ticket>('lead@demo.local', 'tickets', {
      body: {
        title: 'Payroll export fails',
        requester: { email: 'hr@customer.example', name: 'HR' },
        impact: 1,
        urgency: 2,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await p.api<Ticket>('alice@demo.local', `tickets/${id}/accept`, { method: 'POST' })).body).toMatchObject({
      ownerId: 'ag_alice',
      status: 'open',
    });

    const [dba, network] = await Promise.all([
      p.api<{ id: string }>('alice@demo.local', `tickets/${id}/assists`, {
        body: { expert: { agentId: 'ag_dave' }, question: 'Locks on payroll db?' },
      }),
      p.api<{ id: string }>('alice@demo.local', `tickets/${id}/assists`, {
        body: { expert: { teamId: 'network' }, question: 'Firewall change last night?' },
      }),
    ]);
    expect([dba.status, network.status]).toEqual([201, 201]);
    expect((await p.api<Ticket>('alice@demo.local', `tickets/${id}`)).body.openAssistCount).toBe(2);

    await p.api('dave@demo.local', `assists/${dba.body.id}/contribute`, {
      body: { body: 'A long-running lock from the backup job.' },
    });
    await p.api('nina@demo.local', `assists/${network.body.id}/accept`, { method: 'POST' });
    await p.api('nina@demo.local', `assists/${network.body.id}/contribute`, {
      body: { body: 'No firewall change.', proposeReply: true },
    });
    const answered = await p.api<{ state: string }>('dave@demo.local', `assists/${dba.body.id}/answer`, {
      body: { body: 'Backup job rescheduled; export works.' },
    });
    expect(answered.body.state).toBe('answered');

    // Experts can never take the ticket, not even by accepting or transferring it.
    expect((await p.api('dave@demo.local', `tickets/${id}/accept`, { method: 'POST' })).status).toBe(403);
    expect(
      (
        await p.api('nina@demo.local', `tickets/${id}/transfer`, {
          body: { toAgentId: 'ag_nina', reason: 'I fixed it' },
        })
      ).status,
    ).toBe(403);

    const resolved = await p.api<Ticket>('alice@demo.local', `tickets/${id}/status`, {
      body: { status: 'resolved', reason: 'Backup rescheduled' },
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', ownerId: 'ag_alice', openAssistCount: 0 });

    const timeline = await p.api<{ items: Entry[] }>('alice@demo.local', `tickets/${id}/timeline`);
    expect(timeline.body.items.map((e) => e.kind)).toEqual([
      'ticket_created',
      'owner_changed',
      'assist_requested',
      'assist_requested',
      'assist_accepted',
      'assist_contribution',
      'assist_accepted',
      'assist_reply_proposed',
      'assist_answered',
      'assist_withdrawn',
      'status_changed',
    ]);
    const ownerChanges = timeline.body.items.filter((e) => e.kind === 'owner_changed');
    expect(ownerChanges).toHaveLength(1);
    const networkThread = timeline.body.items.filter((e) => e.assistId === network.body.id).map((e) => e.kind);
    expect(networkThread).toEqual(['assist_requested', 'assist_accepted', 'assist_reply_proposed', 'assist_withdrawn']);
  });

  it('delivers every domain event to the events queue and drains it', async () => {
    await p.platform.drainQueue();
    const dead = await p.api<{ items: unknown[] }>('admin@demo.local', 'admin/dead-letters?queue=events');
    expect(dead.status).toBe(200);
    expect(dead.body.items).toEqual([]);
    expect((await p.api('alice@demo.local', 'admin/dead-letters')).status).toBe(403);
    const queues = await p.api<{ monitored: boolean; items: { queue: string; waiting: number; inFlight: number }[] }>(
      'admin@demo.local',
      'admin/queues',
    );
    expect(queues.status).toBe(200);
    expect(queues.body.monitored).toBe(true);
    expect(queues.body.items.map((q) => [q.queue, q.waiting, q.inFlight])).toEqual([
      ['events', 0, 0],
      ['inbound-mail', 0, 0],
      ['outbound-mail', 0, 0],
      ['bulk', 0, 0],
      ['migration', 0, 0],
    ]);
    expect((await p.api('alice@demo.local', 'admin/queues')).status).toBe(403);
    expect((await p.api('admin@demo.local', 'admin/queues?limit=0')).status).toBe(422);
  });
});
