import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import type { LiveChannel, LiveMessage } from '../ports/live-channel.js';
import { HEARTBEAT_MS, PRESENCE_TTL_MS } from './presence.js';
import { PresenceService } from './presence-service.js';

class RecordingLive implements LiveChannel {
  readonly sent: { group: string; message: LiveMessage }[] = [];
  async publish(group: string, message: LiveMessage) {
    this.sent.push({ group, message });
  }
  async clientAccess() {
    return { transport: 'sse' as const, url: '/live', expiresAt: '' };
  }
}

function setUp() {
  let now = new Date('2026-12-03T10:00:00Z');
  const store = new InMemoryDocumentStore();
  const live = new RecordingLive();
  const presence = new PresenceService({
    store,
    clock: { now: () => now },
    live,
    ticketExists: async (id) => id === 't_1',
    log: () => {},
  });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const who = () =>
    live.sent.map((s) =>
      (s.message.viewers as { agentId: string; activity: string }[]).map((v) => `${v.agentId}:${v.activity}`),
    );
  return { presence, live, store, advance, who };
}

describe('PresenceService', () => {
  it('announces a new viewer, a change to replying and a goodbye, but not a plain heartbeat', async () => {
    const { presence, live, advance, who } = setUp();
    await presence.beat('t_1', 'ag_bob', 's-bob', 'viewing');
    await presence.beat('t_1', 'ag_alice', 's-alice', 'viewing');
    advance(HEARTBEAT_MS);
    await presence.beat('t_1', 'ag_bob', 's-bob', 'viewing');
    await presence.beat('t_1', 'ag_alice', 's-alice', 'replying');
    await presence.leave('t_1', 'ag_alice', 's-alice');
    expect(live.sent.every((s) => s.group === 'ticket.t_1')).toBe(true);
    expect(who()).toEqual([
      ['ag_bob:viewing'],
      ['ag_alice:viewing', 'ag_bob:viewing'],
      ['ag_alice:replying', 'ag_bob:viewing'],
      ['ag_bob:viewing'],
    ]);
  });

  it('forgets a tab that stopped beating (closed without a goodbye) and deletes its session', async () => {
    const { presence, store, advance, who } = setUp();
    await presence.beat('t_1', 'ag_alice', 's-alice', 'viewing');
    await presence.beat('t_1', 'ag_bob', 's-bob', 'viewing');
    for (let t = HEARTBEAT_MS; t <= PRESENCE_TTL_MS; t += HEARTBEAT_MS) {
      advance(HEARTBEAT_MS);
      await presence.beat('t_1', 'ag_bob', 's-bob', 'viewing');
    }
    expect(await presence.viewers('t_1')).toMatchObject([{ agentId: 'ag_bob' }]);
    expect(who().at(-1)).toEqual(['ag_bob:viewing']);
    const left = await store.query('config', { partitionKey: 'presence:t_1', where: [], limit: 10 });
    expect(left.items.filter((i) => i.doc.docType === 'presence').map((i) => i.doc.sessionId)).toEqual(['s-bob']);
  });

  it('refuses a heartbeat for a ticket that does not exist', async () => {
    const { presence, live } = setUp();
    expect(await presence.beat('t_nope', 'ag_bob', 's', 'viewing')).toEqual({ ok: false, code: 'TICKET.NOT_FOUND' });
    expect(live.sent).toEqual([]);
  });

  it('does not let one agent take over or end another agent’s session', async () => {
    const { presence } = setUp();
    await presence.beat('t_1', 'ag_bob', 's-1', 'viewing');
    await presence.beat('t_1', 'ag_mallory', 's-1', 'replying');
    await presence.leave('t_1', 'ag_mallory', 's-1');
    expect(await presence.viewers('t_1')).toMatchObject([{ agentId: 'ag_bob', activity: 'viewing' }]);
  });

  it('keeps working when the live channel is down (the next beat still returns the viewers)', async () => {
    const store = new InMemoryDocumentStore();
    const lines: string[] = [];
    const presence = new PresenceService({
      store,
      clock: { now: () => new Date('2026-12-03T10:00:00Z') },
      live: { publish: () => Promise.reject(new Error('down')), clientAccess: () => Promise.reject(new Error('down')) },
      ticketExists: async () => true,
      log: (l) => lines.push(l),
    });
    expect(await presence.beat('t_1', 'ag_bob', 's', 'viewing')).toMatchObject({
      ok: true,
      viewers: [{ agentId: 'ag_bob' }],
    });
    expect(lines[0]).toMatch(/presence of t_1 not sent/);
  });
});
