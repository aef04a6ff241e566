/**
 * The customer facts on the Ticket aggregate: the tier (and company, account manager) a ticket
 * was created with stay as recorded. They change only by (a) the CRM's late answer for a ticket
 * created while it was slow, which sets the tier only while no agent has answered yet, and (b) an
 * agent's explicit "re-evaluate SLA". Both leave a timeline entry; the SLA stamp then matches the
 * policy again (the tier is one of its facts) and applies it from the ticket's start.
 */
import type { TicketCustomer } from '../customers/customer-types.js';
import { canOwnTickets, isSupervisor } from '../directory/agent.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { TicketDraft } from './ticket-draft.js';

const tierText = (tier: string | null | undefined): string => tier ?? 'none';

const answered = (t: TicketDraft): boolean =>
  (t.state.slaHistory ?? []).some((e) => e.type === 'agent_public_reply') ||
  t.state.status === 'resolved' ||
  t.state.status === 'closed';

export function enrichCustomer(
  t: TicketDraft,
  next: TicketCustomer,
  ctx: ChangeContext,
): Result<{ tierApplied: boolean }> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only the CRM enrichment records enrichments');
  const before = t.state.customer ?? null;
  if (before && before.enrichment !== 'pending') return ok({ tierApplied: false });
  const fromTier = t.state.customerTier ?? null;
  const tierChanged = next.tier !== fromTier;
  const tierApplied = tierChanged && !answered(t);
  const tier = tierApplied ? next.tier : fromTier;
  const customer: TicketCustomer = {
    ...next,
    tier,
    tierSource: tierApplied ? next.tierSource : (before?.tierSource ?? null),
    enrichment: 'complete',
  };
  t.state = { ...t.state, customer, customerTier: tier };
  const body = tierApplied
    ? `Customer details from the CRM: tier ${tierText(fromTier)} -> ${tierText(next.tier)} (SLA re-evaluated)`
    : tierChanged
      ? `Customer details from the CRM: tier ${tierText(next.tier)}; the ticket keeps ${tierText(fromTier)} (already answered: re-evaluate the SLA to apply it)`
      : `Customer details from the CRM${next.companyName ? `: ${next.companyName}` : ''}`;
  t.record(
    ctx,
    'ticket.customer_updated',
    { kind: 'customer_enriched', body },
    { reason: 'enrichment', from: before, to: customer, crmTier: next.tier, tierApplied },
  );
  return ok({ tierApplied });
}

export function reevaluateCustomer(t: TicketDraft, next: TicketCustomer, ctx: ChangeContext): Result<void> {
  const { actor } = ctx;
  if (actor.kind !== 'agent') return fail('AUTH.FORBIDDEN', 'Only agents re-evaluate the SLA');
  const triage = t.state.ownerId === null && canOwnTickets(actor.roles);
  if (!(t.isOwner(ctx) || triage || isSupervisor(actor.roles)))
    return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can re-evaluate the SLA');
  if (t.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${t.state.number} is closed`);
  const before = t.state.customer ?? null;
  const fromTier = t.state.customerTier ?? null;
  t.state = { ...t.state, customer: next, customerTier: next.tier };
  t.record(
    ctx,
    'ticket.customer_updated',
    {
      kind: 'customer_reevaluated',
      body: `SLA re-evaluated with the customer's current tier: ${tierText(fromTier)} -> ${tierText(next.tier)}`,
    },
    { reason: 're-evaluate', from: before, to: next, fromTier, toTier: next.tier },
  );
  return ok(undefined);
}
