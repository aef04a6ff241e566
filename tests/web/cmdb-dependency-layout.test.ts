/**
 * The dependency view's picture rules (web/src/lib/components/cmdb/dependency-layout.ts) with the
 * real ELK: every CI and group gets a place without overlapping, group edges point the relation's
 * way, the sentences name the path, and the arrow keys move to the nearest node that way.
 */
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import {
  type DrawableNeighbourhood,
  type GraphLayouter,
  groupText,
  layoutNeighbourhood,
  nextNode,
  pathText,
  toElkGraph,
} from '../../web/src/lib/components/cmdb/dependency-layout.js';

/** The bundle's CommonJS export is the ELK constructor (its types describe the ES shape). */
const ELK = ElkBundled as unknown as new () => GraphLayouter;

const step = (ciId: string, label: string | null = null) => ({ ciId, name: ciId, label });
const ci = (id: string, depth: number, path: ReturnType<typeof step>[], ciClass = 'server') => ({
  id,
  name: id,
  ciClass,
  status: 'active',
  criticality: 3,
  depth,
  path,
});

const esx: DrawableNeighbourhood = {
  centerId: 'esx',
  nodes: [
    ci('esx', 0, [step('esx')]),
    ci('sw', 1, [step('esx'), step('sw', 'connects to')], 'network_device'),
    ci('vm-1', 1, [step('esx'), step('vm-1', 'hosts')], 'virtual_machine'),
    ci('app', 2, [step('esx'), step('vm-1', 'hosts'), step('app', 'runs')], 'application'),
  ],
  edges: [
    { id: 'e1', type: 'connects_to', fromId: 'esx', toId: 'sw' },
    { id: 'e2', type: 'hosted_on', fromId: 'vm-1', toId: 'esx' },
    { id: 'e3', type: 'runs_on', fromId: 'app', toId: 'vm-1' },
  ],
  groups: [
    {
      id: 'g1',
      parentId: 'esx',
      direction: 'incoming',
      type: 'hosted_on',
      ciClass: 'virtual_machine',
      label: 'hosts',
      count: 9990,
      depth: 1,
      path: [step('esx')],
    },
  ],
};

describe('Dependency view layout', () => {
  it('places every CI and group apart and routes each edge, groups the relation way round', async () => {
    const layout = await layoutNeighbourhood(esx, new ELK());
    expect(layout.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['esx', 'center'],
      ['sw', 'ci'],
      ['vm-1', 'ci'],
      ['app', 'ci'],
      ['g1', 'group'],
    ]);
    for (const a of layout.nodes)
      for (const b of layout.nodes)
        if (a !== b) {
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
        }
    expect(layout.edges).toHaveLength(4);
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
    expect(toElkGraph(esx).edges?.find((e: { id: string }) => e.id === 'edge:g1')).toMatchObject({
      sources: ['g1'],
      targets: ['esx'],
    });
    // Providers sit to the right of what depends on them.
    const x = (id: string) => layout.nodes.find((n) => n.id === id)?.x ?? 0;
    expect(x('app')).toBeLessThan(x('vm-1'));
    expect(x('vm-1')).toBeLessThan(x('esx'));
  });

  it('says how the centre reaches each CI and what a group holds', async () => {
    expect(pathText(esx.nodes[3]?.path ?? [])).toBe('esx hosts vm-1, vm-1 runs app');
    expect(groupText(esx.groups[0] as DrawableNeighbourhood['groups'][number])).toBe(
      'esx hosts 9,990 more virtual machines',
    );
    const layout = await layoutNeighbourhood(esx, new ELK());
    expect(layout.nodes.find((n) => n.id === 'app')?.description).toBe(
      'app, application, criticality 3: esx hosts vm-1, vm-1 runs app',
    );
    expect(layout.nodes.find((n) => n.id === 'esx')).toMatchObject({ href: null, description: 'esx, server, this CI' });
  });

  it('moves with the arrow keys to the nearest node that way and stays at the edge of the picture', async () => {
    const layout = await layoutNeighbourhood(esx, new ELK());
    const right = nextNode(layout.nodes, 'app', 'ArrowRight');
    expect(right).toBe('vm-1');
    expect(nextNode(layout.nodes, 'vm-1', 'ArrowLeft')).toBe('app');
    const rightmost = [...layout.nodes].sort((a, b) => b.x - a.x)[0]?.id ?? '';
    expect(nextNode(layout.nodes, rightmost, 'ArrowRight')).toBe(rightmost);
    expect(nextNode(layout.nodes, 'app', 'Enter')).toBe('app');
  });
});
