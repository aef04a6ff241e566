/**
 * The slice of a ticket's history that SLA clocks are computed from, and its replay into phases
 * (stretches of constant status and open-assist count). Clocks are never stored counters: replaying
 * the history is what makes them exact and explainable.
 */
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../tickets/priority.js';
import type { TicketStatus } from '../tickets/ticket-status.js';

/** Ticket statuses; other strings are accepted so new waiting statuses need no change here. */
export type SlaStatus = TicketStatus | (string & {});
/** Statuses in which no SLA clock runs; leaving them (reopen) resumes the clocks. */
export const STOPPED_STATUSES: readonly string[] = ['resolved', 'closed'];

const ZAt = z.iso.datetime({ offset: true });
const ZStatus = z.string().min(1).max(50);

export const ZSlaHistoryEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('created'), at: ZAt, priority: z.enum(PRIORITIES), status: ZStatus.optional() }),
  z.strictObject({ type: z.literal('status_changed'), at: ZAt, from: ZStatus, to: ZStatus }),
  z.strictObject({ type: z.literal('priority_changed'), at: ZAt, from: z.enum(PRIORITIES), to: z.enum(PRIORITIES) }),
  z.strictObject({ type: z.literal('agent_public_reply'), at: ZAt }),
  z.strictObject({ type: z.literal('customer_message'), at: ZAt }),
  z.strictObject({ type: z.literal('assist_opened'), at: ZAt, assistId: z.string().min(1) }),
  z.strictObject({ type: z.literal('assist_closed'), at: ZAt, assistId: z.string().min(1) }),
]);

export type SlaHistoryEvent =
  | { readonly type: 'created'; readonly at: string; readonly priority: Priority; readonly status?: SlaStatus }
  | { readonly type: 'status_changed'; readonly at: string; readonly from: SlaStatus; readonly to: SlaStatus }
  | { readonly type: 'priority_changed'; readonly at: string; readonly from: Priority; readonly to: Priority }
  | { readonly type: 'agent_public_reply'; readonly at: string }
  | { readonly type: 'customer_message'; readonly at: string }
  | { readonly type: 'assist_opened'; readonly at: string; readonly assistId: string }
  | { readonly type: 'assist_closed'; readonly at: string; readonly assistId: string };

/** [from, to) with one status and one number of open assists. */
export interface Phase {
  readonly from: number;
  readonly to: number;
  readonly status: SlaStatus;
  readonly assistsOpen: number;
}

/** A next-response cycle: from the customer message that opened it to the agent reply that answered it. */
export interface ResponseCycle {
  readonly start: number;
  end?: number;
}

export interface TicketTrack {
  readonly createdAt: number;
  /** Contiguous phases from creation to `now`. */
  readonly phases: readonly Phase[];
  readonly firstReplyAt?: number;
  readonly cycles: readonly ResponseCycle[];
  /** When the ticket last entered a stopped status, if it is in one at `now`. */
  readonly stoppedSince?: number;
  /** Status and open assists at `now`. */
  readonly status: SlaStatus;
  readonly assistsOpen: number;
  priorityAt(t: number): Priority;
}

const instant = (at: string): number => {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new RangeError(`SLA history event has an invalid time "${at}"`);
  return t;
};

/** Replays the history up to `now` (later events are ignored; same-instant events keep list order). */
export const replayHistory = (history: readonly SlaHistoryEvent[], now: number): TicketTrack => {
  const created = history.find((event) => event.type === 'created');
  if (!created) throw new Error('SLA history has no created event');
  const createdAt = instant(created.at);
  const events = history
    .map((event, index) => ({ event, index, t: Math.max(instant(event.at), createdAt) }))
    .filter(({ t }) => t <= now)
    .sort((a, b) => a.t - b.t || a.index - b.index);

  const phases: Phase[] = [];
  const priorities: Array<[number, Priority]> = [[createdAt, created.priority]];
  const cycles: ResponseCycle[] = [];
  const openAssists = new Set<string>();
  let status: SlaStatus = created.status ?? 'new';
  let cursor = createdAt;
  let firstReplyAt: number | undefined;
  let stoppedSince: number | undefined = STOPPED_STATUSES.includes(status) ? createdAt : undefined;

  for (const { event, t } of events) {
    if (t > cursor) {
      phases.push({ from: cursor, to: t, status, assistsOpen: openAssists.size });
      cursor = t;
    }
    switch (event.type) {
      case 'status_changed': {
        const wasStopped = STOPPED_STATUSES.includes(status);
        status = event.to;
        if (!STOPPED_STATUSES.includes(status)) stoppedSince = undefined;
        else if (!wasStopped) stoppedSince = t;
        break;
      }
      case 'priority_changed':
        priorities.push([t, event.to]);
        break;
      case 'agent_public_reply': {
        firstReplyAt ??= t;
        const open = cycles[cycles.length - 1];
        if (open && open.end === undefined) open.end = t;
        break;
      }
      case 'customer_message': {
        // Before the first reply the customer is still waiting for it; a message while a cycle is
        // open does not restart that cycle.
        const last = cycles[cycles.length - 1];
        if (firstReplyAt !== undefined && (!last || last.end !== undefined)) cycles.push({ start: t });
        break;
      }
      case 'assist_opened':
        openAssists.add(event.assistId);
        break;
      case 'assist_closed':
        openAssists.delete(event.assistId);
        break;
    }
  }
  if (now > cursor) phases.push({ from: cursor, to: now, status, assistsOpen: openAssists.size });

  const priorityAt = (t: number): Priority => {
    let current = created.priority;
    for (const [from, priority] of priorities) if (from <= t) current = priority;
    return current;
  };
  return { createdAt, phases, firstReplyAt, cycles, stoppedSince, status, assistsOpen: openAssists.size, priorityAt };
};
