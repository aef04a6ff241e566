/**
 * Affected CIs on the Ticket aggregate (issue 15): which configuration items a ticket is about,
 * one of them primary. Set by whoever may edit the ticket (as `updateFields`); each change is a
 * `cis_changed` timeline entry naming what was added, removed and which CI is primary. Never
 * touches ownership. Whether the CIs exist is the caller's check (the CMDB is another aggregate).
 *
 * Suggested CIs come from the mail channel (a host name or asset tag in a mail, the requester's
 * workstation): they are listed on the ticket and become affected CIs only when an agent accepts
 * one; a dismissed one is kept as dismissed, so it is not suggested again.
 */
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { TicketDraft } from './ticket-draft.js';
import { mayEditTicket } from './ticket-permissions.js';
import type { AffectedCi, NewCiSuggestion, SuggestedCi } from './ticket-types.js';

/** A save writes one link per CI (ticket-ci-links.ts): 40 replaced by 40 others stays within a 100-write batch. */
export const MAX_AFFECTED_CIS = 40;
export const MAX_SUGGESTED_CIS = 20;

const REASON_TEXT: Record<SuggestedCi['reason'], string> = {
  host_name: 'host name',
  asset_tag: 'asset tag',
  workstation: "the requester's workstation",
};

function mayEditCis(t: TicketDraft, ctx: ChangeContext): Result<void> {
  if (!mayEditTicket(t.state, ctx.actor))
    return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can change the affected CIs');
  if (t.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${t.state.number} is closed`);
  return ok(undefined);
}

export function setAffectedCis(
  t: TicketDraft,
  cis: readonly AffectedCi[],
  ctx: ChangeContext,
  note: Record<string, unknown> = {},
): Result<void> {
  const allowed = mayEditCis(t, ctx);
  if (!allowed.ok) return allowed;
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
  // A suggestion the agent added by hand is settled.
  const suggestedCis = t.state.suggestedCis?.filter((s) => !afterIds.has(s.ciId));
  t.state = {
    ...t.state,
    affectedCis: cis.map((c) => ({ ciId: c.ciId, primary: c.primary })),
    ...(suggestedCis ? { suggestedCis } : {}),
  };
  t.record(ctx, 'ticket.cis_changed', { kind: 'cis_changed' }, { added, removed, primary, primaryBefore, ...note });
  return ok(undefined);
}

/** The mail channel's suggestions; CIs already affected, suggested or dismissed are left out. */
export function suggestCis(
  t: TicketDraft,
  suggestions: readonly NewCiSuggestion[],
  ctx: ChangeContext,
): Result<{ added: number }> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'CIs are suggested by the mail channel only');
  if (t.state.status === 'closed') return ok({ added: 0 });
  const current = t.state.suggestedCis ?? [];
  const known = new Set([...(t.state.affectedCis ?? []), ...current].map((c) => c.ciId));
  const fresh: NewCiSuggestion[] = [];
  for (const s of suggestions) {
    if (known.has(s.ciId) || current.length + fresh.length >= MAX_SUGGESTED_CIS) continue;
    known.add(s.ciId);
    fresh.push({ ciId: s.ciId, reason: s.reason, matched: s.matched });
  }
  if (fresh.length === 0) return ok({ added: 0 });
  const suggestedAt = ctx.now.toISOString();
  t.state = {
    ...t.state,
    suggestedCis: [...current, ...fresh.map((s) => ({ ...s, suggestedAt, dismissed: false }))],
  };
  const body = `Suggested CIs: ${fresh.map((s) => (s.reason === 'workstation' ? REASON_TEXT.workstation : `${REASON_TEXT[s.reason]} ${s.matched}`)).join(', ')}`;
  t.record(ctx, 'ticket.ci_suggestions_changed', { kind: 'cis_suggested', body }, { suggested: fresh });
  return ok({ added: fresh.length });
}

const openSuggestion = (t: TicketDraft, ciId: string): Result<SuggestedCi> => {
  const found = t.state.suggestedCis?.find((s) => s.ciId === ciId && !s.dismissed);
  return found ? ok(found) : fail('CI.SUGGESTION_NOT_FOUND', `${ciId} is not a suggested CI of ${t.state.number}`);
};

/** The agent's yes: the CI becomes affected (primary when it is the first), a `cis_changed` entry. */
export function acceptSuggestedCi(t: TicketDraft, ciId: string, ctx: ChangeContext): Result<void> {
  const allowed = mayEditCis(t, ctx);
  if (!allowed.ok) return allowed;
  const suggestion = openSuggestion(t, ciId);
  if (!suggestion.ok) return suggestion;
  const current = t.state.affectedCis ?? [];
  const { reason, matched } = suggestion.value;
  return setAffectedCis(t, [...current, { ciId, primary: current.length === 0 }], ctx, {
    acceptedSuggestion: { ciId, reason, matched },
  });
}

export function dismissSuggestedCi(t: TicketDraft, ciId: string, ctx: ChangeContext): Result<void> {
  const allowed = mayEditCis(t, ctx);
  if (!allowed.ok) return allowed;
  const suggestion = openSuggestion(t, ciId);
  if (!suggestion.ok) return suggestion;
  t.state = {
    ...t.state,
    suggestedCis: (t.state.suggestedCis ?? []).map((s) => (s.ciId === ciId ? { ...s, dismissed: true } : s)),
  };
  const { reason, matched } = suggestion.value;
  t.record(ctx, 'ticket.ci_suggestions_changed', { kind: 'ci_suggestion_dismissed' }, { ciId, reason, matched });
  return ok(undefined);
}
