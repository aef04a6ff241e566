/**
 * Notes, field edits and automation entries on the Ticket aggregate: who may write what, and the
 * timeline entry each change leaves. Called by Ticket's methods.
 */
import { isSupervisor } from '../directory/agent.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Visibility } from '../timeline/timeline-entry.js';
import { priorityOf } from './priority.js';
import type { TicketDraft } from './ticket-draft.js';
import { mayEditTicket } from './ticket-permissions.js';
import type { TicketFieldsPatch, TicketSnapshot } from './ticket-types.js';

const EDITABLE = ['title', 'type', 'impact', 'urgency', 'priority', 'category', 'teamId', 'tags'] as const;

export function addNote(t: TicketDraft, body: string, visibility: Visibility, ctx: ChangeContext): Result<string> {
  const { actor } = ctx;
  if (body.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A note needs a body');
  if (actor.kind === 'customer' || actor.kind === 'mailbox')
    return fail('AUTH.FORBIDDEN', 'Only agents and the system write notes');
  if (visibility === 'public' && actor.kind === 'agent' && !t.isOwner(ctx) && !isSupervisor(actor.roles))
    return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can add a public note');
  const entry = t.record(ctx, 'ticket.note_added', { kind: 'note', visibility, body }, { visibility });
  return ok(entry.id);
}

export function updateFields(t: TicketDraft, patch: TicketFieldsPatch, ctx: ChangeContext): Result<void> {
  if (!mayEditTicket(t.state, ctx.actor))
    return fail('TICKET.NOT_OWNER', 'Only the owner or a lead/admin can edit this ticket');
  if (t.state.status === 'closed') return fail('TICKET.CLOSED', `Ticket ${t.state.number} is closed`);
  if (patch.title !== undefined && patch.title.trim() === '')
    return fail('REQUEST.VALIDATION_FAILED', 'A ticket needs a title');
  const state = t.state;
  // Copy only the editable fields that are given: a loosely built patch (extra keys such as
  // ownerId, or `impact: undefined`) must not reach the state.
  const next: TicketSnapshot = {
    ...state,
    title: patch.title?.trim() ?? state.title,
    type: patch.type ?? state.type,
    impact: patch.impact ?? state.impact,
    urgency: patch.urgency ?? state.urgency,
    category: patch.category === undefined ? state.category : patch.category,
    teamId: patch.teamId === undefined ? state.teamId : patch.teamId,
    tags: patch.tags ? [...new Set(patch.tags)] : state.tags,
  };
  const withPriority = { ...next, priority: priorityOf(next.impact, next.urgency) };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of EDITABLE) {
    if (JSON.stringify(state[key]) !== JSON.stringify(withPriority[key]))
      changes[key] = { from: state[key], to: withPriority[key] };
  }
  if (Object.keys(changes).length === 0) return ok(undefined);
  t.state = withPriority;
  t.record(ctx, 'ticket.updated', { kind: 'fields_changed' }, { changes });
  return ok(undefined);
}

/**
 * What an automation did or refused to do, named on the timeline (internal). Only system actors
 * (a rule, the router) write these; the ticket's state is not touched.
 */
export function recordAutomation(
  t: TicketDraft,
  input: {
    body: string;
    ruleId: string | null;
    ruleName: string | null;
    action: string;
    outcome: string;
    assistId?: string | null;
  },
  ctx: ChangeContext,
): Result<string> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only automations record automation entries');
  const { body, assistId, ...data } = input;
  const entry = t.record(ctx, 'ticket.rule_applied', { kind: 'rule_action', body, assistId: assistId ?? null }, data);
  return ok(entry.id);
}
