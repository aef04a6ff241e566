/**
 * A CI's neighbourhood for the dependency view (issue 15): the CIs related to it in both
 * directions, breadth first to a small depth, with the path from the CI to each one (the list
 * beside the picture), read one hop per query like the impact analysis. It never sends the
 * browser more than it can draw: beyond GROUP_AFTER neighbours of one kind (the same relation,
 * direction and class, ServiceNow's rule) the first ones by name are shown and the rest become
 * one group node with a count; group members are not followed further; at most MAX_NODES nodes.
 */
import type { ImpactEdge, ImpactGraph, ImpactNode } from './impact.js';
import { RELATION_DEFINITIONS, type RelationType } from './relationships.js';

export const NEIGHBOURHOOD_LIMITS = { defaultDepth: 2, maxDepth: 3, groupAfter: 10, maxNodes: 300 } as const;

export interface NeighbourStep {
  readonly ciId: string;
  readonly name: string;
  /** How the previous step relates to this one, read from the previous one ("runs on", "hosts"). */
  readonly label: string | null;
}

export interface NeighbourNode extends Pick<ImpactNode, 'id' | 'name' | 'ciClass' | 'status' | 'criticality'> {
  readonly depth: number;
  /** From the centre (first step) to this CI (last step). */
  readonly path: readonly NeighbourStep[];
}

export interface NeighbourEdge {
  readonly id: string;
  readonly type: RelationType;
  readonly fromId: string;
  readonly toId: string;
}

/** Neighbours of one kind past the first GROUP_AFTER, drawn as one node. */
export interface NeighbourGroup {
  readonly id: string;
  /** The CI whose neighbours these are. */
  readonly parentId: string;
  readonly type: RelationType;
  /** `outgoing`: the parent is the relation's `from` end ("esx-01 hosts 9,990 virtual machines" is incoming). */
  readonly direction: 'outgoing' | 'incoming';
  readonly ciClass: string;
  /** Read from the parent: "hosts", "runs on". */
  readonly label: string;
  readonly count: number;
  readonly depth: number;
  readonly path: readonly NeighbourStep[];
}

export interface Neighbourhood {
  readonly centerId: string;
  readonly depth: number;
  readonly nodes: readonly NeighbourNode[];
  readonly edges: readonly NeighbourEdge[];
  readonly groups: readonly NeighbourGroup[];
  /** The node limit stopped the walk: more lies beyond what is shown. */
  readonly truncated: boolean;
}

const fromIdOf = (e: ImpactEdge): string =>
  RELATION_DEFINITIONS[e.type].provider === 'from' ? e.providerId : e.consumerId;
const toIdOf = (e: ImpactEdge): string =>
  RELATION_DEFINITIONS[e.type].provider === 'from' ? e.consumerId : e.providerId;

export const clampNeighbourDepth = (depth: number | undefined): number =>
  Math.min(NEIGHBOURHOOD_LIMITS.maxDepth, Math.max(1, Math.floor(depth ?? NEIGHBOURHOOD_LIMITS.defaultDepth)));

export async function neighbourhood(
  graph: ImpactGraph,
  centerId: string,
  options: { depth?: number; groupAfter?: number; maxNodes?: number } = {},
): Promise<Neighbourhood | null> {
  const depthLimit = clampNeighbourDepth(options.depth);
  const groupAfter = options.groupAfter ?? NEIGHBOURHOOD_LIMITS.groupAfter;
  const maxNodes = options.maxNodes ?? NEIGHBOURHOOD_LIMITS.maxNodes;
  const [center] = await graph.nodes([centerId]);
  if (!center) return null;
  const nodes = new Map<string, NeighbourNode>([
    [center.id, { ...pick(center), depth: 0, path: [{ ciId: center.id, name: center.name, label: null }] }],
  ]);
  const edges = new Map<string, NeighbourEdge>();
  const groups: NeighbourGroup[] = [];
  let frontier = [center.id];
  let truncated = false;

  for (let depth = 1; depth <= depthLimit && frontier.length > 0 && !truncated; depth++) {
    const touching = dedupe([
      ...(await graph.edgesFromProviders(frontier)),
      ...(await graph.edgesFromConsumers(frontier)),
    ]);
    const inFrontier = new Set(frontier);
    const farIds = new Set<string>();
    for (const e of touching) for (const id of [fromIdOf(e), toIdOf(e)]) if (!nodes.has(id)) farIds.add(id);
    const far = new Map((await graph.nodes([...farIds])).map((n) => [n.id, n]));
    const next: string[] = [];
    for (const parentId of frontier) {
      const parent = nodes.get(parentId) as NeighbourNode;
      // The parent's relations by kind: (direction, type, class of the other end).
      const kinds = new Map<string, { direction: 'outgoing' | 'incoming'; edge: ImpactEdge; other: ImpactNode }[]>();
      for (const edge of touching) {
        const outgoing = fromIdOf(edge) === parentId;
        if (!outgoing && toIdOf(edge) !== parentId) continue;
        const otherId = outgoing ? toIdOf(edge) : fromIdOf(edge);
        const other = far.get(otherId) ?? toImpact(nodes.get(otherId));
        if (!other) continue;
        const key = `${outgoing ? 'out' : 'in'}:${edge.type}:${other.ciClass}`;
        const list = kinds.get(key) ?? [];
        list.push({ direction: outgoing ? 'outgoing' : 'incoming', edge, other });
        kinds.set(key, list);
      }
      for (const members of [...kinds.values()]) {
        members.sort((a, b) => a.other.name.localeCompare(b.other.name) || a.other.id.localeCompare(b.other.id));
        const { direction, edge } = members[0] as (typeof members)[number];
        const def = RELATION_DEFINITIONS[edge.type];
        const label = direction === 'outgoing' ? def.name : def.reverseName;
        // Already drawn neighbours (a cycle, a CI reached twice) keep their edge and do not count.
        const fresh = members.filter((m) => !nodes.has(m.other.id) || inFrontier.has(m.other.id));
        for (const m of members)
          if (nodes.has(m.other.id) && !inFrontier.has(m.other.id)) edges.set(m.edge.id, edgeOf(m.edge));
        const shown = fresh.slice(0, groupAfter);
        for (const m of shown) {
          if (!nodes.has(m.other.id)) {
            if (nodes.size >= maxNodes) {
              truncated = true;
              break;
            }
            const step = { ciId: m.other.id, name: m.other.name, label };
            nodes.set(m.other.id, { ...pick(m.other), depth, path: [...parent.path, step] });
            next.push(m.other.id);
          }
          edges.set(m.edge.id, edgeOf(m.edge));
        }
        const rest = fresh.length - shown.length;
        if (rest > 0)
          groups.push({
            id: `group:${parentId}:${direction}:${edge.type}:${members[0]?.other.ciClass}`,
            parentId,
            type: edge.type,
            direction,
            ciClass: members[0]?.other.ciClass ?? 'unknown',
            label,
            count: rest,
            depth,
            path: parent.path,
          });
      }
    }
    frontier = next;
  }
  return { centerId, depth: depthLimit, nodes: [...nodes.values()], edges: [...edges.values()], groups, truncated };
}

const pick = (n: ImpactNode) => ({
  id: n.id,
  name: n.name,
  ciClass: n.ciClass,
  status: n.status,
  criticality: n.criticality,
});
const toImpact = (n: NeighbourNode | undefined): ImpactNode | undefined => (n ? { ...n, redundancy: null } : undefined);
const edgeOf = (e: ImpactEdge): NeighbourEdge => ({ id: e.id, type: e.type, fromId: fromIdOf(e), toId: toIdOf(e) });
const dedupe = (edges: readonly ImpactEdge[]): ImpactEdge[] => {
  const seen = new Map<string, ImpactEdge>();
  for (const e of edges) seen.set(e.id, e);
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
