/**
 * Routing: offers or assigns UNOWNED tickets to the best agent of a team (routing-strategy),
 * reserving capacity first (etag-guarded counters, agent-load) and holding a per-ticket claim
 * so two routers never hand out the same ticket. Assignment is always an acceptance: with the
 * team's autoAccept the chosen agent's `accept` runs on their behalf (recorded as such), else
 * the agent is offered the ticket. An owned ticket is never touched.
 */
import { type AgentSnapshot, canOwnTickets } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import type { Notifier } from '../notifications/notification.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import { isActiveStatus } from '../tickets/ticket-status.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import { type AgentLoads, totalLoad } from './agent-load.js';
import {
  type Candidate,
  chooseAgent,
  DEFAULT_ROUTING_POLICY,
  type RoutingPolicy,
  requiredSkills,
  type SkillNeed,
  ticketWeight,
} from './routing-strategy.js';

export const CLAIM_PK = 'routing-claims';
/** How long an offer (and its reservation) stands before the ticket is offered to someone else. */
export const OFFER_TTL_MS = 10 * 60_000;

export interface RouteRequest {
  readonly ticketId: string;
  readonly teamId?: string | null;
  readonly skills?: readonly SkillNeed[];
  readonly exclude?: readonly string[];
  /** Who asked (a rule's name), for the timeline. */
  readonly by?: string;
}

export interface RouteOutcome {
  readonly outcome: 'assigned' | 'offered' | 'queued' | 'skipped';
  readonly agentId: string | null;
  readonly detail: string;
}

export interface Claim extends StoredDocument {
  readonly pk: typeof CLAIM_PK;
  readonly ticketId: string;
  readonly agentId: string;
  readonly kind: 'offer' | 'assigning';
  readonly at: string;
  readonly expiresAt: string;
}

export const agentActor = (a: AgentSnapshot): Actor => ({
  kind: 'agent',
  agentId: a.id,
  roles: a.roles,
  teamIds: a.teamIds,
});

export interface RoutingDeps {
  readonly store: DocumentStore;
  readonly tickets: TicketRepository;
  readonly commands: TicketCommands;
  readonly directory: DirectoryRepository;
  readonly loads: AgentLoads;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly policy?: RoutingPolicy;
  /** Working hours (a calendar); routing skips agents outside them. Default: always working. */
  readonly isWorking?: (agent: AgentSnapshot, at: Date) => boolean;
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
    const existing = await this.d.store.read<Claim>('config', CLAIM_PK, claimId(ticket.id));
    if (existing && Date.parse(existing.doc.expiresAt) > now.getTime())
      return skip(
        `already ${existing.doc.kind === 'offer' ? 'offered to' : 'being assigned to'} ${existing.doc.agentId}`,
      );

    const members = (await this.d.directory.agents()).filter(
      (a) => a.teamIds.includes(teamId) && canOwnTickets(a.roles),
    );
    const loads = await this.d.loads.many(members.map((a) => a.id));
    const isWorking = this.d.isWorking ?? (() => true);
    let candidates: Candidate[] = members.map((agent) => {
      const load = loads.get(agent.id);
      return {
        agent,
        load: load ? totalLoad(load) : 0,
        lastAssignedAt: load?.lastAssignedAt ?? null,
        working: isWorking(agent, now),
      };
    });
    const weight = ticketWeight(ticket.priority, this.policy);
    const need = { teamId, skills: requiredSkills(ticket.tags, req.skills), weight, exclude: req.exclude ?? [] };
    for (let attempt = 0; attempt < members.length + 1; attempt++) {
      const chosen = chooseAgent(candidates, need);
      if (!chosen)
        return {
          outcome: 'queued',
          agentId: null,
          detail: `no agent of ${team.name} can take it now; it waits in the team queue`,
        };
      const at = now.toISOString();
      if (!(await this.d.loads.reserve(chosen.agent.id, ticket.id, weight, chosen.agent.capacity, at))) {
        // Someone filled the agent meanwhile: look again without them.
        candidates = candidates.filter((c) => c.agent.id !== chosen.agent.id);
        continue;
      }
      const claim: Claim = {
        id: claimId(ticket.id),
        pk: CLAIM_PK,
        docType: 'routing-claim',
        ticketId: ticket.id,
        agentId: chosen.agent.id,
        kind: team.autoAccept ? 'assigning' : 'offer',
        at,
        expiresAt: new Date(now.getTime() + OFFER_TTL_MS).toISOString(),
      };
      try {
        await this.d.store.batch('config', CLAIM_PK, [
          existing ? { op: 'replace', doc: claim, ifMatch: existing.etag } : { op: 'create', doc: claim },
        ]);
      } catch (error) {
        await this.d.loads.release(chosen.agent.id, ticket.id);
        if (error instanceof ConcurrencyConflictError) return skip('another routing decision took this ticket');
        throw error;
      }
      return team.autoAccept
        ? this.autoAccept(ticket.id, chosen.agent, team.name, req.by)
        : this.offer(ticket.id, chosen.agent, req.by);
    }
    return {
      outcome: 'queued',
      agentId: null,
      detail: 'every eligible agent filled up meanwhile; it waits in the team queue',
    };
  }

  private async autoAccept(
    ticketId: string,
    agent: AgentSnapshot,
    teamName: string,
    by?: string,
  ): Promise<RouteOutcome> {
    const accepted = await this.d.commands.run(ticketId, agentActor(agent), (t, ctx) => {
      const done = t.accept(ctx);
      if (!done.ok) return done;
      return t.recordAutomation(
        {
          body: `Auto-accepted on behalf of ${agent.name} by routing (team ${teamName} auto-accepts)${by ? `, asked by ${by}` : ''}`,
          ruleId: null,
          ruleName: by ?? null,
          action: 'route',
          outcome: 'assigned',
        },
        { ...ctx, actor: systemActor('routing') },
      );
    });
    await this.dropClaim(ticketId);
    if (!accepted.ok) {
      await this.d.loads.release(agent.id, ticketId);
      return skip(`auto-accept for ${agent.name} was refused: ${accepted.error.message}`);
    }
    const t = accepted.value.ticket;
    await this.d.notifier.notify({
      sourceId: `route:${ticketId}:${t.lastSeq}`,
      kind: 'ticket.assigned',
      recipients: [agent.id],
      ticket: { id: t.id, number: t.number, title: t.title },
      title: `${t.number} was assigned to you (auto-accept)`,
      body: `${t.priority} ${t.title}`,
      author: { kind: 'system', name: 'routing' },
    });
    return { outcome: 'assigned', agentId: agent.id, detail: `assigned to ${agent.name} (auto-accept)` };
  }

  private async offer(ticketId: string, agent: AgentSnapshot, by?: string): Promise<RouteOutcome> {
    const noted = await this.d.commands.run(
      ticketId,
      systemActor('routing'),
      (t, ctx) =>
        t.recordAutomation(
          {
            body: `Offered to ${agent.name}${by ? ` (asked by ${by})` : ''}`,
            ruleId: null,
            ruleName: by ?? null,
            action: 'route',
            outcome: 'offered',
          },
          ctx,
        ),
      { retryOnConflict: true },
    );
    const t = noted.ok ? noted.value.ticket : (await this.d.tickets.readSnapshot(ticketId))?.doc;
    await this.d.notifier.notify({
      sourceId: `offer:${ticketId}:${t?.lastSeq ?? 0}:${agent.id}`,
      kind: 'ticket.offered',
      recipients: [agent.id],
      ticket: t ? { id: t.id, number: t.number, title: t.title } : null,
      title: `${t?.number ?? ticketId} is offered to you`,
      body: t ? `${t.priority} ${t.title}: accept it to take it` : 'Accept it to take it',
      author: { kind: 'system', name: 'routing' },
    });
    return { outcome: 'offered', agentId: agent.id, detail: `offered to ${agent.name}` };
  }

  async claim(ticketId: string): Promise<Claim | undefined> {
    return (await this.d.store.read<Claim>('config', CLAIM_PK, claimId(ticketId)))?.doc;
  }

  async dropClaim(ticketId: string): Promise<void> {
    await this.d.store.batch('config', CLAIM_PK, [{ op: 'delete', id: claimId(ticketId) }]).catch((error: unknown) => {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    });
  }
}

export const claimId = (ticketId: string): string => `claim:${ticketId}`;

const skip = (detail: string): RouteOutcome => ({ outcome: 'skipped', agentId: null, detail });
