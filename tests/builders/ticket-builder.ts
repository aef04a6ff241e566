/**
 * `aTicket().ownedBy(alice).withStatus('pending').withAssist(ed).build()`: a ticket as if loaded
 * from the store (no pending changes), so a test sees only what the method under test records.
 * The builder writes snapshots directly and does not check the domain rules; tests do that.
 */

import type { AssistSnapshot, AssistTarget } from '../../shared/assists/assist.js';
import { assistIdFor } from '../../shared/assists/assist-id.js';
import { type AssistState, isOpenAssistState } from '../../shared/assists/assist-state.js';
import { type Level, priorityOf } from '../../shared/tickets/priority.js';
import { Ticket } from '../../shared/tickets/ticket.js';
import type { TicketStatus } from '../../shared/tickets/ticket-status.js';
import type { TicketSnapshot } from '../../shared/tickets/ticket-types.js';
import type { LinkKind, LinkTarget } from '../../shared/work-items/work-item-links.js';
import type { AgentActor } from './actors.js';
import { T0 } from './time-and-ids.js';

export interface AssistDraft {
  readonly state?: AssistState;
  /** For team assists: the member who took it (agent targets always name their expert). */
  readonly expertAgentId?: string;
  readonly question?: string;
  readonly dueAt?: string | null;
}

type Who = AgentActor | string;
const idOf = (who: Who): string => (typeof who === 'string' ? who : who.agentId);

export class TicketBuilder {
  private fields: TicketSnapshot;
  private readonly assistDrafts: { target: AssistTarget; draft: AssistDraft }[] = [];

  constructor() {
    const at = T0.toISOString();
    this.fields = {
      id: 't_ticket1',
      ticketId: 't_ticket1',
      docType: 'ticket',
      number: 'INC-1001',
      type: 'incident',
      title: 'Printer on floor 3 jams',
      description: 'It jams on every second page.',
      requester: { email: 'carol@customer.example', name: 'Carol' },
      status: 'new',
      impact: 3,
      urgency: 3,
      priority: 'P4',
      category: null,
      teamId: null,
      tags: [],
      ownerId: null,
      channel: 'email',
      createdBy: { kind: 'customer', email: 'carol@customer.example' },
      createdAt: at,
      updatedAt: at,
      resolvedAt: null,
      closedAt: null,
      lastSeq: 1,
      openAssistCount: 0,
    };
  }

  withId(id: string, number = this.fields.number): this {
    return this.with({ id, ticketId: id, number });
  }

  /** Owning a `new` ticket opens it, as accepting does; call withStatus afterwards to override. */
  ownedBy(owner: Who): this {
    return this.with({ ownerId: idOf(owner), status: this.fields.status === 'new' ? 'open' : this.fields.status });
  }

  unowned(): this {
    return this.with({ ownerId: null });
  }

  withStatus(status: TicketStatus): this {
    const at = T0.toISOString();
    return this.with({
      status,
      resolvedAt: status === 'resolved' || status === 'closed' ? at : null,
      closedAt: status === 'closed' ? at : null,
    });
  }

  withPriority(impact: Level, urgency: Level): this {
    return this.with({ impact, urgency, priority: priorityOf(impact, urgency) });
  }

  inTeam(teamId: string | null): this {
    return this.with({ teamId });
  }

  /** Routing's live offer to an agent of `teamId` (10 minutes from T0), as if routing had made it. */
  offeredTo(agent: Who, teamId = 'team_servicedesk', tried: readonly string[] = []): this {
    return this.with({
      teamId: this.fields.teamId ?? teamId,
      offer: {
        agentId: idOf(agent),
        teamId,
        stage: 'member',
        offeredAt: T0.toISOString(),
        expiresAt: new Date(T0.getTime() + 10 * 60_000).toISOString(),
        tried,
        reserved: true,
      },
    });
  }

  /** A link to another work item, as if an agent had added it at T0. */
  linkedTo(kind: LinkKind, target: LinkTarget): this {
    const link = { kind, ...target, linkedAt: T0.toISOString() };
    return this.with({ links: [...(this.fields.links ?? []), link] });
  }

  with(fields: Partial<TicketSnapshot>): this {
    this.fields = { ...this.fields, ...fields };
    return this;
  }

  /** An assist to an expert agent (actor or id) or to a team (`{ teamId }`), requested by the owner. */
  withAssist(to: Who | { teamId: string }, draft: AssistDraft = {}): this {
    const target: AssistTarget =
      typeof to === 'object' && 'teamId' in to
        ? { kind: 'team', teamId: to.teamId }
        : { kind: 'agent', agentId: idOf(to) };
    this.assistDrafts.push({ target, draft });
    return this;
  }

  snapshot(): { ticket: TicketSnapshot; assists: AssistSnapshot[] } {
    const at = T0.toISOString();
    let seq = this.fields.lastSeq;
    const assists = this.assistDrafts.map(({ target, draft }): AssistSnapshot => {
      seq += 1;
      const state = draft.state ?? 'requested';
      return {
        id: assistIdFor(this.fields.id, seq),
        ticketId: this.fields.id,
        docType: 'assist',
        ticketNumber: this.fields.number,
        state,
        target,
        expertAgentId: target.kind === 'agent' ? target.agentId : (draft.expertAgentId ?? null),
        expertTeamId: target.kind === 'team' ? target.teamId : null,
        requestedBy: this.fields.ownerId ?? 'alice',
        question: draft.question ?? 'Can you help with this?',
        dueAt: draft.dueAt ?? null,
        createdAt: at,
        updatedAt: at,
        closedAt: isOpenAssistState(state) ? null : at,
        contributionCount: 0,
      };
    });
    const openAssistCount = assists.filter((a) => isOpenAssistState(a.state)).length;
    return { ticket: { ...this.fields, lastSeq: seq, openAssistCount }, assists };
  }

  build(): Ticket {
    const { ticket, assists } = this.snapshot();
    return Ticket.fromSnapshot(ticket, assists);
  }
}

export const aTicket = (): TicketBuilder => new TicketBuilder();
