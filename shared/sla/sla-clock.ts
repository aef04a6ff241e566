/**
 * SLA clocks as a pure function of (ticket history, policy, calendar, now), and assist OLAs.
 *
 * Rules (see sla-target.ts for the states):
 * - First response runs from creation to the first public agent reply. It does NOT pause on pause
 *   statuses: setting a ticket to pending without answering must not hide a missed first response.
 * - Next response: each customer message after an agent reply opens a cycle that the next public
 *   agent reply closes; the snapshot shows the latest cycle. It pauses on pause statuses.
 * - Resolution runs from creation, pauses on pause statuses (and while an assist is open if the policy
 *   says so), stops on resolved/closed; a reopen resumes it where it stopped (elapsed keeps counting
 *   from its previous value, nothing restarts).
 * - Resolved/closed stops every clock; reopening resumes the ones whose completing event has not
 *   happened yet.
 * - Priority: an open target uses the CURRENT priority's target, applied retroactively from the
 *   target's start (elapsed, which never depends on priority, keeps pause time excluded). A stopped
 *   target keeps the priority in force when it stopped: a later priority change does not re-judge a
 *   first response that was already given.
 * - Attribution: business time of a target's open life while the status is a pause status is
 *   waiting on the customer, else while an assist is open waiting on the expert, else with the owner.
 */
import type { Priority } from '../tickets/priority.js';
import type { TCalendar } from './calendar.js';
import { replayHistory, type SlaHistoryEvent, type TicketTrack } from './sla-history.js';
import { type SlaTargetKind, type TAssistOla, type TSlaPolicy, targetMs } from './sla-policy.js';
import { measureTarget, type SlaTargetSnapshot, type TargetRules } from './sla-target.js';

export interface SlaSnapshot {
  readonly policyId: string;
  readonly calendarId: string;
  /** Priority at `now`. */
  readonly priority: Priority;
  readonly computedAt: string;
  /** null when the policy has no such target for the priority (or no next-response cycle started yet). */
  readonly firstResponse: SlaTargetSnapshot | null;
  /** The latest next-response cycle; `cycle` is its 1-based number. */
  readonly nextResponse: (SlaTargetSnapshot & { readonly cycle: number }) | null;
  readonly resolution: SlaTargetSnapshot | null;
  /** Earliest future instant a running target crosses a warning threshold or its due time, or null. */
  readonly nextEvaluationAt: string | null;
}

interface TargetSpan {
  readonly startAt: number;
  readonly completedAt?: number;
  readonly pausesOnStatus: boolean;
  readonly pausesOnExpert: boolean;
}

const measure = (
  kind: SlaTargetKind,
  span: TargetSpan,
  track: TicketTrack,
  policy: TSlaPolicy,
  calendar: TCalendar,
  now: number,
): SlaTargetSnapshot | null => {
  const stoppedSince = track.stoppedSince === undefined ? undefined : Math.max(track.stoppedSince, span.startAt);
  const stoppedAt = span.completedAt ?? stoppedSince;
  const target = targetMs(policy, kind, track.priorityAt(stoppedAt ?? now));
  if (target === undefined) return null;
  const rules: TargetRules = {
    ...span,
    stoppedSince,
    targetMs: target,
    pauseStatuses: policy.pauseStatuses,
    warningThresholds: policy.warningThresholds,
  };
  return measureTarget(calendar, track.phases, track, rules, now);
};

/** The SLA snapshot of a ticket at `now`, from its history alone. */
export const computeSla = (
  history: readonly SlaHistoryEvent[],
  policy: TSlaPolicy,
  calendar: TCalendar,
  now: Date,
): SlaSnapshot => {
  const t = now.getTime();
  const track = replayHistory(history, t);
  const firstResponse = measure(
    'firstResponse',
    { startAt: track.createdAt, completedAt: track.firstReplyAt, pausesOnStatus: false, pausesOnExpert: false },
    track,
    policy,
    calendar,
    t,
  );
  const cycle = track.cycles[track.cycles.length - 1];
  const nextResponseClock = cycle
    ? measure(
        'nextResponse',
        { startAt: cycle.start, completedAt: cycle.end, pausesOnStatus: true, pausesOnExpert: false },
        track,
        policy,
        calendar,
        t,
      )
    : null;
  const resolution = measure(
    'resolution',
    {
      startAt: track.createdAt,
      pausesOnStatus: true,
      pausesOnExpert: policy.pauseResolutionWhileBlockedOnExpert,
    },
    track,
    policy,
    calendar,
    t,
  );
  const nextResponse = nextResponseClock ? { ...nextResponseClock, cycle: track.cycles.length } : null;
  const evaluations = [firstResponse, nextResponse, resolution]
    .map((target) => target?.nextEvaluationAt)
    .filter((at): at is string => typeof at === 'string')
    .sort();
  return {
    policyId: policy.id,
    calendarId: calendar.id,
    priority: track.priorityAt(t),
    computedAt: now.toISOString(),
    firstResponse,
    nextResponse,
    resolution,
    nextEvaluationAt: evaluations[0] ?? null,
  };
};

/**
 * The OLA clock of one assist: from opening to closing (answered, declined, withdrawn) on the expert
 * team's calendar. All its business time is attributed to the expert.
 */
export const computeAssistOla = (
  openedAt: Date,
  closedAt: Date | undefined,
  ola: TAssistOla,
  calendar: TCalendar,
  now: Date,
): SlaTargetSnapshot => {
  const t = now.getTime();
  const start = Math.min(openedAt.getTime(), t);
  const completedAt = closedAt && closedAt.getTime() <= t ? Math.max(closedAt.getTime(), start) : undefined;
  const phases = [{ from: start, to: completedAt ?? t, status: 'open', assistsOpen: 0 }];
  const snapshot = measureTarget(
    calendar,
    phases,
    { status: 'open', assistsOpen: 0 },
    {
      startAt: start,
      completedAt,
      targetMs: ola.answerWithinMinutes * 60_000,
      pausesOnStatus: false,
      pausesOnExpert: false,
      pauseStatuses: [],
      warningThresholds: ola.warningThresholds,
    },
    t,
  );
  const { withOwnerMs, waitingOnExpertMs } = snapshot.attribution;
  return {
    ...snapshot,
    attribution: { withOwnerMs: 0, waitingOnExpertMs: withOwnerMs + waitingOnExpertMs, waitingOnCustomerMs: 0 },
  };
};
