/**
 * The email channel on the Ticket aggregate: the owner's replies to the customer, customer mail
 * landing on the ticket (waking or reopening it within the policy), and delivery failures said on
 * the timeline. Called by Ticket's methods.
 */
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { entryId } from '../timeline/timeline-entry.js';
import type { TicketDraft } from './ticket-draft.js';
import {
  acceptsCustomerMail,
  type InboundEmail,
  participantsOf,
  type ReopenPolicy,
  withParticipants,
} from './ticket-email.js';
import { changeStatus } from './ticket-status-ops.js';

/**
 * A reply to the customer (sent as email by the mail channel). Only the owner speaks to the
 * customer; experts propose replies through their assist instead.
 */
export function reply(
  t: TicketDraft,
  input: { body: string; cc: readonly string[] },
  ctx: ChangeContext,
): Result<string> {
  if (!t.isOwner(ctx)) return fail('TICKET.NOT_OWNER', 'Only the owner replies to the customer');
  const { state } = t;
  if (state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${state.number} is closed`);
  if (input.body.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A reply needs a body');
  const email = {
    to: [{ address: state.requester.email, name: state.requester.name }],
    cc: input.cc.map((address) => ({ address, name: '' })),
    subject: `[${state.number}] ${state.title}`,
    text: input.body,
    html: null,
    attachments: [],
  };
  const entry = t.record(
    ctx,
    'ticket.replied',
    { kind: 'email_out', visibility: 'public', body: input.body },
    { email, delivery: 'pending', entryId: entryId(state.id, state.lastSeq + 1) },
  );
  return ok(entry.id);
}

/**
 * A customer's mail lands on the ticket (public email_in entry). A person's mail wakes a pending
 * ticket and reopens a resolved one within the policy window; mail no person wrote (auto-replies,
 * bounces) is attached without touching the status. Refused with TICKET.CLOSED when a person
 * writes to a closed ticket or after the window: ingestion then opens a linked ticket.
 */
export function receiveEmail(
  t: TicketDraft,
  mail: InboundEmail,
  policy: ReopenPolicy,
  ctx: ChangeContext,
): Result<{ entryId: string; reopened: boolean }> {
  // An expert's mail (an agent or a team mailbox) is never customer mail: it cannot become public.
  if (ctx.actor.kind === 'agent' || ctx.actor.kind === 'mailbox')
    return fail('AUTH.FORBIDDEN', 'Inbound mail comes from customers or the system');
  const human = mail.automatic === null;
  if (human && !acceptsCustomerMail(t.state, policy, ctx.now))
    return fail('TICKET.CLOSED', `Ticket ${t.state.number} no longer takes replies`, { status: t.state.status });
  if (human)
    t.state = {
      ...t.state,
      participants: withParticipants(participantsOf(t.state), [mail.from.address, ...mail.cc]),
    };
  const entry = t.record(
    ctx,
    'ticket.email_received',
    { kind: 'email_in', visibility: 'public', body: mail.body, data: mail.data },
    { from: mail.from.address, automatic: mail.automatic?.kind ?? null },
  );
  const wakes = human && (t.state.status === 'pending' || t.state.status === 'resolved');
  if (wakes) {
    const reason =
      t.state.status === 'resolved' ? 'The customer replied to the resolved ticket' : 'The customer replied';
    const moved = changeStatus(t, 'open', reason, ctx);
    if (!moved.ok) return moved;
  }
  return ok({ entryId: entry.id, reopened: wakes });
}

/** An outbound mail failed for good: said on the ticket (internal), never silently. */
export function recordEmailFailure(
  t: TicketDraft,
  input: { entryId: string; reason: string; recipients: readonly string[] },
  ctx: ChangeContext,
): Result<string> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only the mail channel records delivery failures');
  const entry = t.record(ctx, 'ticket.email_failed', { kind: 'email_failed', body: input.reason }, { ...input });
  return ok(entry.id);
}

/** A reply held by shadow mode (parallel run, ADR 0036): written, never sent; internal, by the system only. */
export function recordEmailHeld(
  t: TicketDraft,
  input: { entryId: string; mailbox: string },
  ctx: ChangeContext,
): Result<string> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only the mail channel records held replies');
  const body = `Not sent: shadow mode (${input.mailbox} is in its parallel run)`;
  const entry = t.record(ctx, 'ticket.email_held', { kind: 'email_held', body }, { ...input });
  return ok(entry.id);
}
