import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessageRef } from '../../../shared/ports/mailbox.js';
import { fixedClock } from '../../../tests/builders/time-and-ids.js';
import { InMemoryDocumentStore } from '../../../tests/fakes/in-memory-document-store.js';
import { RecordingBus } from '../../../tests/fakes/recording-bus.js';
import { type GraphSimulator, startGraphSimulator } from '../../../tests/simulators/graph/graph-simulator.js';
import { connectGraph, StaticTokenCredential } from './graph-client.js';
import { GraphDeltaSync } from './graph-delta.js';
import { inboundMessageId } from './graph-inbound.js';
import { GraphStateRepository } from './graph-state.js';

const MBX = 'delta@contoso.test';
const mail = (n: number) =>
  `From: c${n}@customer.test\r\nSubject: Case ${n}\r\nMessage-ID: <delta-${n}@customer.test>\r\n\r\nbody ${n}\r\n`;

describe('GraphDeltaSync (against the Graph simulator)', () => {
  let sim: GraphSimulator;
  let bus: RecordingBus;
  let state: GraphStateRepository;
  let delta: GraphDeltaSync;

  beforeAll(async () => {
    sim = await startGraphSimulator({ token: 't' });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    bus = new RecordingBus();
    state = new GraphStateRepository(new InMemoryDocumentStore());
    const graph = connectGraph({ baseUrl: sim.url, credential: new StaticTokenCredential('t') });
    // The simulator stamps real time: a clock at real now keeps the first-run window meaningful.
    delta = new GraphDeltaSync(graph, state, bus, fixedClock(new Date()), { mailboxes: [MBX], pageSize: 2 });
  });

  const refs = () => bus.published.map((p) => p.message.body as InboundMessageRef);

  it('follows nextLink pages to the deltaLink, enqueues every message and stores the link', async () => {
    const delivered = [];
    for (let n = 1; n <= 5; n++) delivered.push((await sim.deliver(MBX, mail(n), 'drop')).message);
    const run = await delta.catchUp(MBX);
    expect(run).toEqual({ mailbox: MBX, pages: 3, enqueued: 5 });
    expect(refs().map((r) => r.providerMessageId)).toEqual(delivered.map((m) => m.id));
    expect(bus.published[0]?.queue).toBe('inbound-mail');
    expect(bus.published[0]?.message.id).toBe(inboundMessageId(MBX, delivered[0]?.id ?? ''));
    expect((await state.readDelta(MBX))?.doc.deltaLink).toMatch(/\$deltatoken=/);

    const next = (await sim.deliver(MBX, mail(6), 'drop')).message;
    const second = await delta.catchUp(MBX);
    expect(second.enqueued).toBe(1);
    expect(refs().at(-1)?.providerMessageId).toBe(next.id);
  });

  it('starts a new round when the stored deltaLink expired (410)', async () => {
    await sim.deliver(MBX, mail(7), 'drop');
    await delta.catchUp(MBX);
    const before = bus.published.length;
    sim.expireDeltaTokens(true);
    try {
      const run = await delta.catchUp(MBX);
      expect(run.enqueued).toBeGreaterThanOrEqual(1);
      expect(bus.published.length).toBeGreaterThan(before);
    } finally {
      sim.expireDeltaTokens(false);
    }
  });

  it('on a first run skips mail older than the initial window', async () => {
    const graph = connectGraph({ baseUrl: sim.url, credential: new StaticTokenCredential('t') });
    const later = new GraphDeltaSync(graph, state, bus, fixedClock(new Date(Date.now() + 3 * 24 * 3_600_000)), {
      mailboxes: [MBX],
    });
    expect((await later.catchUp(MBX)).enqueued).toBe(0);
    expect((await state.readDelta(MBX))?.doc.deltaLink).toBeTruthy();
  });
});
