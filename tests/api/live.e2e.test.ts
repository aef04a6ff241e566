/**
 * Presence and live updates end to end (ADR 0027) on the running local platform: through the
 * local host's own event stream (LIVE_PROVIDER=local, on each store), and through the Azure Web
 * PubSub simulator (LIVE_PROVIDER=web-pubsub, the real SDK sending, a WebSocket client with the
 * json.webpubsub.azure.v1 subprotocol receiving). Bad input gets problem+json, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TLiveNegotiation, TPresence } from '../../shared/api/live.schemas.js';
import { startWebPubSubSimulator, type WebPubSubSimulator } from '../simulators/web-pubsub/web-pubsub-simulator.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Ticket = { id: string; number: string };
type Message = { type: string; ticketId: string; viewers?: { agentId: string; activity: string }[]; event?: string };

const newTicket = async (p: RunningPlatform, title: string) =>
  (
    await p.api<Ticket>('alice@demo.local', 'tickets', {
      body: { title, requester: { email: 'pat@customer.test', name: 'Pat' }, impact: 3, urgency: 3 },
    })
  ).body;

/** Messages as they arrive, and a wait for the first one matching. */
function inbox() {
  const messages: Message[] = [];
  const waiters: (() => void)[] = [];
  return {
    messages,
    push(m: Message) {
      messages.push(m);
      for (const w of waiters.splice(0)) w();
    },
    async next(match: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching live message; got ${JSON.stringify(messages)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
  };
}

/** Reads a server-sent event stream with fetch, as EventSource does. */
async function openStream(url: string) {
  const box = inbox();
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of frame.split('\n')) if (line.startsWith('data: ')) box.push(JSON.parse(line.slice(6)));
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return { ...box, close: () => controller.abort() };
}

const beat = (p: RunningPlatform, as: string, ticket: string, sessionId: string, activity = 'viewing') =>
  p.api<TPresence>(as, `tickets/${ticket}/presence`, { method: 'PUT', body: { sessionId, activity } });

describe.each(E2E_STORES)('presence and live updates through the local host (%s)', (store) => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('streams who is viewing and replying, and the ticket changes, to the other agent', async () => {
    const ticket = await newTicket(p, 'Live: two agents on one ticket');
    const negotiated = await p.api<TLiveNegotiation>('bob@demo.local', 'live/negotiate');
    expect(negotiated.body).toMatchObject({ enabled: true, transport: 'sse' });
    if (!negotiated.body.enabled) throw new Error('live is off');
    const stream = await openStream(`${p.url}${negotiated.body.url}&group=tickets&group=ticket.${ticket.id}`);
    try {
      const bobBeat = await beat(p, 'bob@demo.local', ticket.id, 'bob-tab-0001');
      expect(bobBeat.status).toBe(200);
      expect(bobBeat.body.viewers).toMatchObject([{ agentId: 'ag_bob', activity: 'viewing' }]);
      expect(bobBeat.body.ttlMs).toBeGreaterThan(bobBeat.body.heartbeatMs * 2);

      // Alice opens the ticket by its number and starts a reply: Bob's stream hears both.
      expect(
        (await beat(p, 'alice@demo.local', ticket.number, 'alice-tab-01')).body.viewers.map((v) => v.agentId),
      ).toEqual(['ag_alice', 'ag_bob']);
      await stream.next((m) => m.type === 'presence' && m.viewers?.length === 2);
      await beat(p, 'alice@demo.local', ticket.id, 'alice-tab-01', 'replying');
      await stream.next(
        (m) => m.type === 'presence' && !!m.viewers?.some((v) => v.agentId === 'ag_alice' && v.activity === 'replying'),
      );

      // A plain heartbeat changes nothing others see: no message.
      const presenceMessages = () => stream.messages.filter((m) => m.type === 'presence').length;
      const before = presenceMessages();
      await beat(p, 'alice@demo.local', ticket.id, 'alice-tab-01', 'replying');
      await new Promise((r) => setTimeout(r, 300));
      expect(presenceMessages()).toBe(before);

      // Alice's note reaches Bob as a change of this ticket (no content in the message).
      expect(
        (
          await p.api('alice@demo.local', `tickets/${ticket.id}/timeline`, {
            body: { body: 'Looking at it', visibility: 'internal' },
          })
        ).status,
      ).toBe(200);
      for (let i = 0; i < 3; i++) await p.platform.drainQueue();
      const changed = await stream.next(
        (m) => m.type === 'ticket.changed' && m.event === 'ticket.note_added' && m.ticketId === ticket.id,
      );
      expect(changed).toMatchObject({ ticketId: ticket.id, by: 'ag_alice' });
      expect(JSON.stringify(changed)).not.toContain('Looking at it');

      // She closes the tab: Bob sees her gone at once.
      const left = await p.api<TPresence>('alice@demo.local', `tickets/${ticket.id}/presence?sessionId=alice-tab-01`, {
        method: 'DELETE',
      });
      expect(left.body.viewers.map((v) => v.agentId)).toEqual(['ag_bob']);
      await stream.next((m) => m.type === 'presence' && m.viewers?.length === 1);
    } finally {
      stream.close();
    }
  });

  it('refuses a bad token, bad groups and bad heartbeats with problem+json', async () => {
    const ticket = await newTicket(p, 'Live: bad input');
    const forged = await fetch(`${p.url}/api/live/stream?access_token=YWdfYm9i.9999999999999.forged&group=tickets`);
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toBe('application/problem+json');
    const negotiated = (await p.api<TLiveNegotiation>('bob@demo.local', 'live/negotiate')).body;
    if (!negotiated.enabled) throw new Error('live is off');
    for (const groups of ['', '&group=everything', '&group=ticket.a%2Fb'])
      expect((await fetch(`${p.url}${negotiated.url}${groups}`)).status, groups).toBe(422);
    expect((await p.api(null, 'live/negotiate')).status).toBe(401);
    for (const body of [
      { sessionId: 'x', activity: 'viewing' },
      { sessionId: 'abcdefgh', activity: 'typing' },
      { sessionId: 'abcdefgh', activity: 'viewing', extra: 1 },
    ]) {
      const bad = await p.api('bob@demo.local', `tickets/${ticket.id}/presence`, { method: 'PUT', body });
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await beat(p, 'bob@demo.local', 't_does-not-exist', 'abcdefgh')).status).toBe(404);
    expect((await beat(p, 'bob@demo.local', 'INC-999999', 'abcdefgh')).status).toBe(404);
    expect((await p.api('bob@demo.local', `tickets/${ticket.id}/presence`, { method: 'DELETE' })).status).toBe(422);
  });
});

describe('live updates through the Azure Web PubSub simulator', () => {
  let sim: WebPubSubSimulator;
  let p: RunningPlatform;
  beforeAll(async () => {
    sim = await startWebPubSubSimulator();
    p = await startRunningPlatform({
      env: { LIVE_PROVIDER: 'web-pubsub', WEB_PUBSUB_ENDPOINT: sim.endpoint, WEB_PUBSUB_KEY: sim.accessKey },
    });
  });
  afterAll(async () => {
    await p?.stop();
    await sim?.close();
  });

  it('sends presence and changes to the groups a browser joined over its WebSocket', async () => {
    const ticket = await newTicket(p, 'Live: Web PubSub');
    const negotiated = (await p.api<TLiveNegotiation>('bob@demo.local', 'live/negotiate')).body;
    expect(negotiated).toMatchObject({ enabled: true, transport: 'web-pubsub' });
    if (!negotiated.enabled) throw new Error('live is off');
    expect(negotiated.url.startsWith(sim.endpoint.replace('http', 'ws'))).toBe(true);

    const box = inbox();
    const socket = new WebSocket(negotiated.url, 'json.webpubsub.azure.v1');
    const acks = new Map<number, boolean>();
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      if (frame.type === 'ack') acks.set(frame.ackId, frame.success);
      if (frame.type === 'message') box.push(frame.data);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      socket.send(JSON.stringify({ type: 'joinGroup', group: `ticket.${ticket.id}`, ackId: 1 }));
      await expect.poll(() => acks.get(1)).toBe(true);
      expect(sim.connections()).toMatchObject([{ userId: 'ag_bob', groups: [`ticket.${ticket.id}`] }]);

      await beat(p, 'alice@demo.local', ticket.id, 'alice-tab-01', 'replying');
      await box.next(
        (m) => m.type === 'presence' && !!m.viewers?.some((v) => v.agentId === 'ag_alice' && v.activity === 'replying'),
      );
      await p.api('alice@demo.local', `tickets/${ticket.id}/timeline`, {
        body: { body: 'On it', visibility: 'internal' },
      });
      for (let i = 0; i < 3; i++) await p.platform.drainQueue();
      await box.next((m) => m.type === 'ticket.changed' && m.event === 'ticket.note_added');
      // The `tickets` group got it too (sent by the SDK's REST call), though this socket is not in it.
      expect(sim.sent.some((s) => s.group === 'tickets' && s.body.includes('ticket.note_added'))).toBe(true);
      expect(box.messages.every((m) => m.ticketId === ticket.id)).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('refuses a forged client token and an unsigned REST call, as the service does', async () => {
    const refused = new WebSocket(
      `${sim.endpoint.replace('http', 'ws')}/client/hubs/itilnext?access_token=e30.e30.forged`,
      'json.webpubsub.azure.v1',
    );
    const status = await new Promise<number>((resolve) =>
      refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
    const unsigned = await fetch(`${sim.endpoint}/api/hubs/itilnext/groups/tickets/:send?api-version=2024-12-01`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
  });
});
