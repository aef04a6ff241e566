/**
 * Links between work items (ADR 0025): an incident caused by a change, a change created from an
 * incident, incidents that are symptoms of a problem, the change that fixes it. A link names the
 * other item by id and number and never copies it. Each side keeps its own link (written in its own
 * partition), so a use case that links both ways saves each side once; adding a link that is
 * already there is a no-op, which keeps a redelivered event from writing twice. Links take nothing
 * from anyone: the owner is never touched.
 */
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { capitalized, kernelEvent, type WorkItemCore, type WorkItemKey } from './work-item.js';
import type { WorkItemDraft } from './work-item-draft.js';

/** Each kind read from the item holding it; `INVERSE` is what the other side holds. */
export const LINK_KINDS = [
  'related',
  'caused_by',
  'caused',
  'created_from',
  'created',
  'symptom_of',
  'has_symptom',
  'fixed_by',
  'fixes',
  'duplicate_of',
  'has_duplicate',
  /** The ticket used a known error's workaround ("apply workaround", issue 17); only the ticket holds it. */
  'workaround_from',
  'workaround_for',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const INVERSE_LINK: Record<LinkKind, LinkKind> = {
  related: 'related',
  caused_by: 'caused',
  caused: 'caused_by',
  created_from: 'created',
  created: 'created_from',
  symptom_of: 'has_symptom',
  has_symptom: 'symptom_of',
  fixed_by: 'fixes',
  fixes: 'fixed_by',
  duplicate_of: 'has_duplicate',
  has_duplicate: 'duplicate_of',
  workaround_from: 'workaround_for',
  workaround_for: 'workaround_from',
};

/**
 * What a link or an event belongs to: the work-item practices, and known errors (reference data a
 * ticket links to when it uses a workaround, with events of their own).
 */
export const WORK_ITEM_PRACTICES = ['ticket', 'change', 'problem', 'known_error'] as const;
export type WorkItemPracticeName = (typeof WORK_ITEM_PRACTICES)[number];

export interface LinkTarget {
  readonly practice: WorkItemPracticeName;
  readonly id: string;
  readonly number: string;
}

export interface WorkItemLink extends LinkTarget {
  readonly kind: LinkKind;
  readonly linkedAt: string;
}

/** A work item document stays small: beyond this, link through a problem or a change instead. */
export const MAX_LINKS = 200;

const sameLink = (a: { kind: LinkKind; id: string }, b: { kind: LinkKind; id: string }): boolean =>
  a.kind === b.kind && a.id === b.id;

/** Agents and automations link; customers and team mailboxes do not. */
function mayLink(ctx: ChangeContext): boolean {
  return ctx.actor.kind === 'agent' || ctx.actor.kind === 'system';
}

/** Adds the link; `false` when it was already there (nothing written). */
export function addLink<S extends WorkItemCore, K extends WorkItemKey>(
  t: WorkItemDraft<S, K>,
  kind: LinkKind,
  target: LinkTarget,
  ctx: ChangeContext,
): Result<boolean> {
  const { practice } = t;
  if (!mayLink(ctx)) return fail('AUTH.FORBIDDEN', `Only agents and automations link ${practice.plural}`);
  if (target.id === t.state.id)
    return fail('REQUEST.VALIDATION_FAILED', `${capitalized(practice.noun)} ${t.state.number} cannot link to itself`);
  const links = t.state.links ?? [];
  if (links.some((l) => sameLink(l, { kind, id: target.id }))) return ok(false);
  if (links.length >= MAX_LINKS)
    return fail('REQUEST.VALIDATION_FAILED', `${t.state.number} already has ${MAX_LINKS} links`);
  const link: WorkItemLink = {
    kind,
    practice: target.practice,
    id: target.id,
    number: target.number,
    linkedAt: ctx.now.toISOString(),
  };
  t.state = { ...t.state, links: [...links, link] };
  t.record(
    ctx,
    kernelEvent(practice.events, 'linked'),
    { kind: 'link_added', body: `${kind.replace('_', ' ')} ${target.number}` },
    { link },
  );
  return ok(true);
}

/** Removes the link (with a reason); `false` when there was none. */
export function removeLink<S extends WorkItemCore, K extends WorkItemKey>(
  t: WorkItemDraft<S, K>,
  kind: LinkKind,
  targetId: string,
  reason: string | null,
  ctx: ChangeContext,
): Result<boolean> {
  if (!mayLink(ctx)) return fail('AUTH.FORBIDDEN', `Only agents and automations unlink ${t.practice.plural}`);
  const links = t.state.links ?? [];
  const link = links.find((l) => sameLink(l, { kind, id: targetId }));
  if (!link) return ok(false);
  t.state = { ...t.state, links: links.filter((l) => l !== link) };
  t.record(ctx, kernelEvent(t.practice.events, 'unlinked'), { kind: 'link_removed', body: reason }, { link, reason });
  return ok(true);
}
