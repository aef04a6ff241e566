/**
 * Offers on the Ticket aggregate: routing (a system actor) offers an unowned, active ticket to one
 * agent, moves the offer on when its time passes, or withdraws it. An offer never makes anyone
 * owner: the ticket stays unowned until someone accepts (or a lead/admin transfers it), and both
 * of those clear the offer in the same write. Called by Ticket's methods.
 */
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { TicketDraft } from './ticket-draft.js';
import { isActiveStatus } from './ticket-status.js';
import type { TicketOffer } from './ticket-types.js';

export interface OfferInput {
  readonly agentId: string;
  /** Names for the timeline text (the entry's data keeps the ids). */
  readonly agentName: string;
  readonly previousName?: string | null;
  readonly teamId: string;
  readonly stage: TicketOffer['stage'];
  readonly expiresAt: Date | null;
  readonly reserved: boolean;
  /** Who or what asked (a rule's name, "the offer expired"). */
  readonly why: string | null;
}

export function offer(t: TicketDraft, input: OfferInput, ctx: ChangeContext): Result<TicketOffer> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only routing offers tickets');
  const state = t.state;
  if (state.ownerId !== null)
    return fail('TICKET.ALREADY_OWNED', `Ticket ${state.number} already has an owner`, { ownerId: state.ownerId });
  if (!isActiveStatus(state.status)) return fail('TICKET.CLOSED', `Ticket ${state.number} is ${state.status}`);
  const prior = state.offer ?? null;
  // Moving on within the same team remembers who had it; an offer in another team starts afresh.
  const sameTeam = prior !== null && prior.teamId === input.teamId;
  const tried = sameTeam ? [...prior.tried.filter((id) => id !== prior.agentId), prior.agentId] : [];
  const at = ctx.now.toISOString();
  const next: TicketOffer = {
    agentId: input.agentId,
    teamId: input.teamId,
    stage: input.stage,
    offeredAt: at,
    expiresAt: input.expiresAt?.toISOString() ?? null,
    tried,
    reserved: input.reserved,
  };
  const minutes = input.expiresAt ? Math.round((input.expiresAt.getTime() - ctx.now.getTime()) / 60_000) : null;
  const before = sameTeam ? `Not accepted by ${input.previousName ?? prior.agentId} in time. ` : '';
  const lead = input.stage === 'lead' ? ', the team lead: nobody else in the team could take it' : '';
  const until = minutes !== null ? ` for ${minutes} min` : ', until someone accepts';
  const body = `${before}Offered to ${input.agentName}${lead}${until}${input.why ? ` (${input.why})` : ''}`;
  t.state = { ...state, offer: next };
  t.record(
    ctx,
    'ticket.offered',
    { kind: 'offered', body },
    {
      to: next.agentId,
      from: prior?.agentId ?? null,
      teamId: next.teamId,
      stage: next.stage,
      expiresAt: next.expiresAt,
      why: input.why,
    },
  );
  return ok(next);
}

/** Ends the live offer without an owner; false when there was none. */
export function withdrawOffer(t: TicketDraft, reason: string, ctx: ChangeContext): Result<boolean> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only routing withdraws offers');
  const prior = t.state.offer ?? null;
  if (prior === null) return ok(false);
  t.state = { ...t.state, offer: null };
  t.record(ctx, 'ticket.offer_withdrawn', { kind: 'offer_withdrawn', body: reason }, { from: prior.agentId, reason });
  return ok(true);
}
