/**
 * The routing decision as a pure function: who may take a ticket (active owner-capable member
 * of the team, online, inside working hours, has the required skills, has room for the
 * ticket's weight) and, among them, the least loaded relative to capacity; ties go to whoever
 * waited longest since their last assignment (round robin), then to the id (deterministic).
 */
import { type AgentSnapshot, canOwnTickets } from '../directory/agent.js';
import type { Priority } from '../tickets/priority.js';

export interface SkillNeed {
  readonly name: string;
  readonly minLevel: number;
}

export interface RoutingPolicy {
  /** Load one owned open ticket adds, by priority (capacity is counted in the same unit). */
  readonly priorityWeights: Readonly<Record<Priority, number>>;
  /** Load of one open assist the agent works on (partial load). */
  readonly assistWeight: number;
}

export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  priorityWeights: { P1: 2, P2: 1.5, P3: 1, P4: 1 },
  assistWeight: 0.5,
};

export interface Candidate {
  readonly agent: AgentSnapshot;
  /** Weighted load now (owned open tickets, reservations, open assists). */
  readonly load: number;
  readonly lastAssignedAt: string | null;
  /** False outside the agent's working hours (calendar); true when no calendar applies. */
  readonly working: boolean;
}

export interface RoutingNeed {
  readonly teamId: string;
  readonly skills: readonly SkillNeed[];
  /** The ticket's weight under the policy. */
  readonly weight: number;
  /** Agents not to pick (e.g. an expired offer's agent). */
  readonly exclude?: readonly string[];
}

export type Ineligibility =
  | 'inactive'
  | 'cannot-own'
  | 'not-in-team'
  | 'not-online'
  | 'off-hours'
  | 'skills'
  | 'full'
  | 'excluded';

export const ticketWeight = (priority: Priority, policy: RoutingPolicy = DEFAULT_ROUTING_POLICY): number =>
  policy.priorityWeights[priority];

export const hasSkills = (agent: AgentSnapshot, skills: readonly SkillNeed[]): boolean =>
  skills.every((need) =>
    agent.skills.some((s) => s.name.toLowerCase() === need.name.toLowerCase() && s.level >= need.minLevel),
  );

/** Why a candidate cannot take the ticket, or null when they can. */
export function ineligibility(c: Candidate, need: RoutingNeed): Ineligibility | null {
  const { agent } = c;
  if (!agent.active) return 'inactive';
  if (!canOwnTickets(agent.roles)) return 'cannot-own';
  if (!agent.teamIds.includes(need.teamId)) return 'not-in-team';
  if (need.exclude?.includes(agent.id)) return 'excluded';
  if (agent.availability !== 'online') return 'not-online';
  if (!c.working) return 'off-hours';
  if (!hasSkills(agent, need.skills)) return 'skills';
  if (c.load + need.weight > agent.capacity + 1e-9) return 'full';
  return null;
}

/** The agent to offer/assign the ticket to, or null: the ticket then waits in the team queue. */
export function chooseAgent(candidates: readonly Candidate[], need: RoutingNeed): Candidate | null {
  let best: Candidate | null = null;
  let bestRatio = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (ineligibility(c, need) !== null) continue;
    const ratio = c.agent.capacity > 0 ? c.load / c.agent.capacity : Number.POSITIVE_INFINITY;
    if (best === null || ratio < bestRatio - 1e-12 || (Math.abs(ratio - bestRatio) <= 1e-12 && waitedLonger(c, best))) {
      best = c;
      bestRatio = ratio;
    }
  }
  return best;
}

const waitedLonger = (a: Candidate, b: Candidate): boolean => {
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return true;
    if (b.lastAssignedAt === null) return false;
    return a.lastAssignedAt < b.lastAssignedAt;
  }
  return a.agent.id < b.agent.id;
};

/**
 * Skills a ticket needs: the route action's explicit list plus tags of the form `skill:<name>`
 * or `skill:<name>:<level>` (so triage, people or rules can state a need on the ticket itself).
 */
export function requiredSkills(tags: readonly string[], explicit: readonly SkillNeed[] = []): SkillNeed[] {
  const needs = new Map<string, SkillNeed>();
  for (const need of explicit) needs.set(need.name.toLowerCase(), need);
  for (const tag of tags) {
    const m = /^skill:([^:]+)(?::([1-5]))?$/i.exec(tag);
    if (!m) continue;
    const name = (m[1] as string).toLowerCase();
    const level = m[2] ? Number(m[2]) : 1;
    const prior = needs.get(name);
    if (!prior || prior.minLevel < level) needs.set(name, { name, minLevel: level });
  }
  return [...needs.values()];
}
