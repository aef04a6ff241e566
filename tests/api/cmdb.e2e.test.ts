/**
 * The CMDB over HTTP on both stores: CIs created and changed with their history, relations with
 * reverse names (no duplicates, no forbidden pairs), search by any key, impact with paths and
 * depth, and a ticket's affected CIs set through the ticket (a timeline entry, the owner kept).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

const ADMIN = 'admin@demo.local';
const LEAD = 'lead@demo.local';
type Ci = { id: string; name: string; status: string; criticality: number; hostNames: string[] };
type Problem = { code: string; detail: string };

describe.each(E2E_STORES)('the CMDB over HTTP (%s)', (store) => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
  });
  afterAll(async () => {
    await p.stop();
  });

  const ci = async (body: Record<string, unknown>) => {
    const made = await p.api<Ci>(ADMIN, 'cmdb/cis', { body });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body;
  };
  const relate = (fromId: string, type: string, toId: string) =>
    p.api<Problem & { id: string }>(ADMIN, `cmdb/cis/${fromId}/relations`, { body: { type, toId } });

  let ids: Record<'sw' | 'srv' | 'vm' | 'app' | 'payroll', string>;
  it('creates CIs, relates them, and refuses duplicates and forbidden pairs', async () => {
    const sw = await ci({
      name: 'core-sw-01',
      ciClass: 'network_device',
      attributes: { deviceType: 'switch' },
      assetTag: 'AT-SW-1',
    });
    const srv = await ci({
      name: 'esx-01',
      ciClass: 'server',
      hostNames: ['ESX01.corp.example'],
      ipAddresses: ['10.1.0.11'],
    });
    const vm = await ci({ name: 'vm-payroll', ciClass: 'virtual_machine', serial: 'VMW-42' });
    const app = await ci({ name: 'Payroll app', ciClass: 'application' });
    const payroll = await ci({ name: 'Payroll', ciClass: 'business_service', criticality: 1 });
    ids = { sw: sw.id, srv: srv.id, vm: vm.id, app: app.id, payroll: payroll.id };
    expect(srv.hostNames).toEqual(['esx01.corp.example']);
    for (const [from, type, to] of [
      [srv.id, 'connects_to', sw.id],
      [vm.id, 'hosted_on', srv.id],
      [app.id, 'runs_on', vm.id],
      [payroll.id, 'depends_on', app.id],
    ] as const)
      expect((await relate(from, type, to)).status).toBe(201);
    const again = await relate(app.id, 'runs_on', vm.id);
    expect([again.status, again.body.code]).toEqual([409, 'RELATION.DUPLICATE']);
    const forbidden = await relate(payroll.id, 'connects_to', sw.id);
    expect([forbidden.status, forbidden.body.code]).toEqual([422, 'RELATION.FORBIDDEN']);
    const missing = await relate(app.id, 'depends_on', 'ci_nope');
    expect([missing.status, missing.body.code]).toEqual([404, 'CI.NOT_FOUND']);
  });

  it('refuses bad CIs with a problem naming the field', async () => {
    const unknownClass = await p.api<Problem>(ADMIN, 'cmdb/cis', { body: { name: 'x', ciClass: 'toaster' } });
    expect([unknownClass.status, unknownClass.body.code]).toEqual([422, 'REQUEST.VALIDATION_FAILED']);
    const badAttr = await p.api<Problem>(ADMIN, 'cmdb/cis', {
      body: { name: 'x', ciClass: 'server', attributes: { cpuCores: 'many' } },
    });
    expect(badAttr.status).toBe(422);
    expect(badAttr.body.detail).toContain('cpuCores');
    const dupTag = await p.api<Problem>(ADMIN, 'cmdb/cis', {
      body: { name: 'y', ciClass: 'server', assetTag: 'at-sw-1' },
    });
    expect([dupTag.status, dupTag.body.code]).toEqual([409, 'CI.DUPLICATE_ASSET_TAG']);
    const asAgent = await p.api<Problem>(LEAD, 'cmdb/cis', { body: { name: 'z', ciClass: 'server' } });
    expect(asAgent.status).toBe(403);
    const absent = await p.api<Problem>(ADMIN, 'cmdb/cis/ci_absent');
    expect([absent.status, absent.body.code]).toEqual([404, 'CI.NOT_FOUND']);
  });

  it('lists relations from both ends with reverse names', async () => {
    const rels = await p.api<{ items: { direction: string; label: string; other: { name: string } }[] }>(
      LEAD,
      `cmdb/cis/${ids.vm}/relations`,
    );
    expect(rels.body.items.map((r) => `${r.label} ${r.other.name}`).sort()).toEqual([
      'hosted on esx-01',
      'runs Payroll app',
    ]);
  });

  it('finds CIs by name, asset tag, serial, host name and IP prefix', async () => {
    const find = async (q: string) =>
      (await p.api<{ items: { id: string; kind: string }[] }>(LEAD, `cmdb/search?q=${encodeURIComponent(q)}`)).body
        .items;
    expect((await find('core-sw')).map((h) => h.id)).toEqual([ids.sw]);
    expect((await find('at-sw')).map((h) => [h.id, h.kind])).toEqual([[ids.sw, 'tag']]);
    expect((await find('vmw-4')).map((h) => h.id)).toEqual([ids.vm]);
    expect((await find('ESX01.corp')).map((h) => h.id)).toEqual([ids.srv]);
    expect((await find('10.1.0')).map((h) => h.id)).toEqual([ids.srv]);
  });

  it('analyses impact downstream with paths and the business services, upstream, and bounded depth', async () => {
    type Impact = {
      items: { ci: { id: string }; path: { ciId: string }[] }[];
      businessServices: { ci: { id: string } }[];
      truncated: string | null;
    };
    const down = await p.api<Impact>(LEAD, `cmdb/cis/${ids.sw}/impact`);
    expect(down.body.items.map((i) => i.ci.id)).toEqual([ids.srv, ids.vm, ids.app, ids.payroll]);
    expect(down.body.businessServices.map((i) => i.ci.id)).toEqual([ids.payroll]);
    expect(down.body.items.at(-1)?.path.map((s) => s.ciId)).toEqual([ids.sw, ids.srv, ids.vm, ids.app, ids.payroll]);
    const shallow = await p.api<Impact>(LEAD, `cmdb/cis/${ids.sw}/impact?depth=2`);
    expect([shallow.body.items.length, shallow.body.truncated]).toEqual([2, 'depth']);
    const up = await p.api<Impact>(LEAD, `cmdb/cis/${ids.payroll}/impact?direction=upstream`);
    expect(up.body.items.map((i) => i.ci.id)).toEqual([ids.app, ids.vm, ids.srv, ids.sw]);
    const tooDeep = await p.api<Problem>(LEAD, `cmdb/cis/${ids.sw}/impact?depth=11`);
    expect(tooDeep.status).toBe(422);
    // A list cut at 2 items: the default walk stops with it, a longer one still finds the service.
    type Walk = Impact & { reached: number; servicesComplete: boolean };
    const cut = await p.api<Walk>(LEAD, `cmdb/cis/${ids.sw}/impact?maxItems=2`);
    expect([cut.body.items.length, cut.body.reached, cut.body.servicesComplete, cut.body.businessServices]).toEqual([
      2,
      2,
      false,
      [],
    ]);
    const walked = await p.api<Walk>(LEAD, `cmdb/cis/${ids.sw}/impact?maxItems=2&maxVisits=100`);
    expect([walked.body.items.length, walked.body.reached, walked.body.servicesComplete]).toEqual([2, 4, true]);
    expect(walked.body.businessServices.map((i) => i.ci.id)).toEqual([ids.payroll]);
    expect((await p.api<Problem>(LEAD, `cmdb/cis/${ids.sw}/impact?maxVisits=0`)).status).toBe(422);
  });

  it('changes a CI with history and If-Match, and retires rather than deletes', async () => {
    const before = await p.api<Ci>(ADMIN, `cmdb/cis/${ids.vm}`);
    const etag = before.headers.get('etag') as string;
    const changed = await p.api<Ci>(ADMIN, `cmdb/cis/${ids.vm}`, {
      method: 'PATCH',
      body: { location: 'DC-2' },
      headers: { 'if-match': etag },
    });
    expect(changed.status).toBe(200);
    const stale = await p.api<Problem>(ADMIN, `cmdb/cis/${ids.vm}`, {
      method: 'PATCH',
      body: { status: 'retired' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const retired = await p.api<Ci>(ADMIN, `cmdb/cis/${ids.vm}`, { method: 'PATCH', body: { status: 'retired' } });
    expect(retired.body.status).toBe('retired');
    const history = await p.api<{ items: { action: string; source: string }[] }>(LEAD, `cmdb/cis/${ids.vm}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(['retired', 'updated', 'relation_added', 'created']);
    const afterRetire = await p.api<{ items: { ci: { id: string } }[] }>(LEAD, `cmdb/cis/${ids.sw}/impact`);
    expect(afterRetire.body.items.map((i) => i.ci.id)).toEqual([ids.srv]);
    await p.api(ADMIN, `cmdb/cis/${ids.vm}`, { method: 'PATCH', body: { status: 'active' } });
  });

  it("sets a ticket's affected CIs through the ticket: a timeline entry, the owner untouched", async () => {
    const created = await p.api<{ id: string; ownerId: string | null }>(LEAD, 'tickets', {
      body: {
        type: 'incident',
        title: 'Payroll slow',
        description: 'Everything crawls',
        requester: { email: 'hr@customer.example', name: 'HR' },
        impact: 2,
        urgency: 2,
        channel: 'phone',
      },
    });
    const ticketId = created.body.id;
    const set = await p.api<{ ownerId: string | null; affectedCis: { ciId: string; primary: boolean }[] }>(
      LEAD,
      `tickets/${ticketId}/cis`,
      {
        method: 'PUT',
        body: {
          cis: [
            { ciId: ids.vm, primary: true },
            { ciId: ids.srv, primary: false },
          ],
        },
      },
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.ownerId).toBe(created.body.ownerId);
    expect(set.body.affectedCis).toEqual([
      { ciId: ids.vm, primary: true },
      { ciId: ids.srv, primary: false },
    ]);
    const view = await p.api<{
      items: { ci: { name: string } | null; primary: boolean }[];
      businessServices: { ci: { id: string } }[];
    }>(LEAD, `tickets/${ticketId}/cis`);
    expect(view.body.items.map((i) => [i.ci?.name, i.primary])).toEqual([
      ['vm-payroll', true],
      ['esx-01', false],
    ]);
    expect(view.body.businessServices.map((b) => b.ci.id)).toEqual([ids.payroll]);
    const timeline = await p.api<{ items: { kind: string; data: Record<string, unknown> }[] }>(
      LEAD,
      `tickets/${ticketId}/timeline?limit=100`,
    );
    expect(timeline.body.items.find((e) => e.kind === 'cis_changed')?.data).toMatchObject({
      added: [ids.vm, ids.srv],
      primary: ids.vm,
    });
    const twoPrimaries = await p.api<Problem>(LEAD, `tickets/${ticketId}/cis`, {
      method: 'PUT',
      body: {
        cis: [
          { ciId: ids.vm, primary: true },
          { ciId: ids.srv, primary: true },
        ],
      },
    });
    expect(twoPrimaries.status).toBe(422);
    const unknownCi = await p.api<Problem>(LEAD, `tickets/${ticketId}/cis`, {
      method: 'PUT',
      body: { cis: [{ ciId: 'ci_x', primary: true }] },
    });
    expect([unknownCi.status, unknownCi.body.code]).toEqual([404, 'CI.NOT_FOUND']);
  });

  it('imports a CSV file: a dry run writes nothing, the real run takes good rows and reports each bad one', async () => {
    type Report = {
      created: number;
      updated: number;
      unchanged: number;
      relationsAdded: number;
      rejected: { line: number; reason: string }[];
    };
    const content = [
      'key,name,ciClass,assetTag,hostNames,relations',
      'imp-sw,imp-switch,network_device,IMP-1,,',
      'imp-srv,imp-server,server,,imp-srv.corp.example,connects_to>imp-sw',
      'imp-bad,imp-toaster,toaster,,,',
      'imp-dup,imp-dup,server,AT-SW-1,,',
      'imp-orphan,imp-orphan,server,,,depends_on>missing',
    ].join('\n');
    const dry = await p.api<Report>(ADMIN, 'cmdb/import', { body: { format: 'csv', content } });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect([dry.body.created, dry.body.relationsAdded, dry.body.rejected.map((r) => r.line)]).toEqual([
      2,
      1,
      [4, 5, 6],
    ]);
    const none = await p.api<{ items: unknown[] }>(LEAD, 'cmdb/search?q=imp-');
    expect(none.body.items).toEqual([]);
    const real = await p.api<Report>(ADMIN, 'cmdb/import', { body: { format: 'csv', content, dryRun: false } });
    expect([real.body.created, real.body.relationsAdded, real.body.rejected.length]).toEqual([2, 1, 3]);
    const found = await p.api<{ items: { id: string; kind: string }[] }>(LEAD, 'cmdb/search?q=imp-srv.corp');
    expect(found.body.items).toHaveLength(1);
    const history = await p.api<{ items: { source: string }[] }>(LEAD, `cmdb/cis/${found.body.items[0]?.id}/history`);
    expect(history.body.items.map((h) => h.source)).toEqual(['import', 'import']);
    const again = await p.api<Report>(ADMIN, 'cmdb/import', { body: { format: 'csv', content, dryRun: false } });
    expect([again.body.created, again.body.unchanged, again.body.relationsAdded]).toEqual([0, 2, 0]);
    // A dry run counts only the relations not stored yet.
    const extra = `${content}\nimp-srv2,imp-server-2,server,,,connects_to>imp-sw`;
    const dryAgain = await p.api<Report>(ADMIN, 'cmdb/import', { body: { format: 'csv', content: extra } });
    expect([dryAgain.body.created, dryAgain.body.unchanged, dryAgain.body.relationsAdded]).toEqual([1, 2, 1]);
    const malformed = await p.api<Problem>(ADMIN, 'cmdb/import', { body: { format: 'json', content: '{"cis":' } });
    expect([malformed.status, malformed.body.detail]).toEqual([422, 'The file is not valid JSON']);
  });
});
