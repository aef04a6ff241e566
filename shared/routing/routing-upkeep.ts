/**
 * Keeps routing true to the tickets: recomputes agents' load counters when ownership, status,
 * priority or assists change (an `events` subscriber), offers the next queued ticket when an
 * agent frees capacity or comes online, moves offers whose time passed to the next agent or the
 * team lead (timer), and answers the team workload view and the availability toggle.
 */
import type { Availability } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { DomainEvent, EventType } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { Clock } from '../ports/clock.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import { type AgentLoads, type LoadEntry, totalLoad } from './agent-load.js';
import type { RoutingQueries } from './routing-queries.js';
import { isLiveOffer, type RouteOutcome, type RoutingService } from './routing-service.js';
import { ticketWeight } from './routing-strategy.js';

/** A reservation younger than this is kept although its offer is not on the ticket yet (being written). */
const RESERVATION_GRACE_MS = 60_000;
const routed = (o: RouteOutcome) => o.outcome === 'accepted' || o.outcome === 'offered';

const HANDLED: readonly EventType[] = [
  'ticket.owner_changed',
  'ticket.status_changed',
  'ticket.updated',
  'assist.requested',
  'assist.accepted',
  'assist.contributed',
  'assist.answered',
  'assist.declined',
  'assist.withdrawn',
  'assist.timed_out',
];

export interface AgentWorkload {
  readonly agentId: string;
  readonly name: string;
  readonly availability: Availability;
  readonly capacity: number;
  readonly ownedOpen: number;
  readonly assistsOpen: number;
  readonly offered: number;
  /** Weighted load (priority weights + partial assists + reservations) against capacity. */
  readonly load: number;
  readonly lastAssignedAt: string | null;
}

export class RoutingUpkeep implements EventSubscriber {
  readonly name = 'routing';
  readonly handles = HANDLED;

  constructor(
    private readonly routing: RoutingService,
    private readonly queries: RoutingQueries,
    private readonly loads: AgentLoads,
    private readonly directory: DirectoryRepository,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const affected = new Set<string>();
    const freed = new Set<string>();
    const ticket = (await this.tickets.readSnapshot(event.ticketId))?.doc;
    if (event.type === 'ticket.owner_changed') {
      // Someone else took an offered ticket: the offer's hold on the offered agent ends.
      const offeredTo = event.data.offeredTo;
      if (typeof offeredTo === 'string' && offeredTo !== event.data.to) {
        await this.loads.release(offeredTo, event.ticketId);
        freed.add(offeredTo);
      }
      if (typeof event.data.from === 'string') freed.add(event.data.from);
      if (typeof event.data.to === 'string') affected.add(event.data.to);
    } else if (event.type.startsWith('assist.')) {
      const assist = (await this.tickets.assistsOf(event.ticketId)).find((a) => a.id === event.data.assistId);
      const expert = assist?.expertAgentId ?? (assist?.target.kind === 'agent' ? assist.target.agentId : null);
      if (expert) (['assist.requested', 'assist.accepted'].includes(event.type) ? affected : freed).add(expert);
    } else if (ticket?.ownerId) {
      const closes =
        event.type === 'ticket.status_changed' && (event.data.to === 'resolved' || event.data.to === 'closed');
      (closes ? freed : affected).add(ticket.ownerId);
    }
    for (const agentId of [...affected, ...freed]) await this.resync(agentId);
    for (const agentId of freed) await this.offerNext(agentId);
  }

  /** Recomputes an agent's counter from the tickets, keeping live reservations of unowned tickets. */
  async resync(agentId: string): Promise<void> {
    const [owned, assists] = await Promise.all([this.queries.ownedOpen(agentId), this.queries.openAssists(agentId)]);
    const now = this.clock.now();
    const ownedIds = new Set(owned.map((t) => t.id));
    const reservedStillLive = new Map<string, boolean>();
    const current = await this.loads.get(agentId);
    for (const [ticketId, entry] of Object.entries(current.tickets)) {
      if (entry.kind !== 'reserved' || ownedIds.has(ticketId)) continue;
      const inFlight = now.getTime() - Date.parse(entry.at) < RESERVATION_GRACE_MS;
      const snapshot = (await this.tickets.readSnapshot(ticketId))?.doc;
      const offer = snapshot?.ownerId === null ? snapshot.offer : null;
      reservedStillLive.set(
        ticketId,
        snapshot?.ownerId === null && (inFlight || (offer?.agentId === agentId && offer.reserved)),
      );
    }
    await this.loads.update(agentId, (latest) => {
      const tickets: Record<string, LoadEntry> = {};
      for (const t of owned)
        tickets[t.id] = {
          weight: ticketWeight(t.priority, this.routing.policy),
          kind: 'owned',
          at: latest.tickets[t.id]?.at ?? t.updatedAt,
        };
      for (const [ticketId, entry] of Object.entries(latest.tickets))
        if (entry.kind === 'reserved' && !tickets[ticketId] && (reservedStillLive.get(ticketId) ?? true))
          tickets[ticketId] = entry;
      const assistLoad = Object.fromEntries(assists.map((a) => [a.id, this.routing.policy.assistWeight]));
      return { ...latest, tickets, assists: assistLoad };
    });
  }

  /** Offers queued tickets (not offered to anyone now) of the agent's teams while the agent is online and has room. */
  async offerNext(agentId: string, attempts = 5): Promise<number> {
    const agent = await this.directory.agent(agentId);
    if (!agent?.active || agent.availability !== 'online') return 0;
    let count = 0;
    for (const teamId of agent.teamIds) {
      for (const ticket of await this.waiting(teamId, attempts)) {
        if (attempts-- <= 0) return count;
        const outcome = await this.routing.route({ ticketId: ticket.id, by: 'routing (capacity freed)' });
        if (routed(outcome)) count++;
        if (outcome.agentId === agentId) return count;
      }
    }
    return count;
  }

  /** The team's unowned tickets that no live offer covers, P1 first. */
  private async waiting(teamId: string, limit: number): Promise<TicketSnapshot[]> {
    const now = this.clock.now();
    return (await this.queries.queue(teamId, 1_000))
      .filter((t) => !(isLiveOffer(t.offer, now) && t.offer.teamId === teamId))
      .slice(0, limit);
  }

  async setAvailability(agentId: string, availability: Availability): Promise<boolean> {
    const agent = await this.directory.agent(agentId);
    if (!agent) return false;
    await this.directory.saveAgent({ ...agent, availability });
    if (availability === 'online') await this.offerNext(agentId);
    return true;
  }

  /**
   * Timer: every offer whose time passed moves on (to the next agent, at the end of the list to
   * the team lead; routing records each move on the ticket), then queue heads nobody was offered
   * are routed.
   */
  async sweep(): Promise<{ expired: number; routed: number }> {
    let expired = 0;
    let count = 0;
    for (const ticket of await this.queries.expiredOffers(this.clock.now())) {
      expired++;
      const teamId = ticket.offer?.teamId ?? ticket.teamId;
      if (routed(await this.routing.route({ ticketId: ticket.id, teamId, by: 'routing (offer time passed)' }))) count++;
    }
    for (const team of await this.directory.teams())
      for (const ticket of await this.waiting(team.id, 3))
        if (routed(await this.routing.route({ ticketId: ticket.id, by: 'routing (queue)' }))) count++;
    return { expired, routed: count };
  }

  async workload(teamId: string): Promise<{ teamId: string; agents: AgentWorkload[]; queued: number }> {
    const members = (await this.directory.agents()).filter((a) => a.teamIds.includes(teamId));
    const agents = await Promise.all(
      members.map(async (a): Promise<AgentWorkload> => {
        const [owned, assists, load] = await Promise.all([
          this.queries.ownedOpen(a.id),
          this.queries.openAssists(a.id),
          this.loads.get(a.id),
        ]);
        return {
          agentId: a.id,
          name: a.name,
          availability: a.availability,
          capacity: a.capacity,
          ownedOpen: owned.length,
          assistsOpen: assists.length,
          offered: Object.values(load.tickets).filter((e) => e.kind === 'reserved').length,
          load: totalLoad(load),
          lastAssignedAt: load.lastAssignedAt,
        };
      }),
    );
    return { teamId, agents, queued: (await this.queries.queue(teamId, 1_000)).length };
  }
}
