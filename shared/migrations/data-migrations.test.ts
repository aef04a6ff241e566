import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { ManualClock } from '../../tests/support/test-services.js';
import { DirectoryRepository } from '../directory/directory-repository.js';
import { appliedDataMigrations, applyDataMigrations, DATA_MIGRATIONS, type DataMigration } from './data-migrations.js';

const clock = new ManualClock();

/** A store as an installation from before offers left it: teams with `autoAccept`, claims, held capacity. */
async function oldInstallation() {
  const store = new InMemoryDocumentStore();
  await store.batch('directory', 'teams', [
    {
      op: 'create',
      doc: { id: 'mi', pk: 'teams', docType: 'team', slug: 'mi', name: 'MI', leadIds: ['ag_m'], autoAccept: true },
    },
    {
      op: 'create',
      doc: { id: 'sd', pk: 'teams', docType: 'team', slug: 'sd', name: 'SD', leadIds: [], autoAccept: false },
    },
  ]);
  await store.batch('config', 'routing-claims', [
    {
      op: 'create',
      doc: {
        id: 'claim:t_1',
        pk: 'routing-claims',
        docType: 'routing-claim',
        ticketId: 't_1',
        agentId: 'ag_m',
        kind: 'assigning',
        at: 'x',
        expiresAt: 'y',
      },
    },
  ]);
  await store.batch('config', 'routing-load', [
    {
      op: 'create',
      doc: {
        id: 'load:ag_m',
        pk: 'routing-load',
        docType: 'agent-load',
        agentId: 'ag_m',
        tickets: { t_1: { weight: 2, kind: 'reserved', at: 'x' }, t_2: { weight: 1, kind: 'owned', at: 'x' } },
        assists: {},
        lastAssignedAt: null,
      },
    },
  ]);
  const routed: string[] = [];
  const deps = { store, clock, route: async (ticketId: string) => void routed.push(ticketId) };
  return { store, routed, deps };
}

describe('data migrations', () => {
  it('1 turns team auto-accept into offers: no team flag, an offer time, claims routed again as offers', async () => {
    const { store, routed, deps } = await oldInstallation();
    expect((await applyDataMigrations(deps)).map((r) => r.version)).toEqual([1, 2]);

    const teams = await new DirectoryRepository(store).teams();
    expect(teams.map((t) => [t.id, t.offerMinutes, 'autoAccept' in t])).toEqual([
      ['mi', 10, false],
      ['sd', 10, false],
    ]);
    const raw = await store.read('directory', 'teams', 'mi');
    expect(raw?.doc).not.toHaveProperty('autoAccept');
    expect(await store.read('config', 'routing-claims', 'claim:t_1')).toBeUndefined();
    const load = await store.read<{ id: string; docType: string; tickets: object }>(
      'config',
      'routing-load',
      'load:ag_m',
    );
    expect(Object.keys(load?.doc.tickets ?? {})).toEqual(['t_2']);
    expect(routed).toEqual(['t_1']);

    const [record] = await appliedDataMigrations(store);
    expect(record).toMatchObject({
      version: 1,
      name: 'team-auto-accept-becomes-offers',
      result: { changed: true, teamsChanged: 2, teamsThatAutoAccepted: ['mi'], claimsConverted: 1 },
    });
  });

  it('applies a step once: a second start changes nothing', async () => {
    const { routed, deps } = await oldInstallation();
    await applyDataMigrations(deps);
    expect(await applyDataMigrations(deps)).toEqual([]);
    expect(routed).toEqual(['t_1']);
  });

  it('is idempotent when a crash left a step done but unrecorded', async () => {
    const { store, deps } = await oldInstallation();
    const [first] = DATA_MIGRATIONS;
    await first?.up(deps);
    const before = await store.read('directory', 'teams', 'mi');
    expect((await applyDataMigrations(deps)).map((r) => r.version)).toEqual([1, 2]);
    expect((await store.read('directory', 'teams', 'mi'))?.etag).toBe(before?.etag);
    expect((await appliedDataMigrations(store))[0]?.result).toMatchObject({
      changed: false,
      teamsChanged: 0,
      claimsConverted: 0,
    });
  });

  it('changes nothing on a new store, and says so', async () => {
    const store = new InMemoryDocumentStore();
    const [record] = await applyDataMigrations({ store, clock, route: async () => {} });
    expect(record?.result).toEqual({ changed: false, teamsChanged: 0, teamsThatAutoAccepted: [], claimsConverted: 0 });
  });

  it('runs steps in version order', async () => {
    const { deps } = await oldInstallation();
    const order: number[] = [];
    const step = (version: number): DataMigration => ({
      version,
      name: `step-${version}`,
      up: async () => {
        order.push(version);
        return { changed: false };
      },
    });
    expect((await applyDataMigrations(deps, [step(3), step(2)])).map((r) => r.version)).toEqual([2, 3]);
    expect(order).toEqual([2, 3]);
  });
});
