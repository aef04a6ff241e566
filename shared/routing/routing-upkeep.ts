/**
 * Keeps routing true to the tickets: recomputes agents' load counters when ownership, status,
 * priority or assists change (an `events` subscriber), offers the next queued ticket when an
 * agent frees capacity or comes online, expires stale offers (timer), and answers the team
 * workload view and the availability toggle.
 */
import type { Availability } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { DomainEvent, EventType } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import { systemActor } from '../kernel/actor.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import { type AgentLoads, type LoadEntry, totalLoad } from './agent-load.js';
import type { RoutingQueries } from './routing-queries.js';
import { CLAIM_PK, type Claim, OFFER_TTL_MS, type RoutingService } from './routing-service.js';
import { ticketWeight } from './routing-strategy.js';

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
    private readonly commands: TicketCommands,
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const affected = new Set<string>();
    const freed = new Set<string>();
    const ticket = (await this.tickets.readSnapshot(event.ticketId))?.doc;
    if (event.type === 'ticket.owner_changed') {
      const claim = await this.routing.claim(event.ticketId);
      if (claim) {
        await this.routing.dropClaim(event.ticketId);
        if (claim.agentId !== event.data.to) await this.loads.release(claim.agentId, event.ticketId);
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
      const fresh = now.getTime() - Date.parse(entry.at) < OFFER_TTL_MS;
      const snapshot = fresh ? (await this.tickets.readSnapshot(ticketId))?.doc : undefined;
      reservedStillLive.set(ticketId, snapshot !== undefined && snapshot.ownerId === null);
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

  /** Offers queued tickets of the agent's teams while the agent is online and has room. */
  async offerNext(agentId: string, attempts = 5): Promise<number> {
    const agent = await this.directory.agent(agentId);
    if (!agent?.active || agent.availability !== 'online') return 0;
    let routed = 0;
    for (const teamId of agent.teamIds) {
      for (const ticket of await this.queries.queue(teamId, attempts)) {
        if (attempts-- <= 0) return routed;
        const outcome = await this.routing.route({ ticketId: ticket.id, by: 'routing (capacity freed)' });
        if (outcome.outcome === 'assigned' || outcome.outcome === 'offered') routed++;
        if (outcome.agentId === agentId) return routed;
      }
    }
    return routed;
  }

  async setAvailability(agentId: string, availability: Availability): Promise<boolean> {
    const agent = await this.directory.agent(agentId);
    if (!agent) return false;
    await this.directory.saveAgent({ ...agent, availability });
    if (availability === 'online') await this.offerNext(agentId);
    return true;
  }

  /** Timer: expires stale offers (the next agent is offered) and routes queue heads. */
  async sweep(): Promise<{ expired: number; routed: number }> {
    const now = this.clock.now();
    const page = await this.store.query<Claim>('config', {
      partitionKey: CLAIM_PK,
      where: [{ field: 'docType', op: 'eq', value: 'routing-claim' }],
      limit: 100,
    });
    let expired = 0;
    let routed = 0;
    for (const { doc } of page.items) {
      if (Date.parse(doc.expiresAt) > now.getTime()) continue;
      expired++;
      await this.routing.dropClaim(doc.ticketId);
      await this.loads.release(doc.agentId, doc.ticketId);
      await this.commands.run(
        doc.ticketId,
        systemActor('routing'),
        (t, ctx) =>
          t.recordAutomation(
            {
              body: `The offer to ${doc.agentId} expired unanswered`,
              ruleId: null,
              ruleName: null,
              action: 'route',
              outcome: 'expired',
            },
            ctx,
          ),
        { retryOnConflict: true },
      );
      const outcome = await this.routing.route({
        ticketId: doc.ticketId,
        exclude: [doc.agentId],
        by: 'routing (offer expired)',
      });
      if (outcome.outcome === 'assigned' || outcome.outcome === 'offered') routed++;
    }
    for (const team of await this.directory.teams())
      for (const ticket of await this.queries.queue(team.id, 3)) {
        const outcome = await this.routing.route({ ticketId: ticket.id, by: 'routing (queue)' });
        if (outcome.outcome === 'assigned' || outcome.outcome === 'offered') routed++;
      }
    return { expired, routed };
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
