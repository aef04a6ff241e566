/**
 * Sacred ownership and the status lifecycle on the Ticket aggregate: the owner changes only by
 * `accept` (an unowned ticket, by the agent who becomes owner: a person's yes, given now or as
 * their own standing choice) or `transfer` (by the owner or a lead/admin, with a reason), and
 * status moves follow the transition table plus who may make them. Called by Ticket's methods.
 */
import { canOwnTickets, isSupervisor, type Role } from '../directory/agent.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { withdrawOpenAssists } from './ticket-assist-ops.js';
import type { TicketDraft } from './ticket-draft.js';
import { canMoveTicket, type TicketStatus } from './ticket-status.js';
import type { StandingChoice } from './ticket-types.js';

/**
 * The acting agent takes the unowned ticket. With `standing`, routing runs it for them because
 * they chose to accept tickets routed to them: still their own accept, recorded with when they
 * set that choice, and refused for anyone else's choice.
 */
export function accept(t: TicketDraft, ctx: ChangeContext, standing?: StandingChoice): Result<void> {
  const { actor } = ctx;
  if (actor.kind !== 'agent' || !canOwnTickets(actor.roles))
    return fail('TICKET.CANNOT_OWN', 'Only agents, leads and admins can own tickets');
  if (standing && standing.agentId !== actor.agentId)
    return fail('AUTH.FORBIDDEN', "An agent's standing choice accepts for that agent alone");
  if (t.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${t.state.number} is closed`);
  if (t.state.ownerId !== null)
    return fail('TICKET.ALREADY_OWNED', `Ticket ${t.state.number} already has an owner`, {
      ownerId: t.state.ownerId,
    });
  changeOwner(t, ctx, actor.agentId, 'accept', null, standing);
  return ok(undefined);
}

export function transfer(
  t: TicketDraft,
  to: { id: string; roles: readonly Role[]; active: boolean },
  reason: string,
  ctx: ChangeContext,
): Result<void> {
  const { actor } = ctx;
  if (actor.kind !== 'agent') return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can transfer');
  if (!t.isOwner(ctx) && !isSupervisor(actor.roles))
    return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can transfer this ticket');
  if (t.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${t.state.number} is closed`);
  if (reason.trim() === '') return fail('TICKET.REASON_REQUIRED', 'A transfer needs a reason');
  if (!to.active || !canOwnTickets(to.roles)) return fail('TICKET.CANNOT_OWN', 'The target agent cannot own tickets');
  if (to.id === t.state.ownerId) return fail('TICKET.SAME_OWNER', 'The ticket already belongs to that agent');
  changeOwner(t, ctx, to.id, 'transfer', reason.trim());
  return ok(undefined);
}

/** The only write of `ownerId` anywhere: reached from accept and transfer alone. It ends any offer. */
function changeOwner(
  t: TicketDraft,
  ctx: ChangeContext,
  to: string,
  via: 'accept' | 'transfer',
  reason: string | null,
  standing?: StandingChoice,
): void {
  const from = t.state.ownerId;
  const offeredTo = t.state.offer?.agentId ?? null;
  const status = t.state.status === 'new' ? 'open' : t.state.status;
  t.state = { ...t.state, ownerId: to, status, offer: null };
  const body = standing
    ? `Accepted by their standing choice to accept tickets routed to them (set ${standing.setAt})`
    : reason;
  t.record(
    ctx,
    'ticket.owner_changed',
    { kind: 'owner_changed', body },
    {
      from,
      to,
      via,
      reason,
      offeredTo,
      ...(standing ? { standingChoice: { agentId: standing.agentId, setAt: standing.setAt } } : {}),
    },
  );
}

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
