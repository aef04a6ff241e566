/**
 * Who may edit a ticket (its fields, its CIs, a merge of it): the owner, anyone who may own
 * tickets while it is unowned (triage), a lead or admin, and the system. One rule, read by every
 * edit on the aggregate, so "can edit" means the same for a field change and a merge.
 */
import { canOwnTickets, isSupervisor } from '../directory/agent.js';
import type { Actor } from '../kernel/actor.js';
import type { TicketSnapshot } from './ticket-types.js';

export function mayEditTicket(ticket: Pick<TicketSnapshot, 'ownerId'>, actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'agent') return false;
  if (actor.agentId === ticket.ownerId || isSupervisor(actor.roles)) return true;
  return ticket.ownerId === null && canOwnTickets(actor.roles);
}
