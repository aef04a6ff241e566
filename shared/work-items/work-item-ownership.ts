/**
 * Sacred ownership, once for every work item (ADR 0004, ADR 0025): an item has at most one owner,
 * and it changes only by `accept` (an unowned item, by the agent who becomes owner: a person's yes,
 * given now or as their own standing choice) or `transfer` (by the owner or a lead/admin, with a
 * reason, to someone who may own work). `changeOwner` below is the only write of `ownerId` in the
 * product; the practice adds what moves with it (a ticket's new -> open) through `withOwner`.
 */
import { canOwnTickets, isSupervisor, type Role } from '../directory/agent.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { capitalized, kernelEvent, refusalCode, type WorkItemCore, type WorkItemKey } from './work-item.js';
import type { WorkItemDraft } from './work-item-draft.js';

/**
 * An agent's own standing choice to accept work routed to them (their preference, set at
 * `setAt`): the only way routing can make someone owner, and only as that agent's own accept.
 */
export interface StandingChoice {
  readonly agentId: string;
  readonly setAt: string;
}

/** Whom an item may be transferred to, as the directory knows them. */
export interface TransferTarget {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly active: boolean;
}

/**
 * The acting agent takes the unowned item. With `standing`, routing runs it for them because
 * they chose to accept work routed to them: still their own accept, recorded with when they
 * set that choice, and refused for anyone else's choice.
 */
export function accept<S extends WorkItemCore, K extends WorkItemKey>(
  t: WorkItemDraft<S, K>,
  ctx: ChangeContext,
  standing?: StandingChoice,
): Result<void> {
  const { actor } = ctx;
  const { practice } = t;
  if (actor.kind !== 'agent' || !canOwnTickets(actor.roles))
    return fail(refusalCode(practice.errors, 'CANNOT_OWN'), `Only agents, leads and admins can own ${practice.plural}`);
  if (standing && standing.agentId !== actor.agentId)
    return fail('AUTH.FORBIDDEN', "An agent's standing choice accepts for that agent alone");
  if (practice.isClosed(t.state)) return closed(t);
  if (t.state.ownerId !== null)
    return fail(
      refusalCode(practice.errors, 'ALREADY_OWNED'),
      `${capitalized(practice.noun)} ${t.state.number} already has an owner`,
      { ownerId: t.state.ownerId },
    );
  changeOwner(t, ctx, actor.agentId, 'accept', null, standing);
  return ok(undefined);
}

export function transfer<S extends WorkItemCore, K extends WorkItemKey>(
  t: WorkItemDraft<S, K>,
  to: TransferTarget,
  reason: string,
  ctx: ChangeContext,
): Result<void> {
  const { actor } = ctx;
  const { practice } = t;
  const code = (refusal: Parameters<typeof refusalCode>[1]) => refusalCode(practice.errors, refusal);
  if (actor.kind !== 'agent') return fail(code('NOT_OWNER'), 'Only the owner or a lead/admin can transfer');
  if (!t.isOwner(ctx) && !isSupervisor(actor.roles))
    return fail(code('NOT_OWNER'), `Only the owner or a lead/admin can transfer this ${practice.noun}`);
  if (practice.isClosed(t.state)) return closed(t);
  if (reason.trim() === '') return fail(code('REASON_REQUIRED'), 'A transfer needs a reason');
  if (!to.active || !canOwnTickets(to.roles))
    return fail(code('CANNOT_OWN'), `The target agent cannot own ${practice.plural}`);
  if (to.id === t.state.ownerId) return fail(code('SAME_OWNER'), `The ${practice.noun} already belongs to that agent`);
  changeOwner(t, ctx, to.id, 'transfer', reason.trim());
  return ok(undefined);
}

function closed<S extends WorkItemCore, K extends WorkItemKey>(t: WorkItemDraft<S, K>): Result<void> {
  const { practice } = t;
  return fail(refusalCode(practice.errors, 'CLOSED'), `${capitalized(practice.noun)} ${t.state.number} is closed`);
}

/** The only write of `ownerId` anywhere: reached from accept and transfer alone. */
function changeOwner<S extends WorkItemCore, K extends WorkItemKey>(
  t: WorkItemDraft<S, K>,
  ctx: ChangeContext,
  to: string,
  via: 'accept' | 'transfer',
  reason: string | null,
  standing?: StandingChoice,
): void {
  const { practice } = t;
  const from = t.state.ownerId;
  const facts = practice.ownerChangeFacts(t.state);
  t.state = practice.withOwner({ ...t.state, ownerId: to }, to);
  const body = standing
    ? `Accepted by their standing choice to accept ${practice.plural} routed to them (set ${standing.setAt})`
    : reason;
  t.record(
    ctx,
    kernelEvent(practice.events, 'owner_changed'),
    { kind: 'owner_changed', body },
    {
      from,
      to,
      via,
      reason,
      ...facts,
      ...(standing ? { standingChoice: { agentId: standing.agentId, setAt: standing.setAt } } : {}),
    },
  );
}
