/**
 * Affected CIs on the Ticket aggregate (issue 15): which configuration items a ticket is about,
 * one of them primary. Set by whoever may edit the ticket (as `updateFields`); each change is a
 * `cis_changed` timeline entry naming what was added, removed and which CI is primary. Never
 * touches ownership. Whether the CIs exist is the caller's check (the CMDB is another aggregate).
 */
import { canOwnTickets, isSupervisor } from '../directory/agent.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { TicketDraft } from './ticket-draft.js';
import type { AffectedCi } from './ticket-types.js';

export const MAX_AFFECTED_CIS = 50;

export function setAffectedCis(t: TicketDraft, cis: readonly AffectedCi[], ctx: ChangeContext): Result<void> {
  const { actor } = ctx;
  const triage = actor.kind === 'agent' && t.state.ownerId === null && canOwnTickets(actor.roles);
  if (!(t.isOwner(ctx) || triage || actor.kind === 'system' || (actor.kind === 'agent' && isSupervisor(actor.roles))))
    return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can change the affected CIs');
  if (t.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${t.state.number} is closed`);
  if (cis.length > MAX_AFFECTED_CIS)
    return fail('REQUEST.VALIDATION_FAILED', `A ticket has at most ${MAX_AFFECTED_CIS} affected CIs`);
  if (new Set(cis.map((c) => c.ciId)).size !== cis.length)
    return fail('REQUEST.VALIDATION_FAILED', 'A CI is listed twice');
  const primaries = cis.filter((c) => c.primary).length;
  if (cis.length > 0 && primaries !== 1)
    return fail('REQUEST.VALIDATION_FAILED', 'Exactly one affected CI must be primary');
  const before = t.state.affectedCis ?? [];
  const beforeIds = new Set(before.map((c) => c.ciId));
  const afterIds = new Set(cis.map((c) => c.ciId));
  const added = cis.filter((c) => !beforeIds.has(c.ciId)).map((c) => c.ciId);
  const removed = before.filter((c) => !afterIds.has(c.ciId)).map((c) => c.ciId);
  const primaryBefore = before.find((c) => c.primary)?.ciId ?? null;
  const primary = cis.find((c) => c.primary)?.ciId ?? null;
  if (added.length === 0 && removed.length === 0 && primary === primaryBefore) return ok(undefined);
  t.state = { ...t.state, affectedCis: cis.map((c) => ({ ciId: c.ciId, primary: c.primary })) };
  t.record(ctx, 'ticket.cis_changed', { kind: 'cis_changed' }, { added, removed, primary, primaryBefore });
  return ok(undefined);
}
