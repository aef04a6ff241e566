/**
 * The dependency view's picture without its markup (issue 15): a CI's neighbourhood (as the API
 * sends it, groups included) laid out by ELK's layered algorithm (elkjs; in the browser it runs
 * in a Web Worker, so a big picture never blocks the page), the sentences the list beside the
 * picture and the screen reader say, and which node the arrow keys move to. No `$lib` or
 * `$shared` imports: the rules are tested in Node with the same ELK.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export interface Step {
  readonly ciId: string;
  readonly name: string;
  readonly label: string | null;
}

export interface DrawableNeighbourhood {
  readonly centerId: string;
  readonly nodes: readonly {
    readonly id: string;
    readonly name: string;
    readonly ciClass: string;
    readonly status: string;
    readonly criticality: number;
    readonly depth: number;
    readonly path: readonly Step[];
  }[];
  readonly edges: readonly {
    readonly id: string;
    readonly type: string;
    readonly fromId: string;
    readonly toId: string;
  }[];
  readonly groups: readonly {
    readonly id: string;
    readonly parentId: string;
    readonly direction: 'outgoing' | 'incoming';
    readonly type: string;
    readonly ciClass: string;
    readonly label: string;
    readonly count: number;
    readonly depth: number;
    readonly path: readonly Step[];
  }[];
}

export interface PlacedNode {
  readonly id: string;
  readonly kind: 'center' | 'ci' | 'group';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly subtitle: string;
  /** What a screen reader says for it (and the tooltip). */
  readonly description: string;
  readonly href: string | null;
  readonly criticality: number | null;
  readonly retired: boolean;
}

export interface PlacedEdge {
  readonly id: string;
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** What lays a graph out: ELK in a worker (browser) or ELK in-process (tests). */
export interface GraphLayouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const NODE = { width: 176, height: 46 } as const;
const RELATION_NAMES: Record<string, string> = {
  depends_on: 'depends on',
  runs_on: 'runs on',
  hosted_on: 'hosted on',
  connects_to: 'connects to',
  part_of: 'part of',
};
const readable = (id: string) => id.replaceAll('_', ' ');
const plural = (ciClass: string, n: number) =>
  `${readable(ciClass)}${n === 1 ? '' : ciClass.endsWith('s') ? 'es' : 's'}`;

/** "vm-payroll runs app, app is needed by payroll": how the centre reaches the last step. */
export function pathText(path: readonly Step[]): string {
  const parts: string[] = [];
  for (let i = 1; i < path.length; i++) parts.push(`${path[i - 1]?.name} ${path[i]?.label} ${path[i]?.name}`);
  return parts.join(', ');
}

/** The sentence for a group: "esx-01 hosts 9,990 more virtual machines". */
export function groupText(g: DrawableNeighbourhood['groups'][number]): string {
  const parent = g.path.at(-1)?.name ?? '';
  const via = g.path.length > 1 ? ` (${pathText(g.path)})` : '';
  return `${parent} ${g.label} ${g.count.toLocaleString('en')} more ${plural(g.ciClass, g.count)}${via}`;
}

export function toElkGraph(n: DrawableNeighbourhood): ElkNode {
  const edges: ElkExtendedEdge[] = [
    ...n.edges.map((e) => ({ id: e.id, sources: [e.fromId], targets: [e.toId] })),
    ...n.groups.map((g) => ({
      id: `edge:${g.id}`,
      sources: [g.direction === 'outgoing' ? g.parentId : g.id],
      targets: [g.direction === 'outgoing' ? g.id : g.parentId],
    })),
  ];
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: [...n.nodes.map((c) => ({ id: c.id, ...NODE })), ...n.groups.map((g) => ({ id: g.id, ...NODE }))],
    edges,
  };
}

export async function layoutNeighbourhood(n: DrawableNeighbourhood, elk: GraphLayouter): Promise<Layout> {
  const laid: ElkNode = await elk.layout(toElkGraph(n));
  const at = new Map<string, ElkNode>((laid.children ?? []).map((c: ElkNode) => [c.id, c]));
  const place = (id: string) => {
    const c = at.get(id);
    return { x: c?.x ?? 0, y: c?.y ?? 0, width: c?.width ?? NODE.width, height: c?.height ?? NODE.height };
  };
  const nodes: PlacedNode[] = [
    ...n.nodes.map((c) => ({
      id: c.id,
      kind: c.id === n.centerId ? ('center' as const) : ('ci' as const),
      ...place(c.id),
      title: c.name,
      subtitle: `${readable(c.ciClass)} · criticality ${c.criticality}`,
      description:
        c.id === n.centerId
          ? `${c.name}, ${readable(c.ciClass)}, this CI`
          : `${c.name}, ${readable(c.ciClass)}, criticality ${c.criticality}${c.status === 'retired' ? ', retired' : ''}: ${pathText(c.path)}`,
      href: c.id === n.centerId ? null : `/cmdb/${encodeURIComponent(c.id)}`,
      criticality: c.criticality,
      retired: c.status === 'retired',
    })),
    ...n.groups.map((g) => ({
      id: g.id,
      kind: 'group' as const,
      ...place(g.id),
      title: `${g.count.toLocaleString('en')} more`,
      subtitle: plural(g.ciClass, g.count),
      description: `Group: ${groupText(g)}`,
      href: null,
      criticality: null,
      retired: false,
    })),
  ];
  const labelOf = new Map<string, string>([
    ...n.edges.map((e): [string, string] => [e.id, RELATION_NAMES[e.type] ?? readable(e.type)]),
    ...n.groups.map((g): [string, string] => [`edge:${g.id}`, RELATION_NAMES[g.type] ?? readable(g.type)]),
  ]);
  const edges: PlacedEdge[] = (laid.edges ?? []).map((e: ElkExtendedEdge) => {
    const section = e.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    return { id: e.id, label: labelOf.get(e.id) ?? '', points };
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges };
}

/**
 * The node an arrow key moves to: the nearest one whose centre lies in that direction (within
 * 60 degrees either side), or the current one when there is none.
 */
export function nextNode(nodes: readonly PlacedNode[], fromId: string, key: string): string {
  const from = nodes.find((n) => n.id === fromId);
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  if (!from || !dir) return fromId;
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best: { id: string; score: number } | null = null;
  for (const n of nodes) {
    if (n.id === fromId) continue;
    const dx = n.x + n.width / 2 - cx;
    const dy = n.y + n.height / 2 - cy;
    const along = dx * (dir[0] ?? 0) + dy * (dir[1] ?? 0);
    const across = Math.abs(dx * (dir[1] ?? 0) - dy * (dir[0] ?? 0));
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (!best || score < best.score) best = { id: n.id, score };
  }
  return best?.id ?? fromId;
}
