/**
 * Gathers what the conflict check and the risk rules need about a change (ADR 0031): from the
 * CMDB its CIs' names and criticality, the CIs one hop up and down, and the business services they
 * impact (the impact analysis, bounded); from the schedule the other changes booked on those CIs
 * and people, and the windows of their scopes; from the tickets the open incidents on them. Reads
 * only; the decisions are the pure functions' (change-conflicts.ts, change-risk.ts).
 */
import { analyseImpact, type ImpactGraph, type ImpactNode } from '../cmdb/impact.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Booking, ScheduleFacts } from './change-conflicts.js';
import type { ChangeScheduleRepository } from './change-schedule-repository.js';
import type { ChangeSlot } from './change-slots.js';
import { GLOBAL_SCOPE } from './change-windows.js';

/** Services beyond this many hops or items are not looked for (the impact analysis' own limits). */
export const SCHEDULE_IMPACT = { depth: 5, maxItems: 300 } as const;
/** Neighbours of the affected CIs considered, at most (a hypervisor's thousand VMs are not all read). */
export const MAX_NEIGHBOURS = 500;

export interface CmdbFacts {
  readonly nodes: ReadonlyMap<string, ImpactNode>;
  readonly neighbours: ScheduleFacts['neighbours'];
  readonly services: ScheduleFacts['services'];
}

export async function cmdbFactsOf(graph: ImpactGraph, ciIds: readonly string[]): Promise<CmdbFacts> {
  if (ciIds.length === 0) return { nodes: new Map(), neighbours: [], services: [] };
  const [known, up, down, impact] = await Promise.all([
    graph.nodes(ciIds),
    graph.edgesFromConsumers(ciIds),
    graph.edgesFromProviders(ciIds),
    analyseImpact(graph, ciIds, { direction: 'downstream', ...SCHEDULE_IMPACT }),
  ]);
  const nodes = new Map(known.map((n) => [n.id, n]));
  for (const item of impact.items) nodes.set(item.ci.id, item.ci);
  const affected = new Set(ciIds);
  const neighbours: { ciId: string; of: string; direction: 'upstream' | 'downstream' }[] = [];
  for (const e of up)
    if (!affected.has(e.providerId)) neighbours.push({ ciId: e.providerId, of: e.consumerId, direction: 'upstream' });
  for (const e of down)
    if (!affected.has(e.consumerId)) neighbours.push({ ciId: e.consumerId, of: e.providerId, direction: 'downstream' });
  const services = [
    ...known.filter((n) => n.ciClass === 'business_service').map((n) => ({ serviceId: n.id, viaCiId: n.id })),
    ...impact.businessServices.map((s) => ({ serviceId: s.ci.id, viaCiId: s.path[0]?.ciId ?? s.ci.id })),
  ];
  return { nodes, neighbours: neighbours.slice(0, MAX_NEIGHBOURS), services };
}

const toBooking = (s: ChangeSlot): Booking => ({
  changeId: s.changeId,
  number: s.number,
  resourceId: s.resourceId,
  start: Date.parse(s.start as string),
  end: Date.parse(s.end as string),
});

/** Everything the conflict check reads for a change's CIs and people over [from, to). */
export async function scheduleFactsOf(
  deps: { graph: ImpactGraph; schedule: ChangeScheduleRepository; directory: DirectoryRepository },
  change: { ciIds: readonly string[]; agentIds: readonly string[] },
  from: number,
  to: number,
  cmdb?: CmdbFacts,
): Promise<ScheduleFacts> {
  const facts = cmdb ?? (await cmdbFactsOf(deps.graph, change.ciIds));
  const serviceIds = facts.services.map((s) => s.serviceId);
  const [ciSlots, agentSlots, windows, incidents, agents] = await Promise.all([
    deps.schedule.bookings('ci', [...change.ciIds, ...facts.neighbours.map((n) => n.ciId)], from, to),
    change.agentIds.length > 0 ? deps.schedule.bookings('agent', change.agentIds, from, to) : [],
    deps.schedule.windowsIn([GLOBAL_SCOPE, ...change.ciIds, ...serviceIds]),
    deps.schedule.openIncidentsOn([...change.ciIds, ...serviceIds]),
    Promise.all(change.agentIds.map((id) => deps.directory.agent(id))),
  ]);
  const names = new Map<string, string>([...facts.nodes].map(([id, n]) => [id, n.name]));
  for (const a of agents) if (a) names.set(a.id, a.name);
  return {
    names,
    neighbours: facts.neighbours,
    services: facts.services,
    ciBookings: ciSlots.map(toBooking),
    agentBookings: agentSlots.map(toBooking),
    windows,
    incidents: incidents.map((l) => ({ ticketId: l.ticketId, number: l.number, priority: l.priority, ciId: l.ciId })),
  };
}

/** Names of the neighbour CIs a conflict mentions (read only for those, after the check). */
export async function withNeighbourNames(
  graph: ImpactGraph,
  facts: ScheduleFacts,
  ids: readonly string[],
): Promise<ScheduleFacts> {
  const missing = [...new Set(ids)].filter((id) => !facts.names.has(id));
  if (missing.length === 0) return facts;
  const names = new Map(facts.names);
  for (const n of await graph.nodes(missing)) names.set(n.id, n.name);
  return { ...facts, names };
}
