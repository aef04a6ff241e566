/**
 * Keeps a ticket's compact SLA history in step with its state. The Ticket aggregate calls
 * `trackSlaHistory` after every recorded change: status, priority and open assists are compared with
 * what the history already says (so any method, including ones added later such as inbound email,
 * feeds the clocks without knowing about them), and replies / customer messages are taken from the
 * change itself. Nothing here reads the timeline.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import { isOpenAssistState } from '../assists/assist-state.js';
import type { EventType } from '../events/domain-event.js';
import type { ActorRef } from '../kernel/actor.js';
import type { SlaHistoryEvent } from '../sla/sla-history.js';
import type { Priority } from '../tickets/priority.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { EntryKind } from '../timeline/timeline-entry.js';

interface Tracked {
  status: string;
  priority: Priority;
  openAssists: Set<string>;
}

const replay = (history: readonly SlaHistoryEvent[]): Tracked => {
  const tracked: Tracked = { status: 'new', priority: 'P4', openAssists: new Set() };
  for (const event of history) {
    if (event.type === 'created') {
      tracked.status = event.status ?? 'new';
      tracked.priority = event.priority;
    } else if (event.type === 'status_changed') tracked.status = event.to;
    else if (event.type === 'priority_changed') tracked.priority = event.to;
    else if (event.type === 'assist_opened') tracked.openAssists.add(event.assistId);
    else if (event.type === 'assist_closed') tracked.openAssists.delete(event.assistId);
  }
  return tracked;
};

/** What one recorded change was, as far as the clocks care. */
export interface RecordedChange {
  readonly type: EventType;
  readonly kind: EntryKind;
  readonly author: ActorRef;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The history after a change; the same array when the change does not touch any clock. */
export const trackSlaHistory = (
  history: readonly SlaHistoryEvent[],
  state: TicketSnapshot,
  assists: Iterable<AssistSnapshot>,
  change: RecordedChange,
): readonly SlaHistoryEvent[] => {
  const tracked = replay(history);
  const at = change.at;
  const added: SlaHistoryEvent[] = [];
  if (tracked.status !== state.status)
    added.push({ type: 'status_changed', at, from: tracked.status, to: state.status });
  if (tracked.priority !== state.priority)
    added.push({ type: 'priority_changed', at, from: tracked.priority, to: state.priority });
  for (const assist of assists) {
    const open = isOpenAssistState(assist.state);
    if (open && !tracked.openAssists.has(assist.id)) added.push({ type: 'assist_opened', at, assistId: assist.id });
    if (!open && tracked.openAssists.has(assist.id)) added.push({ type: 'assist_closed', at, assistId: assist.id });
  }
  if (change.type === 'ticket.replied') added.push({ type: 'agent_public_reply', at });
  // Inbound mail a person on the customer side wrote restarts next response; auto-replies and
  // bounces (the email channel marks them `automatic`) do not.
  const human = change.data.automatic === undefined || change.data.automatic === null;
  if (change.kind === 'email_in' && change.author.kind === 'customer' && human)
    added.push({ type: 'customer_message', at });
  return added.length === 0 ? history : [...history, ...added];
};

/**
 * A best-effort history for tickets stored before the SLA engine: created at its creation time in
 * its current status and priority, plus its open assists. Pending stretches of the past are unknown.
 */
export const synthesizeSlaHistory = (state: TicketSnapshot, assists: Iterable<AssistSnapshot>): SlaHistoryEvent[] => {
  const history: SlaHistoryEvent[] = [
    { type: 'created', at: state.createdAt, priority: state.priority, status: state.status },
  ];
  for (const assist of assists)
    if (isOpenAssistState(assist.state))
      history.push({ type: 'assist_opened', at: assist.createdAt, assistId: assist.id });
  return history;
};
