import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImpactEdge, type ImpactNode, inMemoryGraph } from './impact.js';
import { NEIGHBOURHOOD_LIMITS, neighbourhood } from './neighbourhood.js';
import { newRelation, type RelationType } from './relationships.js';

const node = (id: string, ciClass = 'server'): ImpactNode => ({
  id,
  name: id,
  ciClass,
  criticality: 3,
  status: 'active',
  redundancy: null,
});
const rel = (from: string, type: RelationType, to: string): ImpactEdge =>
  newRelation(type, from, to, 'agent', { kind: 'system', name: 'test' }, new Date(0));

describe('Neighbourhood of a CI', () => {
  // app runs on vm; vm hosted on esx; esx connects to switch; payroll depends on app
  const small = inMemoryGraph(
    [
      node('app', 'application'),
      node('vm', 'virtual_machine'),
      node('esx'),
      node('sw', 'network_device'),
      node('payroll', 'business_service'),
    ],
    [
      rel('app', 'runs_on', 'vm'),
      rel('vm', 'hosted_on', 'esx'),
      rel('esx', 'connects_to', 'sw'),
      rel('payroll', 'depends_on', 'app'),
    ],
  );

  it('walks both directions to the depth asked, with the path read from the centre', async () => {
    const found = await neighbourhood(small, 'vm', { depth: 2 });
    const byDepth = [...(found?.nodes ?? [])].sort((a, b) => a.depth - b.depth || a.id.localeCompare(b.id));
    expect(byDepth.map((n) => [n.id, n.depth])).toEqual([
      ['vm', 0],
      ['app', 1],
      ['esx', 1],
      ['payroll', 2],
      ['sw', 2],
    ]);
    const payroll = found?.nodes.find((n) => n.id === 'payroll');
    expect(payroll?.path.map((s) => [s.name, s.label])).toEqual([
      ['vm', null],
      ['app', 'runs'],
      ['payroll', 'is needed by'],
    ]);
    expect(found?.edges.map((e) => `${e.fromId} ${e.type} ${e.toId}`).sort()).toEqual([
      'app runs_on vm',
      'esx connects_to sw',
      'payroll depends_on app',
      'vm hosted_on esx',
    ]);
    expect((await neighbourhood(small, 'vm', { depth: 1 }))?.nodes).toHaveLength(3);
    expect(await neighbourhood(small, 'nope')).toBeNull();
  });

  it('groups neighbours of one kind beyond ten and does not follow the group: 10,000 VMs on one host', async () => {
    const vms = Array.from({ length: 10_000 }, (_, i) => node(`vm-${String(i).padStart(5, '0')}`, 'virtual_machine'));
    const graph = inMemoryGraph(
      [node('esx'), node('sw', 'network_device'), ...vms, node('app', 'application')],
      [
        rel('esx', 'connects_to', 'sw'),
        ...vms.map((v) => rel(v.id, 'hosted_on', 'esx')),
        rel('app', 'runs_on', 'vm-09999'),
      ],
    );
    const found = await neighbourhood(graph, 'esx', { depth: 3 });
    expect(found?.nodes.filter((n) => n.ciClass === 'virtual_machine').map((n) => n.id)).toEqual(
      vms.slice(0, NEIGHBOURHOOD_LIMITS.groupAfter).map((v) => v.id),
    );
    expect(found?.groups).toMatchObject([
      {
        parentId: 'esx',
        type: 'hosted_on',
        direction: 'incoming',
        ciClass: 'virtual_machine',
        label: 'hosts',
        count: 9_990,
      },
    ]);
    // vm-09999 is in the group: the app running on it is not reached.
    expect(found?.nodes.some((n) => n.id === 'app')).toBe(false);
    expect(found?.nodes.length).toBeLessThanOrEqual(NEIGHBOURHOOD_LIMITS.maxNodes);
  });

  it('never repeats a node, keeps every edge between drawn nodes and stays within the node limit (any graph)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), { maxLength: 120 }),
        fc.integer({ min: 1, max: 3 }),
        async (pairs, depth) => {
          const ids = Array.from({ length: 31 }, (_, i) => `n${i}`);
          const edges = [
            ...new Map(
              pairs.filter(([a, b]) => a !== b).map(([a, b]) => [`${a}-${b}`, rel(`n${a}`, 'depends_on', `n${b}`)]),
            ).values(),
          ];
          const found = await neighbourhood(
            inMemoryGraph(
              ids.map((id) => node(id)),
              edges,
            ),
            'n0',
            { depth, maxNodes: 20 },
          );
          const drawn = new Set(found?.nodes.map((n) => n.id));
          expect(drawn.size).toBe(found?.nodes.length);
          expect(drawn.size).toBeLessThanOrEqual(20);
          for (const e of found?.edges ?? []) expect(drawn.has(e.fromId) && drawn.has(e.toId)).toBe(true);
          for (const n of found?.nodes ?? []) expect(n.path.at(-1)?.ciId).toBe(n.id);
        },
      ),
    );
  });
});
