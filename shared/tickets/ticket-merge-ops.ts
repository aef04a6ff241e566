/**
 * Merging a duplicate ticket into a target (issue 18, ADR 0035), on the Ticket aggregate. Two
 * tickets are two partitions, so a merge is two saves, target first:
 *  - the target absorbs the source (`absorbMerge`): a `merged_from` entry referencing the source's
 *    entries by id (nothing is copied or rewritten: both timelines stay append-only), the source's
 *    mail participants, the source's open assists asked again here when the agent chose to move
 *    them, and a `has_duplicate` link, which also makes a replayed merge a no-op;
 *  - the source is closed as merged (`mergeInto`): a `duplicate_of` link, `mergedInto` (inbound mail
 *    threading onto it then lands on the target: shared/mail/threading.ts), its open assists
 *    withdrawn (with the reason "moved" or "withdrawn"), a `merged_into` entry.
 * Who may merge: an agent who may edit both tickets (ticket-permissions.ts), as in Zendesk. A merge
 * never touches either ticket's owner.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { entryId } from '../timeline/timeline-entry.js';
import { adoptAssist, movableAssists, withdrawOpenAssists } from '../work-items/work-item-assists.js';
import { addLink } from '../work-items/work-item-links.js';
import type { TicketDraft } from './ticket-draft.js';
import { participantsOf, withParticipants } from './ticket-email.js';
import { mayEditTicket } from './ticket-permissions.js';
import { canMergeFrom } from './ticket-status.js';
import type { MergeAssistChoice, TicketSnapshot } from './ticket-types.js';

/** The `merged_from` entry lists the source's entry ids up to this many (the range is always there). */
const MAX_REFERENCED_IDS = 500;

/** What the target needs of the source: read from the source as loaded just before. */
export interface MergeSource {
  readonly snapshot: TicketSnapshot;
  readonly assists: readonly AssistSnapshot[];
}

/** The refusals that hold whatever the target is: checked before the target is written. */
export function mergeRefusal(source: TicketSnapshot, targetId: string, ctx: ChangeContext): Result<void> {
  if (ctx.actor.kind !== 'agent') return fail('AUTH.FORBIDDEN', 'Only agents merge tickets');
  if (source.id === targetId)
    return fail('REQUEST.VALIDATION_FAILED', `Ticket ${source.number} cannot be merged into itself`);
  if (source.mergedInto && source.mergedInto.id !== targetId)
    return fail('TICKET.MERGED', `Ticket ${source.number} was merged into ${source.mergedInto.number}`);
  if (!mayEditTicket(source, ctx.actor))
    return fail(
      'TICKET.NOT_OWNER',
      `Only an agent who may edit ${source.number} (its owner or a lead/admin) merges it`,
    );
  if (!source.mergedInto && !canMergeFrom(source.status))
    return fail('TICKET.CLOSED', `Ticket ${source.number} is closed`);
  return ok(undefined);
}

/** The target's side; `false` when it had absorbed this source already (a replayed merge). */
export function absorbMerge(
  t: TicketDraft,
  source: MergeSource,
  assists: MergeAssistChoice,
  ctx: ChangeContext,
): Result<boolean> {
  const target = t.state;
  const from = source.snapshot;
  const refused = mergeRefusal(from, target.id, ctx);
  if (!refused.ok) return refused;
  if (target.mergedInto)
    return fail(
      'TICKET.MERGED',
      `Ticket ${target.number} was merged into ${target.mergedInto.number}; merge into that one`,
    );
  if (!mayEditTicket(target, ctx.actor))
    return fail(
      'TICKET.NOT_OWNER',
      `Only an agent who may edit ${target.number} (its owner or a lead/admin) merges into it`,
    );
  if (target.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${target.number} is closed`);
  const linked = addLink(t, 'has_duplicate', { practice: 'ticket', id: from.id, number: from.number }, ctx);
  if (!linked.ok) return linked;
  if (!linked.value) return ok(false);
  t.state = { ...t.state, participants: withParticipants(participantsOf(t.state), participantsOf(from)) };
  const ids = Array.from({ length: Math.min(from.lastSeq, MAX_REFERENCED_IDS) }, (_, i) => entryId(from.id, i + 1));
  t.record(
    ctx,
    'ticket.merged_from',
    { kind: 'merged_from', body: `Merged from ${from.number}: ${from.title}` },
    {
      source: { id: from.id, number: from.number },
      sourceEntries: { ticketId: from.id, fromSeq: 1, toSeq: from.lastSeq, ids },
      assists,
    },
  );
  if (assists === 'move')
    for (const moved of movableAssists(source.assists))
      adoptAssist(t, moved, { id: from.id, number: from.number }, ctx);
  return ok(true);
}

/** The source's side: closed as merged into the target; `false` when it already was. */
export function mergeInto(
  t: TicketDraft,
  target: { readonly id: string; readonly number: string },
  assists: MergeAssistChoice,
  ctx: ChangeContext,
): Result<boolean> {
  const refused = mergeRefusal(t.state, target.id, ctx);
  if (!refused.ok) return refused;
  if (t.state.mergedInto) return ok(false);
  const at = ctx.now.toISOString();
  const from = t.state.status;
  withdrawOpenAssists(
    t,
    ctx,
    assists === 'move' ? `Moved to ${target.number} with the merge` : `Withdrawn: merged into ${target.number}`,
  );
  const linked = addLink(t, 'duplicate_of', { practice: 'ticket', id: target.id, number: target.number }, ctx);
  if (!linked.ok) return linked;
  t.state = {
    ...t.state,
    status: 'closed',
    closedAt: at,
    offer: null,
    mergedInto: { id: target.id, number: target.number, at },
  };
  const reason = `Merged into ${target.number}`;
  t.record(
    ctx,
    'ticket.status_changed',
    { kind: 'status_changed', body: reason },
    { from, to: 'closed', reason, kind: 'merged' },
  );
  t.record(
    ctx,
    'ticket.merged_into',
    { kind: 'merged_into', body: reason },
    { into: { id: target.id, number: target.number }, assists },
  );
  return ok(true);
}
