/**
 * Parallel escalation, once for every work item (ADR 0025): the owner asks experts or teams for
 * help, experts act on their assist (accept, contribute, answer, decline) without ever owning the
 * item, the owner withdraws or follows up, the system times an assist out. Each practice's
 * aggregate exposes these as its own methods (Ticket.requestAssist, ...).
 */
import { Assist, type AssistHome, type AssistSnapshot, type AssistTarget } from '../assists/assist.js';
import { assistIdFor } from '../assists/assist-id.js';
import { type AssistAction, isOpenAssistState } from '../assists/assist-state.js';
import { isSupervisor } from '../directory/agent.js';
import type { EventType } from '../events/domain-event.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { EntryKind } from '../timeline/timeline-entry.js';
import { capitalized, refusalCode, type WorkItemCore, type WorkItemKey } from './work-item.js';
import type { WorkItemDraft } from './work-item-draft.js';

/** Any practice's working copy: the assist rules read only the kernel's fields. */
type Draft<S extends WorkItemCore, K extends WorkItemKey> = WorkItemDraft<S, K>;

const ASSIST_RECORDS: Record<AssistAction, (proposeReply: boolean) => [EventType, EntryKind]> = {
  accept: () => ['assist.accepted', 'assist_accepted'],
  contribute: (proposeReply) =>
    proposeReply ? ['assist.reply_proposed', 'assist_reply_proposed'] : ['assist.contributed', 'assist_contribution'],
  answer: () => ['assist.answered', 'assist_answered'],
  decline: () => ['assist.declined', 'assist_declined'],
  withdraw: () => ['assist.withdrawn', 'assist_withdrawn'],
  time_out: () => ['assist.timed_out', 'assist_timed_out'],
};

export function requestAssist<S extends WorkItemCore, K extends WorkItemKey>(
  t: Draft<S, K>,
  input: { target: AssistTarget; question: string; dueAt: Date | null },
  ctx: ChangeContext,
): Result<string> {
  const { actor } = ctx;
  const { practice } = t;
  if (actor.kind !== 'agent' || !t.isOwner(ctx))
    return fail(refusalCode(practice.errors, 'NOT_OWNER'), 'Only the owner can ask for an assist');
  if (!practice.isActive(t.state))
    return fail(
      refusalCode(practice.errors, 'CLOSED'),
      `${capitalized(practice.noun)} ${t.state.number} is ${practice.statusOf(t.state)}; reopen it first`,
    );
  if (input.target.kind === 'agent' && input.target.agentId === actor.agentId)
    return fail('ASSIST.SELF_ASSIST', 'The owner cannot ask themselves for an assist');
  if (input.question.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'An assist needs a question');
  const home = { ...t.home(), [practice.numberKey]: t.state.number } as AssistHome<K>;
  const assist = Assist.request<K>({
    id: assistIdFor(t.state.id, t.state.lastSeq + 1),
    home,
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
export function actOnAssist<S extends WorkItemCore, K extends WorkItemKey>(
  t: Draft<S, K>,
  assistId: string,
  action: AssistAction,
  body: string | null,
  ctx: ChangeContext,
  proposeReply = false,
): Result<void> {
  return act(t, assistId, action, body, ctx, proposeReply, undefined);
}

/** What an assist entry keeps of the expert's mail: it marks the entry "by email". */
export interface AssistMailFacts {
  readonly from: string;
  readonly messageId: string;
  readonly subject: string;
  /** Every To/Cc address of the reply: a customer among them is kept on the entry and warned about. */
  readonly recipients: readonly string[];
  /** The command word of the first line (`answer`, `decline`, `propose`), null for a plain reply. */
  readonly command: string | null;
  readonly text: string;
  readonly bodyTrimmed: boolean;
  readonly attachments: readonly unknown[];
  readonly provider: string;
}

export type AssistMailAction = 'contribute' | 'answer' | 'decline';

/**
 * An expert's reply by email on their assist (ADR 0015): the same acts as in the app (the first
 * reply accepts, `answer` ends the assist), always internal, and marked "by email" with the
 * mail's facts. Customers copied on the reply are named on the entry so the owner is warned;
 * the reply still never reaches the customer's conversation.
 */
export function actOnAssistByEmail<S extends WorkItemCore, K extends WorkItemKey>(
  t: Draft<S, K>,
  assistId: string,
  input: { action: AssistMailAction; body: string | null; proposeReply: boolean; mail: AssistMailFacts },
  ctx: ChangeContext,
): Result<void> {
  if (ctx.actor.kind !== 'agent' && ctx.actor.kind !== 'mailbox')
    return fail('ASSIST.NOT_EXPERT', 'Only an expert or a team mailbox answers an assist by email');
  if (t.isOwner(ctx)) return fail('ASSIST.NOT_EXPERT', 'The owner follows up in the app, not by email');
  const copiedCustomer = [...new Set(input.mail.recipients.map((a) => a.toLowerCase()))].filter((a) =>
    t.practice.isCustomerAddress(t.state, a),
  );
  const byEmail = { ...input.mail, copiedCustomer };
  // `messageId` on the entry lets a delivery that died after the write find it (MailTicketWriter.ticketHolding).
  return act(t, assistId, input.action, input.body, ctx, input.proposeReply, {
    byEmail,
    messageId: input.mail.messageId,
  });
}

function act<S extends WorkItemCore, K extends WorkItemKey>(
  t: Draft<S, K>,
  assistId: string,
  action: AssistAction,
  body: string | null,
  ctx: ChangeContext,
  proposeReply: boolean,
  extra: Record<string, unknown> | undefined,
): Result<void> {
  const assist = t.assistsById.get(assistId);
  if (!assist) return fail('ASSIST.NOT_FOUND', `No assist ${assistId} on ${t.practice.noun} ${t.state.number}`);
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
    t.record(
      ctx,
      'assist.accepted',
      { kind: 'assist_accepted', assistId },
      { implicit: true, ...(extra ? { byEmail: true } : {}) },
    );
  const [eventType, kind] = ASSIST_RECORDS[action](proposeReply);
  // The event carries only the flags subscribers need; the entry keeps the mail's facts.
  const byEmail = extra?.byEmail as { copiedCustomer: string[] } | undefined;
  t.record(
    ctx,
    eventType,
    { kind, assistId, body, ...(extra ? { data: extra } : {}) },
    {
      from: moved.value.from,
      to: moved.value.to,
      ...(byEmail ? { viaEmail: true, copiedCustomer: byEmail.copiedCustomer.length > 0 } : {}),
    },
  );
  return ok(undefined);
}

function ownerFollowUp<S extends WorkItemCore, K extends WorkItemKey>(
  t: Draft<S, K>,
  assist: Assist<K>,
  body: string | null,
  ctx: ChangeContext,
): Result<void> {
  if ((body ?? '').trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A contribution needs a body');
  const written = assist.recordOwnerMessage(ctx.now);
  if (!written.ok) return written;
  t.touchAssist(assist);
  t.record(ctx, 'assist.contributed', { kind: 'assist_contribution', assistId: assist.id, body }, { byOwner: true });
  return ok(undefined);
}

/** Resolving a work item ends the help it asked for. */
export function withdrawOpenAssists<S extends WorkItemCore, K extends WorkItemKey>(
  t: Draft<S, K>,
  ctx: ChangeContext,
  reason: string,
): void {
  for (const assist of t.assistsById.values()) {
    if (!assist.isOpen) continue;
    assist.apply('withdraw', ctx.actor, ctx.now);
    t.touchAssist(assist);
    t.record(ctx, 'assist.withdrawn', { kind: 'assist_withdrawn', assistId: assist.id, body: reason }, { reason });
  }
  t.state = { ...t.state, openAssistCount: 0 };
}

/** An open assist of a work item merged into this one, as the target asks it again. */
export interface MovedAssist {
  readonly assistId: string;
  /** The expert who took it on (a team's assist once accepted), else whom it was asked of. */
  readonly target: AssistTarget;
  readonly question: string;
  readonly dueAt: string | null;
  readonly requestedBy: string;
}

/** What a merge carries over of the source's open assists: asked again of the same expert, state `requested`. */
export const movableAssists = <K extends WorkItemKey>(assists: readonly AssistSnapshot<K>[]): MovedAssist[] =>
  assists
    .filter((a) => isOpenAssistState(a.state))
    .map((a) => ({
      assistId: a.id,
      target: a.expertAgentId ? { kind: 'agent', agentId: a.expertAgentId } : a.target,
      question: a.question,
      dueAt: a.dueAt,
      requestedBy: a.requestedBy,
    }));

/**
 * A merge moves an open assist of the source here (issue 18): the same expert is asked the same
 * question on this item, in its own thread, by whoever asked it on the source; the entry names
 * where it came from. The merge checked who may do this; an expert who owns this item is not asked
 * (nobody assists themselves): null then, and the source's withdrawal says so.
 */
export function adoptAssist<S extends WorkItemCore, K extends WorkItemKey>(
  t: Draft<S, K>,
  moved: MovedAssist,
  from: { readonly id: string; readonly number: string },
  ctx: ChangeContext,
): string | null {
  if (moved.target.kind === 'agent' && moved.target.agentId === t.state.ownerId) return null;
  const { practice } = t;
  const home = { ...t.home(), [practice.numberKey]: t.state.number } as AssistHome<K>;
  const assist = Assist.request<K>({
    id: assistIdFor(t.state.id, t.state.lastSeq + 1),
    home,
    target: moved.target,
    requestedBy: moved.requestedBy,
    question: moved.question,
    dueAt: moved.dueAt,
    now: ctx.now,
  });
  t.touchAssist(assist);
  t.state = { ...t.state, openAssistCount: t.state.openAssistCount + 1 };
  t.record(
    ctx,
    'assist.requested',
    { kind: 'assist_requested', body: moved.question, assistId: assist.id },
    { target: moved.target, dueAt: moved.dueAt, movedFrom: { ...from, assistId: moved.assistId } },
  );
  return assist.id;
}
