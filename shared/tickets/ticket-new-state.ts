/** A new ticket's first snapshot: what `Ticket.create` and the imported path (`Ticket.imported`) share. */
import type { ActorRef } from '../kernel/actor.js';
import { priorityOf } from './priority.js';
import type { NewTicket, TicketSnapshot } from './ticket-types.js';

export function newTicketState(
  input: Omit<NewTicket, 'title' | 'confirmToRequester' | 'templateId'>,
  made: { id: string; title: string; at: string; createdBy: ActorRef },
): TicketSnapshot {
  const priority = priorityOf(input.impact, input.urgency);
  return {
    id: made.id,
    ticketId: made.id,
    docType: 'ticket',
    number: input.number,
    type: input.type,
    title: made.title,
    description: input.description,
    requester: { email: input.requester.email.toLowerCase(), name: input.requester.name },
    status: 'new',
    impact: input.impact,
    urgency: input.urgency,
    priority,
    category: input.category ?? null,
    teamId: input.teamId ?? null,
    tags: [...new Set(input.tags ?? [])],
    ownerId: null,
    channel: input.channel,
    createdBy: made.createdBy,
    createdAt: made.at,
    updatedAt: made.at,
    resolvedAt: null,
    closedAt: null,
    lastSeq: 0,
    openAssistCount: 0,
    slaHistory: [{ type: 'created', at: made.at, priority, status: 'new' }],
    ...(input.customer ? { customer: input.customer, customerTier: input.customer.tier } : {}),
  };
}
