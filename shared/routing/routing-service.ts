/**
 * Routing: offers UNOWNED tickets to the best agent of a team (routing-strategy), reserving
 * capacity first (etag-guarded counters, agent-load). An offer makes nobody owner: the ticket
 * stays unowned until someone accepts. When an offer's time passes (the team's `offerMinutes`),
 * the ticket is offered to the next agent, and at the end of the list to the team lead, each move
 * recorded in the timeline. The one exception is the chosen agent's own standing choice
 * (auto-accept, shared/routing/auto-accept.ts), honoured only while they are online and have
 * room: routing then runs that agent's `accept`, recorded as theirs "by their standing choice".
 * Two routing decisions on one ticket cannot both land: each re-checks the offer it started from
 * inside the ticket's etag-guarded write. An owned ticket is never touched.
 */
import { type AgentSnapshot, canOwnTickets, type TeamSnapshot } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import { fail, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { Ticket } from '../tickets/ticket.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import { isActiveStatus } from '../tickets/ticket-status.js';
import type { StandingChoice, TicketOffer, TicketSnapshot } from '../tickets/ticket-types.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import { type AgentLoads, totalLoad } from './agent-load.js';
import { type AutoAcceptPreferences, standingChoiceFor } from './auto-accept.js';
import {
  type Candidate,
  chooseAgent,
  DEFAULT_ROUTING_POLICY,
  type RoutingPolicy,
  requiredSkills,
  type SkillNeed,
  ticketWeight,
} from './routing-strategy.js';

export interface RouteRequest {
  readonly ticketId: string;
  readonly teamId?: string | null;
  readonly skills?: readonly SkillNeed[];
  /** Who asked (a rule's name), for the timeline. */
  readonly by?: string;
}

export interface RouteOutcome {
  /** `accepted`: by the chosen agent's own standing choice; `offered`: waiting for someone's yes. */
  readonly outcome: 'accepted' | 'offered' | 'queued' | 'skipped';
  readonly agentId: string | null;
  readonly detail: string;
}

/** A live offer: an agent's offer whose time has not passed, or the lead's (no time limit). */
export const isLiveOffer = (offer: TicketOffer | null | undefined, now: Date): offer is TicketOffer =>
  !!offer && (offer.expiresAt === null || Date.parse(offer.expiresAt) > now.getTime());

export const agentActor = (a: AgentSnapshot): Actor => ({
  kind: 'agent',
  agentId: a.id,
  roles: a.roles,
  teamIds: a.teamIds,
});

export interface RoutingDeps {
  readonly tickets: TicketRepository;
  readonly commands: TicketCommands;
  readonly directory: DirectoryRepository;
  readonly loads: AgentLoads;
  readonly autoAccept: AutoAcceptPreferences;
  readonly clock: Clock;
  readonly policy?: RoutingPolicy;
  /** Working hours (working-hours.ts); routing skips agents outside them. Default: always working. */
  readonly isWorking?: (agent: AgentSnapshot, at: Date) => boolean | Promise<boolean>;
}

interface Placement {
  readonly ticket: TicketSnapshot;
  readonly team: TeamSnapshot;
  /** The offer this decision replaces (expired, or in another team), null for a first offer. */
  readonly previous: TicketOffer | null;
  readonly tried: readonly string[];
  readonly skills: readonly SkillNeed[];
  readonly why: string | null;
}

export class RoutingService {
  readonly policy: RoutingPolicy;

  constructor(private readonly d: RoutingDeps) {
    this.policy = d.policy ?? DEFAULT_ROUTING_POLICY;
  }

  async route(req: RouteRequest): Promise<RouteOutcome> {
    const found = await this.d.tickets.readSnapshot(req.ticketId);
    if (!found) return skip('the ticket does not exist');
    const ticket = found.doc;
    if (ticket.ownerId !== null)
      return skip(`the ticket is owned by ${ticket.ownerId}; routing never moves an owned ticket`);
    if (!isActiveStatus(ticket.status)) return skip(`the ticket is ${ticket.status}`);
    const teamId = req.teamId ?? ticket.teamId;
    if (!teamId) return skip('the ticket has no team');
    const team = await this.d.directory.team(teamId);
    if (!team) return skip(`no team ${teamId}`);
    const now = this.d.clock.now();
    const previous = ticket.offer ?? null;
    const sameTeam = previous !== null && previous.teamId === teamId;
    if (sameTeam && isLiveOffer(previous, now)) return skip(`already offered to ${previous.agentId}`);
    // The offer ends here (its time passed, or the ticket goes to another team): its hold on capacity too.
    if (previous?.reserved) await this.d.loads.release(previous.agentId, ticket.id);
    return this.place({
      ticket,
      team,
      previous,
      tried: sameTeam ? [...previous.tried, previous.agentId] : [],
      skills: requiredSkills(ticket.tags, req.skills),
      // A move after the time passed says so itself ("Not accepted by ... in time").
      why: sameTeam ? null : (req.by ?? null),
    });
  }

  /** The next agent of the list, else the team lead, else the team queue. */
  private async place(p: Placement): Promise<RouteOutcome> {
    const { ticket, team } = p;
    const members = (await this.d.directory.agents()).filter(
      (a) => a.teamIds.includes(team.id) && canOwnTickets(a.roles),
    );
    const now = this.d.clock.now();
    const loads = await this.d.loads.many(members.map((a) => a.id));
    const isWorking = this.d.isWorking ?? (() => true);
    let candidates: Candidate[] = await Promise.all(
      members.map(async (agent) => {
        const load = loads.get(agent.id);
        return {
          agent,
          load: load ? totalLoad(load) : 0,
          lastAssignedAt: load?.lastAssignedAt ?? null,
          working: await isWorking(agent, now),
        };
      }),
    );
    const weight = ticketWeight(ticket.priority, this.policy);
    const need = { teamId: team.id, skills: p.skills, weight, exclude: p.tried };
    for (let attempt = 0; attempt < members.length + 1; attempt++) {
      const chosen = chooseAgent(candidates, need);
      if (!chosen) break;
      if (!(await this.d.loads.reserve(chosen.agent.id, ticket.id, weight, chosen.agent.capacity, now.toISOString()))) {
        // Someone filled the agent meanwhile: look again without them.
        candidates = candidates.filter((c) => c.agent.id !== chosen.agent.id);
        continue;
      }
      const choice = standingChoiceFor(await this.d.autoAccept.get(chosen.agent.id), {
        teamId: team.id,
        priority: ticket.priority,
      });
      return choice ? this.acceptFor(p, chosen.agent, choice) : this.offerTo(p, chosen.agent, 'member', true);
    }
    // Nobody was ever offered it and nobody can take it now: it waits until someone comes online or frees up.
    if (p.tried.length === 0 && p.previous === null)
      return queued(`no agent of ${team.name} can take it now; it waits in the team queue`);
    return this.toLead(p, now);
  }

  /** The end of the list: the team lead gets the offer (no time limit), or their own standing choice acts. */
  private async toLead(p: Placement, now: Date): Promise<RouteOutcome> {
    const { ticket, team } = p;
    let lead: AgentSnapshot | undefined;
    for (const id of team.leadIds) {
      const agent = await this.d.directory.agent(id);
      if (agent?.active && canOwnTickets(agent.roles)) {
        lead = agent;
        break;
      }
    }
    if (!lead) {
      await this.withdraw(
        p,
        `Nobody else in ${team.name} could take it and the team has no lead: it waits in the team queue`,
      );
      return queued(`nobody else in ${team.name} can take it and the team has no lead; it waits in the team queue`);
    }
    const choice = standingChoiceFor(await this.d.autoAccept.get(lead.id), {
      teamId: team.id,
      priority: ticket.priority,
    });
    const available = lead.availability === 'online' && (await (this.d.isWorking ?? (() => true))(lead, now));
    if (
      choice &&
      available &&
      (await this.d.loads.reserve(
        lead.id,
        ticket.id,
        ticketWeight(ticket.priority, this.policy),
        lead.capacity,
        now.toISOString(),
      ))
    )
      return this.acceptFor(p, lead, choice);
    return this.offerTo(p, lead, 'lead', false);
  }

  /** The chosen agent's own accept, run for them because of their standing choice. */
  private async acceptFor(p: Placement, agent: AgentSnapshot, choice: StandingChoice): Promise<RouteOutcome> {
    const accepted = await this.d.commands.run(
      p.ticket.id,
      agentActor(agent),
      (t, ctx) => unchanged(t, p) ?? t.accept(ctx, choice),
      { retryOnConflict: true },
    );
    if (!accepted.ok) {
      await this.d.loads.release(agent.id, p.ticket.id);
      return skip(`${agent.name}'s standing choice could not be acted on: ${accepted.error.message}`);
    }
    return {
      outcome: 'accepted',
      agentId: agent.id,
      detail: `accepted by ${agent.name} by their standing choice (set ${choice.setAt})`,
    };
  }

  private async offerTo(
    p: Placement,
    agent: AgentSnapshot,
    stage: TicketOffer['stage'],
    reserved: boolean,
  ): Promise<RouteOutcome> {
    const previousName = p.previous ? ((await this.d.directory.agent(p.previous.agentId))?.name ?? null) : null;
    const offered = await this.d.commands.run(
      p.ticket.id,
      systemActor('routing'),
      (t, ctx) =>
        unchanged(t, p) ??
        t.offer(
          {
            agentId: agent.id,
            agentName: agent.name,
            previousName,
            teamId: p.team.id,
            stage,
            expiresAt: stage === 'member' ? new Date(ctx.now.getTime() + p.team.offerMinutes * 60_000) : null,
            reserved,
            why: p.why,
          },
          ctx,
        ),
      { retryOnConflict: true },
    );
    if (!offered.ok) {
      if (reserved) await this.d.loads.release(agent.id, p.ticket.id);
      return skip(`could not offer it to ${agent.name}: ${offered.error.message}`);
    }
    return {
      outcome: 'offered',
      agentId: agent.id,
      detail: `offered to ${agent.name}${stage === 'lead' ? ' (team lead, end of the list)' : ''}`,
    };
  }

  private async withdraw(p: Placement, reason: string): Promise<void> {
    if (!p.previous) return;
    await this.d.commands.run(
      p.ticket.id,
      systemActor('routing'),
      (t, ctx) => unchanged(t, p) ?? t.withdrawOffer(reason, ctx),
      { retryOnConflict: true },
    );
  }
}

/**
 * Null when the ticket still carries the offer this decision started from; a refusal when another
 * decision (or an accept) got there first, so the later one changes nothing.
 */
function unchanged(t: Ticket, p: Placement): Result<never> | null {
  const now = t.standingOffer?.offeredAt ?? null;
  return now === (p.previous?.offeredAt ?? null)
    ? null
    : fail('CONCURRENCY.CONFLICT', 'another routing decision moved the offer meanwhile');
}

const skip = (detail: string): RouteOutcome => ({ outcome: 'skipped', agentId: null, detail });
const queued = (detail: string): RouteOutcome => ({ outcome: 'queued', agentId: null, detail });
