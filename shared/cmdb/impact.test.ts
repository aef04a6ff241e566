import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseImpact, type ImpactEdge, type ImpactGraph, type ImpactNode, inMemoryGraph } from './impact.js';
import { newRelation, type RelationType } from './relationships.js';

const node = (id: string, over: Partial<ImpactNode> = {}): ImpactNode => ({
  id,
  name: id,
  ciClass: over.ciClass ?? 'server',
  criticality: over.criticality ?? 3,
  status: over.status ?? 'active',
  redundancy: over.redundancy ?? null,
});
const rel = (from: string, type: RelationType, to: string): ImpactEdge =>
  newRelation(type, from, to, 'agent', { kind: 'system', name: 'test' }, new Date(0));

/** Counts the hops the traversal asks for, so a test can see it stays bounded. */
const counting = (graph: ImpactGraph) => {
  let calls = 0;
  return {
    graph: {
      edgesFromProviders: (ids: readonly string[]) => {
        calls++;
        return graph.edgesFromProviders(ids);
      },
      edgesFromConsumers: (ids: readonly string[]) => {
        calls++;
        return graph.edgesFromConsumers(ids);
      },
      nodes: graph.nodes,
    } satisfies ImpactGraph,
    calls: () => calls,
  };
};

// switch <- server (connects to) <- vm (hosted on) <- app (runs on) <- payroll service (depends on)
const chain = inMemoryGraph(
  [
    node('switch'),
    node('srv'),
    node('vm'),
    node('app'),
    node('payroll', { ciClass: 'business_service', criticality: 1 }),
  ],
  [
    rel('srv', 'connects_to', 'switch'),
    rel('vm', 'hosted_on', 'srv'),
    rel('app', 'runs_on', 'vm'),
    rel('payroll', 'depends_on', 'app'),
  ],
);

describe('analyseImpact', () => {
  it.each([
    { start: 'switch', depth: 5, expected: ['srv', 'vm', 'app', 'payroll'], truncated: null },
    { start: 'switch', depth: 2, expected: ['srv', 'vm'], truncated: 'depth' },
    { start: 'vm', depth: 5, expected: ['app', 'payroll'], truncated: null },
    { start: 'payroll', depth: 5, expected: [], truncated: null },
  ])('downstream of $start at depth $depth reaches $expected', async ({ start, depth, expected, truncated }) => {
    const result = await analyseImpact(chain, [start], { direction: 'downstream', depth });
    expect(result.items.map((i) => i.ci.id)).toEqual(expected);
    expect(result.truncated).toBe(truncated);
  });

  it('gives the path from the failed CI to each impacted one and the business services', async () => {
    const result = await analyseImpact(chain, ['switch'], { direction: 'downstream' });
    const payroll = result.items.find((i) => i.ci.id === 'payroll');
    expect(payroll?.path.map((s) => [s.ciId, s.relationType])).toEqual([
      ['switch', null],
      ['srv', 'connects_to'],
      ['vm', 'hosted_on'],
      ['app', 'runs_on'],
      ['payroll', 'depends_on'],
    ]);
    expect(result.businessServices.map((i) => i.ci.id)).toEqual(['payroll']);
  });

  it('upstream lists what a CI needs', async () => {
    const result = await analyseImpact(chain, ['payroll'], { direction: 'upstream' });
    expect(result.items.map((i) => i.ci.id)).toEqual(['app', 'vm', 'srv', 'switch']);
  });

  it('keeps a redundant cluster up until M members are down, then fails it', async () => {
    const graph = inMemoryGraph(
      [
        node('a'),
        node('b'),
        node('c'),
        node('cluster', { redundancy: { membersDownToFail: 2 } }),
        node('svc', { ciClass: 'business_service' }),
      ],
      [
        rel('a', 'part_of', 'cluster'),
        rel('b', 'part_of', 'cluster'),
        rel('c', 'part_of', 'cluster'),
        rel('svc', 'depends_on', 'cluster'),
      ],
    );
    const one = await analyseImpact(graph, ['a'], { direction: 'downstream' });
    expect(one.items.map((i) => [i.ci.id, i.state])).toEqual([['cluster', 'degraded']]);
    const two = await analyseImpact(graph, ['a', 'b'], { direction: 'downstream' });
    expect(two.items.map((i) => [i.ci.id, i.state])).toEqual([
      ['cluster', 'down'],
      ['svc', 'down'],
    ]);
  });

  it('fails a cluster whose members all go down behind one switch', async () => {
    const graph = inMemoryGraph(
      [node('sw'), node('a'), node('b'), node('cluster', { redundancy: { membersDownToFail: 2 } })],
      [
        rel('a', 'connects_to', 'sw'),
        rel('b', 'connects_to', 'sw'),
        rel('a', 'part_of', 'cluster'),
        rel('b', 'part_of', 'cluster'),
      ],
    );
    const result = await analyseImpact(graph, ['sw'], { direction: 'downstream' });
    expect(result.items.find((i) => i.ci.id === 'cluster')?.state).toBe('down');
  });

  it('does not travel through retired CIs', async () => {
    const graph = inMemoryGraph(
      [node('sw'), node('old', { status: 'retired' }), node('app')],
      [rel('old', 'connects_to', 'sw'), rel('app', 'depends_on', 'old')],
    );
    expect((await analyseImpact(graph, ['sw'], { direction: 'downstream' })).items).toEqual([]);
  });

  it('stops at the item limit and says so', async () => {
    const leaves = Array.from({ length: 50 }, (_, i) => node(`leaf${i}`));
    const graph = inMemoryGraph(
      [node('hub'), ...leaves],
      leaves.map((l) => rel(l.id, 'depends_on', 'hub')),
    );
    const result = await analyseImpact(graph, ['hub'], { direction: 'downstream', maxItems: 10 });
    expect(result.items).toHaveLength(10);
    expect(result.truncated).toBe('items');
  });

  // A core switch: its first dependants are many hosts; the services lie two hops past them.
  const coreSwitch = (hosts: number) => {
    const hostNodes = Array.from({ length: hosts }, (_, i) => node(`host${i}`));
    return inMemoryGraph(
      [
        node('core'),
        ...hostNodes,
        node('app'),
        node('billing', { ciClass: 'business_service', criticality: 1 }),
        node('intranet', { ciClass: 'business_service', criticality: 3 }),
      ],
      [
        ...hostNodes.map((h) => rel(h.id, 'connects_to', 'core')),
        rel('app', 'runs_on', 'host49'),
        rel('billing', 'depends_on', 'app'),
        rel('intranet', 'depends_on', 'host7'),
      ],
    );
  };

  it('finds the business services past the item limit, with their paths', async () => {
    const result = await analyseImpact(coreSwitch(50), ['core'], {
      direction: 'downstream',
      maxItems: 10,
      maxVisits: 1000,
    });
    expect(result.items).toHaveLength(10);
    expect(result.truncated).toBe('items');
    expect(result.reached).toBe(53);
    expect(result.servicesComplete).toBe(true);
    expect(result.businessServices.map((s) => [s.ci.id, s.path.map((p) => p.ciId)])).toEqual([
      ['billing', ['core', 'host49', 'app', 'billing']],
      ['intranet', ['core', 'host7', 'intranet']],
    ]);
  });

  it('walks only as far as the items by default, and says the services may be incomplete', async () => {
    const result = await analyseImpact(coreSwitch(50), ['core'], { direction: 'downstream', maxItems: 10 });
    expect([result.reached, result.truncated, result.servicesComplete]).toEqual([10, 'items', false]);
    const small = await analyseImpact(chain, ['switch'], { direction: 'downstream' });
    expect([small.reached, small.servicesComplete, small.businessServices.map((s) => s.ci.id)]).toEqual([
      4,
      true,
      ['payroll'],
    ]);
  });

  it('says the services may be incomplete when the visit limit stops the walk', async () => {
    const result = await analyseImpact(coreSwitch(50), ['core'], {
      direction: 'downstream',
      maxItems: 10,
      maxVisits: 20,
    });
    expect(result.reached).toBe(20);
    expect(result.truncated).toBe('items');
    expect(result.servicesComplete).toBe(false);
    expect(result.businessServices).toEqual([]);
  });

  it('clamps the depth to 10 however deep the caller asks', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
    const graph = counting(
      inMemoryGraph(
        ids.map((id) => node(id)),
        ids.slice(1).map((id, i) => rel(id, 'depends_on', ids[i] as string)),
      ),
    );
    const result = await analyseImpact(graph.graph, ['n0'], { direction: 'downstream', depth: 1000 });
    expect(result.items).toHaveLength(10);
    expect(result.truncated).toBe('depth');
    expect(graph.calls()).toBe(11);
  });

  const arbitraryGraph = fc
    .record({
      size: fc.integer({ min: 1, max: 25 }),
      pairs: fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 80 }),
    })
    .map(({ size, pairs }) => {
      const nodes = Array.from({ length: size }, (_, i) => node(`n${i}`));
      const seen = new Set<string>();
      const edges: ImpactEdge[] = [];
      for (const [a, b] of pairs) {
        const from = `n${a % size}`;
        const to = `n${b % size}`;
        if (from === to || seen.has(`${from}>${to}`)) continue;
        seen.add(`${from}>${to}`);
        edges.push(rel(from, 'depends_on', to));
      }
      return { nodes, edges };
    });

  it('on any graph (cycles included) ends, visits each CI once, stays within the depth and returns valid paths', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryGraph, fc.integer({ min: 1, max: 10 }), async ({ nodes, edges }, depth) => {
        const result = await analyseImpact(inMemoryGraph(nodes, edges), ['n0'], { direction: 'downstream', depth });
        const ids = result.items.map((i) => i.ci.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain('n0');
        const edgeSet = new Set(edges.map((e) => `${e.providerId}>${e.consumerId}`));
        for (const item of result.items) {
          expect(item.depth).toBeLessThanOrEqual(depth);
          expect(item.path).toHaveLength(item.depth + 1);
          expect(item.path[0]?.ciId).toBe('n0');
          for (let i = 1; i < item.path.length; i++)
            expect(edgeSet.has(`${item.path[i - 1]?.ciId}>${item.path[i]?.ciId}`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('downstream reaches exactly what a plain breadth-first search reaches within the depth', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryGraph, fc.integer({ min: 1, max: 10 }), async ({ nodes, edges }, depth) => {
        const reach = new Set<string>(['n0']);
        let frontier = ['n0'];
        for (let d = 0; d < depth; d++) {
          frontier = edges
            .filter((e) => frontier.includes(e.providerId) && !reach.has(e.consumerId))
            .map((e) => e.consumerId);
          for (const id of frontier) reach.add(id);
        }
        reach.delete('n0');
        const result = await analyseImpact(inMemoryGraph(nodes, edges), ['n0'], { direction: 'downstream', depth });
        expect(new Set(result.items.map((i) => i.ci.id))).toEqual(reach);
      }),
      { numRuns: 200 },
    );
  });
});
