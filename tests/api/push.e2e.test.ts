/**
 * Web push end to end (ADR 0024) on the running local platform with PUSH_PROVIDER=push-sim: Bob
 * subscribes a browser (the push-service stand-in's subscription), Alice asks him for an assist,
 * and the stand-in receives one VAPID-signed push whose decrypted payload opens the ticket. His
 * preference switches it off; a subscription the service calls gone is deleted; bad subscriptions
 * get 422 problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointProblem } from '../../shared/notifications/push-notifications.js';
import { PUSH_SIM_CA, type PushServiceStandIn, startPushServiceStandIn } from '../simulators/push/push-service.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Ticket = { id: string; number: string };

describe('push endpoints a server may POST to', () => {
  it('takes public https push services only', () => {
    expect(endpointProblem('https://fcm.googleapis.com/fcm/send/abc', false)).toBeNull();
    expect(endpointProblem('https://web.push.apple.com/QG9', false)).toBeNull();
    expect(endpointProblem('http://fcm.googleapis.com/fcm/send/abc', false)).toMatch(/https/);
    for (const host of ['127.0.0.1', 'localhost', '10.1.2.3', '192.168.0.9', '172.20.0.1', '169.254.169.254', '[::1]'])
      expect(endpointProblem(`https://${host}/push/x`, false), host).toMatch(/not a public push service/);
    expect(endpointProblem('https://user:pw@push.example/x', false)).toMatch(/credentials/);
    expect(endpointProblem('https://127.0.0.1:4443/push/x', true)).toBeNull();
  });
});

describe.each(E2E_STORES)('web push through the push-service stand-in (%s)', (store) => {
  let p: RunningPlatform;
  let sim: PushServiceStandIn;
  beforeAll(async () => {
    sim = await startPushServiceStandIn();
    p = await startRunningPlatform({ store, env: { PUSH_PROVIDER: 'push-sim', PUSH_EXTRA_CA_FILE: PUSH_SIM_CA } });
  });
  afterAll(async () => {
    await p?.stop();
    await sim?.close();
  });

  const drain = async () => {
    for (let i = 0; i < 3; i++) await p.platform.drainQueue();
  };
  const askBob = async (question: string) => {
    const created = await p.api<Ticket>('lead@demo.local', 'tickets', {
      body: {
        title: `Push ${question}`,
        requester: { email: 'pat@customer.test', name: 'Pat' },
        impact: 2,
        urgency: 2,
      },
    });
    expect((await p.api('alice@demo.local', `tickets/${created.body.id}/accept`, { method: 'POST' })).status).toBe(200);
    const asked = await p.api('alice@demo.local', `tickets/${created.body.id}/assists`, {
      body: { expert: { agentId: 'ag_bob' }, question },
    });
    expect(asked.status).toBe(201);
    await drain();
    return created.body;
  };

  let endpoint: string;

  it('gives the VAPID key and takes a browser subscription; refuses bad ones with 422', async () => {
    const config = await p.api<{ enabled: boolean; publicKey: string }>('bob@demo.local', 'push/config');
    expect(config.body.enabled).toBe(true);
    expect(config.body.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const sub = sim.subscribe();
    endpoint = sub.endpoint;
    const added = await p.api<{ id: string; endpointOrigin: string }>('bob@demo.local', 'me/push-subscriptions', {
      body: sub,
      headers: { 'user-agent': 'Chromium test' },
    });
    expect(added.status).toBe(201);
    expect(added.body.endpointOrigin).toBe(sim.url);
    const again = await p.api('bob@demo.local', 'me/push-subscriptions', { body: sub });
    expect(again.status).toBe(201);
    const mine = await p.api<{ items: { device: string }[] }>('bob@demo.local', 'me/push-subscriptions');
    expect(mine.body.items).toHaveLength(1);

    for (const bad of [
      { ...sub, endpoint: sub.endpoint.replace('https:', 'http:') },
      { ...sub, keys: { ...sub.keys, p256dh: 'short' } },
      { endpoint: sub.endpoint },
      { ...sub, extra: true },
    ]) {
      const refused = await p.api('bob@demo.local', 'me/push-subscriptions', { body: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('pushes an assist request to the expert’s browser, signed and encrypted, opening the ticket', async () => {
    const ticket = await askBob('Is the printer queue stuck?');
    // Routing may also have offered Bob the new ticket (its own push, on its own topic).
    const received = sim
      .messages(endpoint)
      .map((m) => ({ ...m, body: JSON.parse(m.payload) as { title: string; url: string; kind: string } }))
      .filter((m) => m.body.url === `/tickets/${ticket.number}` && m.body.kind === 'assist.requested');
    expect(received).toHaveLength(1);
    expect(received[0]?.body.title).toContain(ticket.number);
    expect(received[0]).toMatchObject({ urgency: 'high', vapidSubject: 'mailto:support@demo.local' });
    expect(received[0]?.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });

  it('sends nothing for a kind the agent switched off', async () => {
    const prefs = await p.api<{ inApp: object; email: object }>('bob@demo.local', 'me/notification-preferences');
    const saved = await p.api('bob@demo.local', 'me/notification-preferences', {
      method: 'PUT',
      body: { inApp: prefs.body.inApp, email: prefs.body.email, push: { 'assist.requested': false } },
    });
    expect(saved.status).toBe(200);
    const assistPushes = () => sim.messages(endpoint).filter((m) => m.payload.includes('"kind":"assist.requested"'));
    const before = assistPushes().length;
    await askBob('Toner?');
    expect(assistPushes()).toHaveLength(before);
    await p.api('bob@demo.local', 'me/notification-preferences', {
      method: 'PUT',
      body: { inApp: prefs.body.inApp, email: prefs.body.email, push: { 'assist.requested': true } },
    });
  });

  it('deletes a subscription the push service calls gone, and lets an agent remove one', async () => {
    sim.gone(endpoint);
    await askBob('Paper jam?');
    expect((await p.api<{ items: unknown[] }>('bob@demo.local', 'me/push-subscriptions')).body.items).toEqual([]);

    const other = sim.subscribe();
    expect((await p.api('bob@demo.local', 'me/push-subscriptions', { body: other })).status).toBe(201);
    const path = `me/push-subscriptions?endpoint=${encodeURIComponent(other.endpoint)}`;
    expect((await p.api('bob@demo.local', path, { method: 'DELETE' })).status).toBe(204);
    expect((await p.api('bob@demo.local', path, { method: 'DELETE' })).status).toBe(404);
  });
});
