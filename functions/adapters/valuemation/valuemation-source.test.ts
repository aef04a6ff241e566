/**
 * The Valuemation adapter through its real HTTP client against the simulator's wire format:
 * client-credentials tokens fetched once and renewed on 401, 429 and 503 retried (Retry-After),
 * refused credentials and garbage answers as SourceUnavailableError, an expired page token as
 * SourceCursorExpiredError, a malformed record kept as a problem; and the mapping file: classes,
 * attributes and values translated, reversed relation types, and a bad mapping named at load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classRegistry } from '../../../shared/cmdb/ci-classes.js';
import { SourceCursorExpiredError, SourceUnavailableError } from '../../../shared/ports/cmdb-source.js';
import {
  startValuemationSimulator,
  type ValuemationSimulator,
} from '../../../tests/simulators/valuemation/valuemation-simulator.js';
import { ValuemationApi, type ValuemationApiSettings } from './valuemation-api.js';
import { loadValuemationMapping, ValuemationMapping } from './valuemation-mapping.js';
import { ValuemationSource } from './valuemation-source.js';

const registry = classRegistry();

describe('Valuemation adapter (HTTP client against the simulator)', () => {
  let sim: ValuemationSimulator;
  const api = (over: Partial<ValuemationApiSettings> = {}) =>
    new ValuemationApi({
      baseUrl: `${sim.url}/`,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      timeoutMs: 2_000,
      maxAttempts: 3,
      maxRetryWaitMs: 50,
      ...over,
    });
  const source = (client = api()) => new ValuemationSource(client, loadValuemationMapping(undefined, registry));
  beforeAll(async () => {
    sim = await startValuemationSimulator({ estate: 40 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('pages through every CI with one token, in order, and then from a watermark', async () => {
    const client = api();
    const vm = source(client);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await vm.readCis({ modifiedSince: null, cursor, pageSize: 15 });
      seen.push(...page.items.map((i) => i.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    expect(sim.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    const changed = sim.touch(2);
    const since = await vm.readCis({
      modifiedSince: new Date(Date.now() - 5_000).toISOString(),
      cursor: null,
      pageSize: 50,
    });
    expect(since.items.map((i) => i.externalId)).toEqual(changed.map((id) => `valuemation:${id}`));
    expect(since.nextCursor).toBeNull();
  });

  it('translates classes, fields, values and attributes by the mapping file', async () => {
    const page = await source().readCis({ modifiedSince: null, cursor: null, pageSize: 100 });
    const core = page.items.find((i) => i.externalId === 'valuemation:VM-CORE-000001');
    expect(core).toMatchObject({
      problem: null,
      deleted: false,
      fields: {
        name: expect.stringMatching(/^core-sw-000001/), // touched above
        ciClass: 'network_device',
        status: 'active',
        criticality: 1,
        ownerTeamId: 'network',
        assetTag: 'VM-AT-CORE-000001',
        attributes: { deviceType: 'switch', ports: 48 },
      },
    });
    const relations = await source().readRelations({ modifiedSince: null, cursor: null, pageSize: 1000 });
    // Valuemation's "Hosts" (server hosts VM) is our "VM hosted on server".
    const hosts = sim.cmdb.relations
      .ids()
      .map((id) => sim.cmdb.relations.get(id))
      .find((r) => r?.typeName === 'Hosts');
    const mapped = relations.items.find((r) => r.externalId === `valuemation:${hosts?.id}`);
    expect(mapped).toMatchObject({
      type: 'hosted_on',
      fromExternalId: `valuemation:${hosts?.targetId}`,
      toExternalId: `valuemation:${hosts?.sourceId}`,
    });
  });

  it('fetches a new token when Valuemation says the old one expired', async () => {
    const client = api();
    await client.listCis({ modifiedSince: null, pageToken: null, pageSize: 1 });
    const tokens = sim.requests.filter((r) => r.path === '/oauth/token').length;
    sim.expireTokens();
    const page = await client.listCis({ modifiedSince: null, pageToken: null, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(sim.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(tokens + 1);
    expect(sim.requests.some((r) => r.path === '/api/v1/cis' && r.status === 401)).toBe(true);
  });

  it('retries 429 and 503, and gives up with SourceUnavailableError after its attempts', async () => {
    const client = api();
    sim.failNext(1, 429, 0);
    sim.failNext(1, 503);
    expect((await client.listCis({ modifiedSince: null, pageToken: null, pageSize: 1 })).items).toHaveLength(1);
    sim.failNext(3, 503);
    const failed = client.listCis({ modifiedSince: null, pageToken: null, pageSize: 1 });
    await expect(failed).rejects.toBeInstanceOf(SourceUnavailableError);
    await expect(failed).rejects.toThrow('answered 503');
  });

  it('names refused credentials and an unreachable server', async () => {
    await expect(
      api({ clientSecret: 'wrong' }).listCis({ modifiedSince: null, pageToken: null, pageSize: 1 }),
    ).rejects.toThrow('refused the client credentials (401)');
    await expect(
      api({ baseUrl: 'http://127.0.0.1:9', maxAttempts: 1 }).listCis({
        modifiedSince: null,
        pageToken: null,
        pageSize: 1,
      }),
    ).rejects.toBeInstanceOf(SourceUnavailableError);
  });

  it('turns an expired page token into SourceCursorExpiredError', async () => {
    const client = api();
    const first = await client.listCis({ modifiedSince: null, pageToken: null, pageSize: 5 });
    sim.expirePageTokens();
    await expect(
      client.listCis({ modifiedSince: null, pageToken: first.nextPageToken, pageSize: 5 }),
    ).rejects.toBeInstanceOf(SourceCursorExpiredError);
  });

  it('keeps a record without the assumed shape as a problem, not a failed page', async () => {
    sim.cmdb.cis.put({ id: 'BROKEN-1', attributes: 42 } as never);
    const page = await source().readCis({
      modifiedSince: new Date(Date.now() - 1_000).toISOString(),
      cursor: null,
      pageSize: 50,
    });
    const broken = page.items.find((i) => i.externalId === 'valuemation:BROKEN-1');
    expect(broken?.problem).toContain('malformed record');
  });
});

describe('Valuemation mapping file', () => {
  it('names every problem of a bad mapping at load', () => {
    expect(() =>
      ValuemationMapping.parse(
        {
          classes: { Server: 'toaster' },
          attributes: { server: { CPU: 'cpuCount' } },
          relationTypes: { Zaps: 'zaps' },
        },
        registry,
      ),
    ).toThrow(/classes\.Server: no class toaster.*server has no attribute cpuCount.*no relation type zaps/);
    expect(() => ValuemationMapping.parse({ classes: {}, relationTypes: {}, extra: 1 }, registry)).toThrow('extra');
    expect(() => loadValuemationMapping('/nonexistent/mapping.json', registry)).toThrow('/nonexistent/mapping.json');
  });

  it('rejects values it cannot map, and warns about an unmapped support group', () => {
    const m = loadValuemationMapping(undefined, registry);
    const base = {
      id: 'A',
      modifiedAt: '2025-01-01T00:00:00Z',
      deleted: false,
      className: 'Physical Server',
      name: 'a',
      status: 'Active',
    };
    expect(m.ci({ ...base, attributes: { Environment: 'Moon' } }).problem).toBe('environment "Moon" is not mapped');
    expect(m.ci({ ...base, attributes: { CPUCores: 'lots' } }).problem).toContain('cpuCores');
    expect(m.ci({ ...base, attributes: { MembersDownToFail: 'two' } }).problem).toContain('not a whole number');
    const unmapped = m.ci({ ...base, attributes: { SupportGroup: 'NIGHT-SHIFT', HostName: 'a.example; b.example' } });
    expect(unmapped).toMatchObject({
      problem: null,
      fields: { ownerTeamId: null, hostNames: ['a.example', 'b.example'] },
    });
    expect(unmapped.warnings).toEqual(['support group "NIGHT-SHIFT" is not mapped to a team; owner team left empty']);
    expect(m.ci({ ...base, attributes: {}, deleted: true })).toMatchObject({
      deleted: true,
      externalId: 'valuemation:A',
      problem: null,
    });
  });
});
