/**
 * The demo CMDB as `npm start` seeds it: every CI and relation accepted by the model, owner teams
 * that exist, a core switch's failure reaching the business services through the cluster, the
 * cluster surviving one host down, and the demo tickets carrying their affected CIs.
 */
import { describe, expect, it } from 'vitest';
import { wireServices } from '../../functions/composition-root.js';
import { seedDemo } from '../../infra/seed/seed-demo.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { RecordingBus } from '../fakes/recording-bus.js';
import { CountingIds, ManualClock } from '../support/test-services.js';

async function testWorldWithoutOrg() {
  const store = new InMemoryDocumentStore();
  const services = wireServices(
    { store, bus: new RecordingBus(), clock: new ManualClock(), ids: new CountingIds(), log: () => {} },
    { AUTH_MODE: 'dev', STORE: 'sqlite', QUEUE: 'local' },
  );
  return { services, store };
}

describe('the demo CMDB seed', () => {
  it('seeds a connected estate with impact, redundancy and tickets with affected CIs', async () => {
    const { services: s, store } = await testWorldWithoutOrg();
    expect(
      await seedDemo(
        s.directory,
        s.tickets,
        s.sla.config,
        s.orchestra.rules,
        s.customers.service,
        s.productivity,
        s.cmdb,
      ),
    ).toBe(true);
    const byName = async (name: string) => (await s.cmdb.search(name, 5)).find((h) => h.name === name)?.id as string;
    const list = await s.cmdb.list({}, 100);
    expect(list.items.length).toBeGreaterThanOrEqual(25);
    const teams = new Set((await s.directory.teams()).map((t) => t.id));
    expect(list.items.every((ci) => ci.ownerTeamId === null || teams.has(ci.ownerTeamId))).toBe(true);
    expect(new Set(list.items.map((c) => c.ciClass))).toEqual(
      new Set([
        'business_service',
        'application',
        'database',
        'virtual_machine',
        'server',
        'network_device',
        'storage',
        'workstation',
      ]),
    );

    const core = await byName('core-sw-01');
    const access = await s.cmdb.impact(await byName('access-sw-dc1-01'), {
      direction: 'downstream',
      depth: 5,
      maxItems: 500,
    });
    if (!access.ok) throw new Error(access.error.message);
    expect(access.value.businessServices.map((b) => b.ci.name).sort()).toEqual(['Online Orders', 'Payroll']);
    // One host of the three is not enough to take the cluster down (two members down to fail).
    const oneHost = await s.cmdb.impact(await byName('esx-01'), { direction: 'downstream', depth: 5, maxItems: 500 });
    if (!oneHost.ok) throw new Error(oneHost.error.message);
    expect(oneHost.value.items.map((i) => [i.ci.name, i.state])).toEqual([['esx-cluster-01', 'degraded']]);
    const fromCore = await s.cmdb.impact(core, { direction: 'downstream', depth: 5, maxItems: 500 });
    expect(fromCore.ok && fromCore.value.items.length).toBeGreaterThan(3);

    const tickets = await store.query('tickets', {
      where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
      limit: 50,
    });
    const withCis = tickets.items.filter(
      (t) => Array.isArray(t.doc.affectedCis) && (t.doc.affectedCis as unknown[]).length > 0,
    );
    expect(withCis.map((t) => t.doc.title).sort()).toEqual([
      'Cannot connect to VPN from home',
      'Orders database very slow since this morning',
      'Printer on floor 3 jams on every job',
    ]);
    const orders = withCis.find((t) => String(t.doc.title).startsWith('Orders')) as (typeof withCis)[number];
    const panel = await s.cmdb.ticketCis(orders.doc.id);
    if (!panel.ok) throw new Error(panel.error.message);
    expect(panel.value.items.find((i) => i.primary)?.ci?.name).toBe('orders-db');
    expect(panel.value.businessServices.map((b) => b.ci.name)).toEqual(['Online Orders']);
  });
});
