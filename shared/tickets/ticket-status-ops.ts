/**
 * The ticket's status lifecycle on the Ticket aggregate: moves follow the transition table plus
 * who may make them. The owner is the kernel's (work-items/work-item-ownership.ts: accept and
 * transfer), as are the assists a resolve withdraws. Called by Ticket's methods.
 */
import { isSupervisor } from '../directory/agent.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { withdrawOpenAssists } from '../work-items/work-item-assists.js';
import type { TicketDraft } from './ticket-draft.js';
import { canMoveTicket, type TicketStatus } from './ticket-status.js';

export function changeStatus(
  t: TicketDraft,
  to: TicketStatus,
  reason: string | null,
  ctx: ChangeContext,
): Result<void> {
  const from = t.state.status;
  if (from === to) return ok(undefined);
  if (!canMoveTicket(from, to))
    return fail('TICKET.ILLEGAL_TRANSITION', `A ${from} ticket cannot become ${to}`, { from, to });
  const allowed = mayChangeStatus(t, ctx.actor, from, to);
  if (!allowed.ok) return allowed;
  const at = ctx.now.toISOString();
  if (to === 'resolved') withdrawOpenAssists(t, ctx, 'Ticket resolved');
  const reopens = from === 'resolved' && to === 'open';
  t.state = {
    ...t.state,
    status: to,
    // Closing keeps the resolution time (SLA, reports); only a reopen clears it.
    resolvedAt: to === 'resolved' ? at : reopens ? null : t.state.resolvedAt,
    closedAt: to === 'closed' ? at : t.state.closedAt,
    // A closed ticket takes no accept, so an offer on it means nothing any more.
    offer: to === 'closed' ? null : (t.state.offer ?? null),
  };
  const kind = reopens ? 'reopened' : 'changed';
  t.record(ctx, 'ticket.status_changed', { kind: 'status_changed', body: reason }, { from, to, reason, kind });
  return ok(undefined);
}

function mayChangeStatus(t: TicketDraft, actor: Actor, from: TicketStatus, to: TicketStatus): Result<void> {
  const isOwner = actor.kind === 'agent' && actor.agentId === t.state.ownerId;
  const supervisor = actor.kind === 'agent' && isSupervisor(actor.roles);
  if (to === 'resolved')
    return isOwner ? ok(undefined) : fail('TICKET.NOT_OWNER', 'Only the owner can resolve a ticket');
  // Reopening and waking a pending ticket may come from the customer (email) or the system.
  const wakes = (from === 'resolved' || from === 'pending') && to === 'open';
  if (isOwner || supervisor || actor.kind === 'system' || (wakes && actor.kind === 'customer')) return ok(undefined);
  return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can change the status');
}
