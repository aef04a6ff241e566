/**
 * The Valuemation sync end to end on both stores: the product configured with
 * VALUEMATION_PROVIDER=valuemation against the simulator (a mapping file of its own that leaves
 * the support group to ITIL-NEXT), the `cmdb-sync` timer function, the sync status API, the
 * fields Valuemation masters refused on edit with a problem (the others editable and kept by the
 * next sync), Valuemation relations not removable here, and "full sync now".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import azf from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmdbSyncFunction } from '../../functions/timers/cmdb-sync.function.js';
import {
  startValuemationSimulator,
  type ValuemationSimulator,
} from '../simulators/valuemation/valuemation-simulator.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

const ADMIN = 'admin@demo.local';
const AGENT = 'alice@demo.local';

type SyncStatus = {
  items: {
    source: string;
    lastRun: { mode: string; counts: Record<string, number> } | null;
    fullRequested: boolean;
    lastError: unknown;
  }[];
};
type Ci = { id: string; name: string; ownerTeamId: string | null; master: string; masteredFields: string[] };
type Problem = { code: string; status: number; errors?: { path: string }[] };

/** The built-in mapping without the support group: owner teams are set in ITIL-NEXT. */
const mappingFile = (): string => {
  const mapping = JSON.parse(
    readFileSync(new URL('../../functions/adapters/valuemation/valuemation-mapping.json', import.meta.url), 'utf8'),
  ) as { fields: Record<string, string> };
  delete mapping.fields.SupportGroup;
  const path = join(mkdtempSync(join(tmpdir(), 'vm-mapping-')), 'mapping.json');
  writeFileSync(path, JSON.stringify(mapping));
  return path;
};

describe.each(E2E_STORES)('the Valuemation sync end to end (%s)', (store) => {
  let sim: ValuemationSimulator;
  let p: RunningPlatform;
  const tick = () =>
    cmdbSyncFunction.handler(p.composition.services)(
      { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } },
      new azf.InvocationContext({ functionName: 'cmdb-sync' }),
    );
  const status = async () => (await p.api<SyncStatus>(ADMIN, 'cmdb/sync')).body.items[0];
  const ciByName = async (name: string) => {
    const hits = (await p.api<{ items: { id: string; name: string }[] }>(AGENT, `cmdb/search?q=${name}`)).body.items;
    const id = hits.find((h) => h.name === name)?.id as string;
    return (await p.api<Ci>(AGENT, `cmdb/cis/${id}`)).body;
  };

  beforeAll(async () => {
    sim = await startValuemationSimulator({ estate: 60 });
    p = await startRunningPlatform({
      store,
      env: {
        VALUEMATION_PROVIDER: 'valuemation',
        VALUEMATION_BASE_URL: sim.url,
        VALUEMATION_CLIENT_ID: sim.clientId,
        VALUEMATION_CLIENT_SECRET: sim.clientSecret,
        VALUEMATION_MAPPING_FILE: mappingFile(),
        VALUEMATION_PAGE_SIZE: '25',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await p?.stop();
    await sim?.close();
  });

  it('shows the sync to admins only, and its first full run after a timer tick', async () => {
    expect((await p.api(AGENT, 'cmdb/sync')).status).toBe(403);
    expect(await status()).toMatchObject({ source: 'valuemation', lastRun: null, lastError: null });
    await tick();
    const after = await status();
    expect(after?.lastRun).toMatchObject({ mode: 'full', counts: { created: 60, rejected: 0 } });
    expect(after?.lastRun?.counts.relationsAdded).toBeGreaterThan(100);
  });

  it('refuses edits of the fields Valuemation masters with a problem, and keeps the others through a sync', async () => {
    const srv = await ciByName('srv-000001');
    expect(srv).toMatchObject({ master: 'valuemation' });
    expect(srv.masteredFields).toContain('name');
    expect(srv.masteredFields).not.toContain('ownerTeamId');
    const rename = await p.api<Problem>(ADMIN, `cmdb/cis/${srv.id}`, { method: 'PATCH', body: { name: 'renamed' } });
    expect(rename.status).toBe(409);
    expect(rename.headers.get('content-type')).toContain('application/problem+json');
    expect(rename.body.code).toBe('CI.READ_ONLY');
    expect(rename.body.errors?.map((e) => e.path)).toEqual(['name']);
    const team = await p.api<Ci>(ADMIN, `cmdb/cis/${srv.id}`, { method: 'PATCH', body: { ownerTeamId: 'network' } });
    expect([team.status, team.body.ownerTeamId]).toEqual([200, 'network']);

    sim.touch(60); // every CI changes in Valuemation (a new name suffix)
    await tick();
    const synced = await ciByName('srv-000001 r1');
    expect([synced.id, synced.ownerTeamId]).toEqual([srv.id, 'network']);
    const history = await p.api<{ items: { source: string; changes: Record<string, unknown> }[] }>(
      AGENT,
      `cmdb/cis/${srv.id}/history`,
    );
    expect(history.body.items.slice(0, 2).map((e) => [e.source, Object.keys(e.changes)])).toEqual([
      ['valuemation', ['name']],
      ['agent', ['ownerTeamId']],
    ]);
    expect((await status())?.lastRun).toMatchObject({ mode: 'incremental', counts: { updated: 60 } });
  });

  it('does not let an agent remove a relation Valuemation supplies', async () => {
    const srv = await ciByName('srv-000001 r1');
    const rels = await p.api<{ items: { id: string; direction: string }[] }>(AGENT, `cmdb/cis/${srv.id}/relations`);
    const outgoing = rels.body.items.find((r) => r.direction === 'outgoing') as { id: string };
    const removed = await p.api<Problem>(ADMIN, `cmdb/cis/${srv.id}/relations/${outgoing.id}`, { method: 'DELETE' });
    expect([removed.status, removed.body.code]).toEqual([409, 'CI.READ_ONLY']);
  });

  it('asks for a full run, and says so for an unknown source', async () => {
    const asked = await p.api<{ fullRequested: boolean }>(ADMIN, 'cmdb/sync/valuemation/full', { method: 'POST' });
    expect([asked.status, asked.body.fullRequested]).toEqual([202, true]);
    sim.cmdb.cis.remove('VM-APP-000001', true);
    await tick();
    expect((await status())?.lastRun).toMatchObject({ mode: 'full', counts: { retired: 1, created: 0 } });
    const unknown = await p.api<Problem>(ADMIN, 'cmdb/sync/nope/full', { method: 'POST' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'REQUEST.NOT_FOUND']);
  });
});
