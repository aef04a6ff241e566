/**
 * Parallel escalation on the Ticket aggregate: the owner asks experts or teams for help, experts
 * act on their assist (accept, contribute, answer, decline) without ever owning the ticket, the
 * owner withdraws or follows up, the system times an assist out. Called by Ticket's methods.
 */
import { Assist, type AssistTarget } from '../assists/assist.js';
import { assistIdFor } from '../assists/assist-id.js';
import type { AssistAction } from '../assists/assist-state.js';
import { isSupervisor } from '../directory/agent.js';
import type { EventType } from '../events/domain-event.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { EntryKind } from '../timeline/timeline-entry.js';
import type { TicketDraft } from './ticket-draft.js';
import { isActiveStatus } from './ticket-status.js';

const ASSIST_RECORDS: Record<AssistAction, (proposeReply: boolean) => [EventType, EntryKind]> = {
  accept: () => ['assist.accepted', 'assist_accepted'],
  contribute: (proposeReply) =>
    proposeReply ? ['assist.reply_proposed', 'assist_reply_proposed'] : ['assist.contributed', 'assist_contribution'],
  answer: () => ['assist.answered', 'assist_answered'],
  decline: () => ['assist.declined', 'assist_declined'],
  withdraw: () => ['assist.withdrawn', 'assist_withdrawn'],
  time_out: () => ['assist.timed_out', 'assist_timed_out'],
};

export function requestAssist(
  t: TicketDraft,
  input: { target: AssistTarget; question: string; dueAt: Date | null },
  ctx: ChangeContext,
): Result<string> {
  const { actor } = ctx;
  if (actor.kind !== 'agent' || !t.isOwner(ctx))
    return fail('TICKET.NOT_OWNER', 'Only the owner can ask for an assist');
  if (!isActiveStatus(t.state.status))
    return fail('TICKET.CLOSED', `Ticket ${t.state.number} is ${t.state.status}; reopen it first`);
  if (input.target.kind === 'agent' && input.target.agentId === actor.agentId)
    return fail('ASSIST.SELF_ASSIST', 'The owner cannot ask themselves for an assist');
  if (input.question.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'An assist needs a question');
  const assist = Assist.request({
    id: assistIdFor(t.state.id, t.state.lastSeq + 1),
    ticketId: t.state.id,
    ticketNumber: t.state.number,
    target: input.target,
    requestedBy: actor.agentId,
    question: input.question,
    dueAt: input.dueAt?.toISOString() ?? null,
    now: ctx.now,
  });
  t.touchAssist(assist);
  t.state = { ...t.state, openAssistCount: t.state.openAssistCount + 1 };
  t.record(
    ctx,
    'assist.requested',
    { kind: 'assist_requested', body: input.question, assistId: assist.id },
    { target: input.target, dueAt: assist.toSnapshot().dueAt },
  );
  return ok(assist.id);
}

/** Expert acts (accept, contribute, answer, decline), owner withdraws, system times out. */
export function actOnAssist(
  t: TicketDraft,
  assistId: string,
  action: AssistAction,
  body: string | null,
  ctx: ChangeContext,
  proposeReply = false,
): Result<void> {
  const assist = t.assistsById.get(assistId);
  if (!assist) return fail('ASSIST.NOT_FOUND', `No assist ${assistId} on ticket ${t.state.number}`);
  const { actor } = ctx;
  const isOwner = t.isOwner(ctx);
  // The owner is never their own expert (they may belong to the team they asked): what the
  // owner writes is a follow-up, and the expert acts are refused.
  if (action === 'contribute' && isOwner) return ownerFollowUp(t, assist, body, ctx);
  const permitted =
    action === 'withdraw'
      ? isOwner || (actor.kind === 'agent' && isSupervisor(actor.roles))
      : action === 'time_out'
        ? actor.kind === 'system'
        : !isOwner && assist.isExpert(actor);
  if (!permitted) return fail('ASSIST.NOT_EXPERT', `You cannot ${action} this assist`);
  if ((action === 'contribute' || action === 'answer') && (body ?? '').trim() === '')
    return fail('REQUEST.VALIDATION_FAILED', `To ${action} needs a body`);
  const moved = assist.apply(action, actor, ctx.now);
  if (!moved.ok) return moved;
  t.touchAssist(assist);
  if (!assist.isOpen && moved.value.from !== moved.value.to)
    t.state = { ...t.state, openAssistCount: Math.max(0, t.state.openAssistCount - 1) };
  if (moved.value.from === 'requested' && (action === 'contribute' || action === 'answer'))
    t.record(ctx, 'assist.accepted', { kind: 'assist_accepted', assistId }, { implicit: true });
  const [eventType, kind] = ASSIST_RECORDS[action](proposeReply);
  t.record(ctx, eventType, { kind, assistId, body }, { from: moved.value.from, to: moved.value.to });
  return ok(undefined);
}

function ownerFollowUp(t: TicketDraft, assist: Assist, body: string | null, ctx: ChangeContext): Result<void> {
  if ((body ?? '').trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A contribution needs a body');
  const written = assist.recordOwnerMessage(ctx.now);
  if (!written.ok) return written;
  t.touchAssist(assist);
  t.record(ctx, 'assist.contributed', { kind: 'assist_contribution', assistId: assist.id, body }, { byOwner: true });
  return ok(undefined);
}

/** Resolving a ticket ends the help it asked for. */
export function withdrawOpenAssists(t: TicketDraft, ctx: ChangeContext, reason: string): void {
  for (const assist of t.assistsById.values()) {
    if (!assist.isOpen) continue;
    assist.apply('withdraw', ctx.actor, ctx.now);
    t.touchAssist(assist);
    t.record(ctx, 'assist.withdrawn', { kind: 'assist_withdrawn', assistId: assist.id, body: reason }, { reason });
  }
  t.state = { ...t.state, openAssistCount: 0 };
}
