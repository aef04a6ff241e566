/**
 * The CMDB sync against the Valuemation simulator through the real adapter (its HTTP client and
 * the mapping file): a full first run, incremental runs from the watermark, a process killed in
 * the middle of a page (and between a page's writes and its cursor), tombstones and CIs gone
 * from a full listing retired (never deleted), records rejected with their reasons, an expired
 * page token, an outage, and one run at a time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CiSnapshot } from '../../shared/cmdb/ci.js';
import type { SyncStateDoc } from '../../shared/cmdb/cmdb-sync-state.js';
import type { DocumentStore, StoredDocument } from '../../shared/ports/document-store.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import type { SimCi } from '../simulators/valuemation/valuemation-model.js';
import {
  startValuemationSimulator,
  type ValuemationSimulator,
} from '../simulators/valuemation/valuemation-simulator.js';
import { syncWorld, valuemationSource } from './sync-world.js';

const allCis = async (store: DocumentStore): Promise<CiSnapshot[]> => {
  const out: CiSnapshot[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<CiSnapshot & StoredDocument>('cis', {
      where: [
        { field: 'docType', op: 'eq', value: 'ci' },
        { field: 'externalId', op: 'gte', value: 'valuemation:' },
        { field: 'externalId', op: 'lt', value: 'valuemation:\uffff' },
      ],
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items.map((v) => v.doc));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
};

/**
 * A store that dies at the chosen batch, as a process killed at that instant leaves it: that batch
 * and every later one (the dying process's last words included) are never written.
 */
class CrashingStore extends InMemoryDocumentStore {
  crashWhen: ((partitionKey: string, n: number) => boolean) | null = null;
  private batches = 0;
  private dead = false;
  override async batch(...args: Parameters<InMemoryDocumentStore['batch']>) {
    this.batches++;
    if (this.dead || this.crashWhen?.(args[1], this.batches)) {
      this.dead = true;
      throw new Error('process killed');
    }
    return super.batch(...args);
  }
  /** The next process starts. */
  restart(): void {
    this.crashWhen = null;
    this.dead = false;
  }
}

const server = (n: number, over: Partial<SimCi> = {}): SimCi => ({
  id: `X-${n}`,
  className: 'Physical Server',
  name: `x-srv-${n}`,
  status: 'In Operation',
  attributes: { AssetTag: `X-AT-${n}`, SupportGroup: 'NW-OPS', CPUCores: 8, HostName: [`x${n}.example`] },
  ...over,
});

describe('CMDB sync from Valuemation (simulator, real adapter)', () => {
  let sim: ValuemationSimulator;
  beforeEach(async () => {
    sim = await startValuemationSimulator({ estate: 120 });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('takes everything on the first run, whole and mapped, with history from Valuemation', async () => {
    const w = syncWorld(valuemationSource(sim));
    const outcome = await w.sync().run();
    expect(outcome).toMatchObject({ outcome: 'finished', mode: 'full' });
    const status = await w.sync().status();
    expect(status.lastRun?.counts).toMatchObject({ created: 120, rejected: 0, relationsRejected: 0 });
    expect(status.lastRun?.counts.relationsAdded).toBeGreaterThan(250);
    expect(status.running).toBeNull();
    const cis = await allCis(w.store);
    expect(cis).toHaveLength(120);
    const srv = cis.find((c) => c.externalId === 'valuemation:VM-SRV-000001') as CiSnapshot;
    expect(srv).toMatchObject({
      name: 'srv-000001',
      ciClass: 'server',
      status: 'active',
      master: 'valuemation',
      assetTag: 'VM-AT-SRV-000001',
      hostNames: ['srv-000001.dc.example'],
    });
    expect(srv.masteredFields).toEqual(expect.arrayContaining(['name', 'status', 'ownerTeamId', 'attributes']));
    const cluster = cis.find((c) => c.externalId === 'valuemation:VM-CLU-000001') as CiSnapshot;
    expect(cluster.redundancy).toEqual({ membersDownToFail: 2 });
    const history = await w.repo.history(srv.id, 50);
    expect(history.items.every((e) => e.source === 'valuemation')).toBe(true);
    expect(history.items.at(-1)).toMatchObject({
      action: 'created',
      actor: { kind: 'system', name: 'valuemation-sync' },
    });
    // "Hosts" is mapped reversed: the VM is hosted on its server or cluster.
    const vm = cis.find((c) => c.externalId === 'valuemation:VM-VS-000002') as CiSnapshot;
    const rels = await w.repo.relationsOf(vm.id);
    expect(rels.some((r) => r.type === 'hosted_on' && r.fromId === vm.id && r.source === 'valuemation')).toBe(true);
  });

  it('then lists only what changed since the watermark', async () => {
    const w = syncWorld(valuemationSource(sim));
    await w.sync().run();
    const touched = sim.touch(7);
    sim.requests.length = 0;
    const outcome = await w.sync().run();
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ outcome: 'finished', mode: 'incremental' });
    const status = await w.sync().status();
    // The listing starts a minute before the watermark (a transaction may commit late): the estate's
    // CIs stamped in that minute are read again and left alone.
    expect(status.lastRun?.counts).toMatchObject({ created: 0, updated: 7, unchanged: 60, retired: 0 });
    expect(sim.requests.filter((r) => r.path === '/api/v1/cis')).toHaveLength(2);
    const changed = (await allCis(w.store)).filter((c) => touched.includes((c.externalId as string).slice(12)));
    expect(changed.every((c) => / r\d+$/.test(c.name))).toBe(true);
    expect(status.cisWatermark && status.cisWatermark > '2025-01-01').toBe(true);
  });

  it('resumes a run killed in the middle of a page without a duplicate or half a CI', async () => {
    const store = new CrashingStore();
    const w = syncWorld(valuemationSource(sim), { store });
    // Killed at the 10th CI of the third page (two pages of 50 were written and their cursor saved).
    store.crashWhen = (pk, n) => !pk.startsWith('sync:') && n > 110;
    expect(await w.sync().run()).toMatchObject({ outcome: 'failed', message: 'process killed' });
    const left = await w.sync().status();
    expect(left.running).toMatchObject({ phase: 'cis', pages: 2 });
    const written = (await allCis(store)).length;
    expect(written).toBeGreaterThan(100);
    expect(written).toBeLessThan(120);
    // A new process: the dead run's claim is fresh, so it waits, then takes the run over.
    store.restart();
    const restarted = w.sync();
    expect(await restarted.run()).toEqual({ outcome: 'busy' });
    w.clock.advance(180_000);
    expect(await restarted.run()).toMatchObject({ outcome: 'finished', mode: 'full' });
    const cis = await allCis(store);
    expect(new Set(cis.map((c) => c.externalId)).size).toBe(120);
    expect(cis).toHaveLength(120);
    for (const ci of cis.slice(0, 30)) {
      const history = await w.repo.history(ci.id, 50);
      expect(history.items.filter((e) => e.action === 'created')).toHaveLength(1);
      expect((await w.repo.search(ci.name, 5)).map((h) => h.id)).toContain(ci.id);
    }
    // The CIs the killed run wrote of its third page count as unchanged when the page is read again.
    const status = await restarted.status();
    expect(status.lastRun?.counts).toMatchObject({ created: 120 - (written - 100), unchanged: written - 100 });
  });

  it('repeats a page whose CIs were written but whose cursor was not, writing nothing twice', async () => {
    const store = new CrashingStore();
    const w = syncWorld(valuemationSource(sim), { store });
    let stateSaves = 0;
    store.crashWhen = (pk) => pk.startsWith('sync:') && ++stateSaves === 3; // the claim, page 1, then page 2's cursor
    expect(await w.sync().run()).toMatchObject({ outcome: 'failed' });
    expect((await allCis(store)).length).toBe(100);
    store.restart();
    w.clock.advance(180_000);
    expect(await w.sync().run()).toMatchObject({ outcome: 'finished' });
    const counts = (await w.sync().status()).lastRun?.counts;
    expect(counts).toMatchObject({ created: 120 - 50, unchanged: 50 });
    expect(await allCis(store)).toHaveLength(120);
  });

  it('retires a CI Valuemation deleted (tombstone) or no longer lists (full run), never deleting it', async () => {
    const w = syncWorld(valuemationSource(sim));
    await w.sync().run();
    sim.cmdb.cis.remove('VM-SRV-000001'); // a tombstone, listed as deleted
    sim.cmdb.cis.remove('VM-SRV-000002', true); // gone without a trace
    sim.cmdb.cis.remove('VM-SRV-000003', true);
    await w.sync().run();
    let status = await w.sync().status();
    expect(status.lastRun).toMatchObject({ mode: 'incremental', counts: { retired: 1 } });
    await w.sync().requestFull();
    expect(await w.sync().run()).toMatchObject({ outcome: 'finished', mode: 'full' });
    status = await w.sync().status();
    expect(status.lastRun?.counts).toMatchObject({ retired: 2, created: 0 });
    const cis = await allCis(w.store);
    expect(cis).toHaveLength(120);
    const gone = cis.filter((c) => ['1', '2', '3'].some((n) => c.externalId === `valuemation:VM-SRV-00000${n}`));
    expect(gone.map((c) => c.status)).toEqual(['retired', 'retired', 'retired']);
    const history = await w.repo.history(gone[1]?.id as string, 5);
    expect(history.items[0]).toMatchObject({ action: 'retired', source: 'valuemation' });
    // The seen lists of the full run are gone with it.
    const seen = await w.store.query('cis', {
      partitionKey: 'sync:valuemation',
      where: [{ field: 'docType', op: 'eq', value: 'cmdb-sync-seen' }],
      limit: 10,
    });
    expect(seen.items).toHaveLength(0);
  });

  it('rejects records it cannot take, with their reasons, and takes the rest', async () => {
    const w = syncWorld(valuemationSource(sim));
    await w.sync().run();
    sim.cmdb.cis.put(server(1, { className: 'Toaster' }));
    sim.cmdb.cis.put(server(2, { status: 'Sleeping' }));
    sim.cmdb.cis.put(server(3, { attributes: { IPAddress: ['10.0.0.300'] } }));
    sim.cmdb.cis.put(server(4, { attributes: { AssetTag: 'VM-AT-SRV-000005' } })); // another CI's tag
    sim.cmdb.cis.put(server(5, { attributes: { CPUCores: 'many' } }));
    sim.cmdb.cis.put(server(6, { attributes: { SupportGroup: 'UNKNOWN-GROUP' } })); // taken, with a warning
    sim.cmdb.cis.put(server(7));
    sim.cmdb.relations.put({ id: 'XR-1', typeName: 'Teleports To', sourceId: 'X-7', targetId: 'X-6' });
    sim.cmdb.relations.put({ id: 'XR-2', typeName: 'Depends On', sourceId: 'X-7', targetId: 'NOPE-1' });
    sim.cmdb.relations.put({ id: 'XR-3', typeName: 'Runs On', sourceId: 'X-7', targetId: 'X-6' }); // server runs on server
    sim.cmdb.relations.put({ id: 'XR-4', typeName: 'Connected To', sourceId: 'X-7', targetId: 'VM-CORE-000001' });
    await w.sync().run();
    const last = (await w.sync().status()).lastRun;
    expect(last?.counts).toMatchObject({ created: 2, rejected: 5, relationsAdded: 1, relationsRejected: 3 });
    const reasons = Object.fromEntries((last?.problems ?? []).map((p) => [`${p.externalId}`, p.reason]));
    expect(reasons['valuemation:X-1']).toContain('class "Toaster" is not mapped');
    expect(reasons['valuemation:X-2']).toContain('status "Sleeping" is not mapped');
    expect(reasons['valuemation:X-3']).toContain('ipAddresses');
    expect(reasons['valuemation:X-4']).toContain('already belongs to another CI');
    expect(reasons['valuemation:X-5']).toContain('cpuCores');
    expect(reasons['valuemation:X-6']).toContain('support group "UNKNOWN-GROUP" is not mapped');
    expect(reasons['valuemation:XR-1']).toContain('"Teleports To" is not mapped');
    expect(reasons['valuemation:XR-2']).toContain('valuemation:NOPE-1 is not in the CMDB');
    expect(reasons['valuemation:XR-3']).toContain('runs on');
    expect(last?.problems.find((p) => p.externalId === 'valuemation:X-6')?.severity).toBe('warning');
  });

  it('lists a phase again when Valuemation forgot the page token', async () => {
    const w = syncWorld(valuemationSource(sim));
    expect(await w.sync().run({ stopAfterPages: 1 })).toMatchObject({ outcome: 'paused', pages: 1 });
    sim.expirePageTokens();
    expect(await w.sync().run()).toMatchObject({ outcome: 'finished' });
    expect(await allCis(w.store)).toHaveLength(120);
    expect((await w.sync().status()).lastRun?.counts).toMatchObject({ created: 120, unchanged: 50 });
  });

  it('keeps its place through an outage and says what failed', async () => {
    const w = syncWorld(valuemationSource(sim, { maxAttempts: 2 }));
    const sync = w.sync();
    await sync.run({ stopAfterPages: 1 });
    sim.failNext(2, 503);
    const failed = await sync.run();
    expect(failed).toMatchObject({ outcome: 'failed', repeated: false });
    const status = await sync.status();
    expect(status.lastError?.message).toContain('503');
    expect(status.running?.pages).toBe(1);
    expect(await sync.run()).toMatchObject({ outcome: 'finished' });
    expect((await sync.status()).lastError).toBeNull();
    expect(await allCis(w.store)).toHaveLength(120);
  });

  it('runs one sync at a time', async () => {
    const w = syncWorld(valuemationSource(sim));
    const [a, b] = await Promise.all([w.sync().run(), w.sync().run()]);
    expect([a.outcome, b.outcome].sort()).toEqual(['busy', 'finished']);
    const { doc } = (await w.store.read<SyncStateDoc & StoredDocument>('cis', 'sync:valuemation', 'sync:valuemation'))!;
    expect(doc.lastRun?.counts.created).toBe(120);
  });
});
