/**
 * Impact analysis over the CI graph, breadth first, one hop per call to the graph port (one
 * store query on SQLite and Cosmos), so it never needs the whole graph in memory and never hangs:
 * depth is bounded (default 5, at most 10), the number of items is bounded (default 500, at most
 * 5,000), and every CI is visited once (cycles end there).
 *
 * - downstream: what breaks when the given CIs fail (consumers of consumers...), each with the
 *   path from a failed CI to it, and the business services among them by criticality;
 * - upstream: what the given CI needs (providers of providers...).
 *
 * Redundancy (iTop's rule): a CI with `redundancy.membersDownToFail = M` fails only once M of its
 * `part_of` members are down; with fewer it is reported `degraded` and the failure stops there.
 */
import type { Criticality, Redundancy } from './ci.js';
import type { RelationType } from './relationships.js';

export interface ImpactNode {
  readonly id: string;
  readonly name: string;
  readonly ciClass: string;
  readonly criticality: Criticality;
  readonly status: string;
  readonly redundancy: Redundancy | null;
}

export interface ImpactEdge {
  readonly id: string;
  readonly type: RelationType;
  readonly providerId: string;
  readonly consumerId: string;
}

/** What the traversal reads, one hop at a time. */
export interface ImpactGraph {
  /** Relations whose provider is one of `ids` (a failure of them reaches the consumer). */
  edgesFromProviders(ids: readonly string[]): Promise<readonly ImpactEdge[]>;
  /** Relations whose consumer is one of `ids` (what they need). */
  edgesFromConsumers(ids: readonly string[]): Promise<readonly ImpactEdge[]>;
  nodes(ids: readonly string[]): Promise<readonly ImpactNode[]>;
}

/**
 * `items` bounds the list returned; `visits` bounds the walk (by default as far as the items). A
 * caller that needs every business service a failure reaches asks for more visits: past the item
 * limit the walk goes on without listing, so a core switch's services, which lie beyond its first
 * 500 dependants (hosts and racks), are all found. That walk costs what it reaches (measured on
 * the benchmark's estate: about 8,000 CIs and 2,000 services within 5 hops of a core switch, some
 * 15 times the default call), so it is asked for, never the default of a screen or a rule.
 */
export const IMPACT_LIMITS = {
  defaultDepth: 5,
  maxDepth: 10,
  defaultItems: 500,
  maxItems: 5000,
  maxVisits: 100_000,
} as const;

export interface ImpactOptions {
  readonly direction: 'downstream' | 'upstream';
  readonly depth?: number;
  readonly maxItems?: number;
  /** How many CIs the walk may reach in all, at least `maxItems` (the default): the business services are complete within it. */
  readonly maxVisits?: number;
}

export interface PathStep {
  readonly ciId: string;
  readonly name: string;
  /** The relation crossed to reach this step from the previous one (null on the starting CI). */
  readonly relationType: RelationType | null;
}

export interface ImpactedItem {
  readonly ci: ImpactNode;
  readonly depth: number;
  readonly state: 'down' | 'degraded';
  /** From a starting CI (first step) to this one (last step). */
  readonly path: readonly PathStep[];
}

export interface ImpactResult {
  readonly direction: 'downstream' | 'upstream';
  readonly depth: number;
  readonly items: readonly ImpactedItem[];
  /** Business services reached, most critical first (downstream: the ones that go down or degrade). */
  readonly businessServices: readonly ImpactedItem[];
  /** 'depth': more lies beyond the depth limit; 'items': the item limit was reached. */
  readonly truncated: 'depth' | 'items' | null;
  /** How many CIs the walk reached (items beyond the item limit included). */
  readonly reached: number;
  /** False when the visit limit stopped the walk: services beyond it may be missing. */
  readonly servicesComplete: boolean;
}

export const clampDepth = (depth: number | undefined): number =>
  Math.min(IMPACT_LIMITS.maxDepth, Math.max(1, Math.floor(depth ?? IMPACT_LIMITS.defaultDepth)));
const clampItems = (n: number | undefined): number =>
  Math.min(IMPACT_LIMITS.maxItems, Math.max(1, Math.floor(n ?? IMPACT_LIMITS.defaultItems)));
const clampVisits = (n: number | undefined, items: number): number =>
  Math.max(items, Math.min(IMPACT_LIMITS.maxVisits, Math.floor(n ?? items)));

export async function analyseImpact(
  graph: ImpactGraph,
  startIds: readonly string[],
  options: ImpactOptions,
): Promise<ImpactResult> {
  const depthLimit = clampDepth(options.depth);
  const itemLimit = clampItems(options.maxItems);
  const visitLimit = clampVisits(options.maxVisits, itemLimit);
  const downstream = options.direction === 'downstream';
  const known = new Map<string, ImpactNode>();
  for (const n of await graph.nodes(startIds)) known.set(n.id, n);
  const starts = startIds.filter((id) => known.has(id));
  const paths = new Map<string, readonly PathStep[]>(starts.map((id) => [id, [step(known.get(id) as ImpactNode)]]));
  const down = new Set<string>(starts);
  // Every CI reached, in the order reached: the first `itemLimit` are the items listed.
  const reached = new Map<string, ImpactedItem>();
  const membersDown = new Map<string, Set<string>>();
  let frontier = starts;
  let stopped = false;
  let depth = 0;

  for (; depth < depthLimit && frontier.length > 0 && !stopped; depth++) {
    const edges = sortEdges(
      downstream ? await graph.edgesFromProviders(frontier) : await graph.edgesFromConsumers(frontier),
    );
    const unknown = [...new Set(edges.map((e) => far(e, downstream)).filter((id) => !known.has(id)))];
    if (unknown.length > 0) for (const n of await graph.nodes(unknown)) known.set(n.id, n);
    const next: string[] = [];
    for (const edge of edges) {
      const fromId = near(edge, downstream);
      const toId = far(edge, downstream);
      const node = known.get(toId);
      if (!node || node.status === 'retired' || down.has(toId)) continue;
      let state: 'down' | 'degraded' = 'down';
      if (downstream && edge.type === 'part_of' && node.redundancy) {
        const members = membersDown.get(toId) ?? new Set<string>();
        members.add(fromId);
        membersDown.set(toId, members);
        if (members.size < node.redundancy.membersDownToFail) state = 'degraded';
      }
      const earlier = reached.get(toId);
      if (state === 'degraded' && earlier) continue;
      if (!earlier && reached.size >= visitLimit) {
        stopped = true;
        break;
      }
      const path = earlier?.path ?? [...(paths.get(fromId) ?? []), { ...step(node), relationType: edge.type }];
      reached.set(toId, { ci: node, depth: depth + 1, state, path });
      if (state === 'down') {
        down.add(toId);
        paths.set(toId, path);
        next.push(toId);
      }
    }
    frontier = next;
  }
  let beyondDepth = false;
  if (!stopped && frontier.length > 0) {
    const beyond = downstream ? await graph.edgesFromProviders(frontier) : await graph.edgesFromConsumers(frontier);
    beyondDepth = beyond.some((e) => !down.has(far(e, downstream)));
  }
  const all = [...reached.values()];
  return {
    direction: options.direction,
    depth: depthLimit,
    items: all.slice(0, itemLimit),
    businessServices: all
      .filter((i) => i.ci.ciClass === 'business_service')
      .sort((a, b) => a.ci.criticality - b.ci.criticality || a.ci.name.localeCompare(b.ci.name)),
    truncated: all.length > itemLimit || stopped ? 'items' : beyondDepth ? 'depth' : null,
    reached: all.length,
    servicesComplete: !stopped,
  };
}

const step = (node: ImpactNode): PathStep => ({ ciId: node.id, name: node.name, relationType: null });
const near = (e: ImpactEdge, downstream: boolean) => (downstream ? e.providerId : e.consumerId);
const far = (e: ImpactEdge, downstream: boolean) => (downstream ? e.consumerId : e.providerId);
/** Stores return edges in their own order: sorting makes the chosen paths the same on every store. */
const sortEdges = (edges: readonly ImpactEdge[]): ImpactEdge[] =>
  [...edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** An in-memory graph (tests, the import's dry run, small neighbourhoods). */
export function inMemoryGraph(nodes: readonly ImpactNode[], edges: readonly ImpactEdge[]): ImpactGraph {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const byProvider = new Map<string, ImpactEdge[]>();
  const byConsumer = new Map<string, ImpactEdge[]>();
  for (const e of edges) {
    byProvider.set(e.providerId, [...(byProvider.get(e.providerId) ?? []), e]);
    byConsumer.set(e.consumerId, [...(byConsumer.get(e.consumerId) ?? []), e]);
  }
  return {
    edgesFromProviders: async (ids) => ids.flatMap((id) => byProvider.get(id) ?? []),
    edgesFromConsumers: async (ids) => ids.flatMap((id) => byConsumer.get(id) ?? []),
    nodes: async (ids) => ids.flatMap((id) => byId.get(id) ?? []),
  };
}
