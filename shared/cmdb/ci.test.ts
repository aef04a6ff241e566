import { describe, expect, it } from 'vitest';
import { anAgent, aSystem } from '../../tests/builders/actors.js';
import { contextFor, sequentialIds, T0 } from '../../tests/builders/time-and-ids.js';
import { type CiFields, changeCi, createCi } from './ci.js';
import { classRegistry } from './ci-classes.js';
import { searchKeysOf } from './ci-search-keys.js';
import { checkRelation, newRelation, relationId } from './relationships.js';

const registry = classRegistry([{ id: 'printer', label: 'Printer', attributes: { colour: { kind: 'boolean' } } }]);
const fields = (over: Partial<CiFields> = {}): CiFields => ({
  name: ' web-01 ',
  ciClass: 'server',
  status: 'active',
  environment: 'production',
  criticality: 2,
  ownerTeamId: null,
  location: null,
  assetTag: 'AT-1001',
  serial: null,
  hostNames: ['WEB01.corp.example', 'web01.corp.example'],
  ipAddresses: ['10.0.0.5'],
  attributes: { os: 'Debian 12', cpuCores: 8 },
  redundancy: null,
  ...over,
});
const ids = sequentialIds();
const ctx = contextFor(anAgent('alice'), T0, ids);

describe('CI', () => {
  it('is created with normalised fields and a first history entry naming its source', () => {
    const made = createCi(registry, fields(), { source: 'agent' }, ctx);
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.ci).toMatchObject({
      name: 'web-01',
      nameKey: 'web-01',
      hostNames: ['web01.corp.example'],
      lastSeq: 1,
    });
    expect(made.value.entry).toMatchObject({ seq: 1, action: 'created', source: 'agent', actor: { agentId: 'alice' } });
  });

  it.each([
    [{ ciClass: 'toaster' }, 'Unknown CI class'],
    [{ attributes: { cpuCores: 1.5 } }, 'attributes.cpuCores must be a whole number'],
    [{ attributes: { colour: true } }, 'attributes.colour is not an attribute of class server'],
    [{ ciClass: 'cloud_resource', attributes: {} }, 'attributes.provider is required'],
    [{ ciClass: 'database', attributes: { engine: 'excel' } }, 'attributes.engine must be one of'],
    [{ name: '  ' }, 'A CI needs a name'],
    [{ redundancy: { membersDownToFail: 0 } }, 'membersDownToFail'],
  ])('refuses %o', (over, message) => {
    const made = createCi(registry, fields(over as Partial<CiFields>), { source: 'agent' }, ctx);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.error.message).toContain(message);
  });

  it('takes a configured class with its own attributes', () => {
    expect(
      createCi(registry, fields({ ciClass: 'printer', attributes: { colour: true } }), { source: 'agent' }, ctx).ok,
    ).toBe(true);
  });

  it('records what changed, appends history, and calls a move to retired a retirement', () => {
    const made = createCi(registry, fields(), { source: 'agent' }, ctx);
    if (!made.ok) throw new Error('setup');
    const changed = changeCi(
      registry,
      made.value.ci,
      { status: 'retired', location: 'DC2' },
      { source: 'import' },
      ctx,
    );
    if (!changed.ok) throw new Error(changed.error.message);
    expect(changed.value.entry).toMatchObject({
      seq: 2,
      action: 'retired',
      source: 'import',
      changes: { status: { from: 'active', to: 'retired' }, location: { from: null, to: 'DC2' } },
    });
    const same = changeCi(registry, changed.value.ci, { location: 'DC2' }, { source: 'agent' }, ctx);
    expect(same.ok && same.value.entry).toBeNull();
  });

  it('keeps a Valuemation CI read-only for everyone but Valuemation', () => {
    const made = createCi(
      registry,
      fields(),
      { source: 'valuemation', externalId: 'VM-1' },
      contextFor(aSystem('valuemation-sync'), T0, ids),
    );
    if (!made.ok) throw new Error('setup');
    const byAgent = changeCi(registry, made.value.ci, { location: 'DC2' }, { source: 'agent' }, ctx);
    expect(byAgent.ok ? null : byAgent.error.code).toBe('CI.READ_ONLY');
    expect(changeCi(registry, made.value.ci, { location: 'DC2' }, { source: 'valuemation' }, ctx).ok).toBe(true);
  });

  it('has one search key per name, tag, serial, host name and address', () => {
    const made = createCi(registry, fields({ serial: 'SN9' }), { source: 'agent' }, ctx);
    if (!made.ok) throw new Error('setup');
    expect(searchKeysOf(made.value.ci).map((k) => `${k.kind}:${k.key}`)).toEqual([
      'name:web-01',
      'tag:at-1001',
      'serial:sn9',
      'host:web01.corp.example',
      'ip:10.0.0.5',
    ]);
  });
});

describe('relationships', () => {
  it.each([
    ['runs_on', 'application', 'virtual_machine', true],
    ['runs_on', 'workstation', 'server', false],
    ['connects_to', 'server', 'network_device', true],
    ['connects_to', 'server', 'application', false],
    ['depends_on', 'business_service', 'printer', true],
  ] as const)('%s from %s to %s allowed: %s', (type, fromClass, toClass, allowed) => {
    expect(checkRelation(type, { id: 'a', ciClass: fromClass }, { id: 'b', ciClass: toClass }).ok).toBe(allowed);
  });

  it('refuses a CI related to itself', () => {
    expect(checkRelation('depends_on', { id: 'a', ciClass: 'server' }, { id: 'a', ciClass: 'server' }).ok).toBe(false);
  });

  it('gives the same relation the same id (so it cannot be stored twice) and marks part_of members as providers', () => {
    const r = newRelation('part_of', 'node1', 'cluster', 'agent', { kind: 'agent', agentId: 'a' }, T0);
    expect(r.id).toBe(relationId('node1', 'part_of', 'cluster'));
    expect([r.providerId, r.consumerId]).toEqual(['node1', 'cluster']);
    const d = newRelation('depends_on', 'app', 'db', 'agent', { kind: 'agent', agentId: 'a' }, T0);
    expect([d.providerId, d.consumerId]).toEqual(['db', 'app']);
  });
});
