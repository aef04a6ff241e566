/**
 * One SLA clock measured over a replayed ticket: business time elapsed, paused, attributed, the
 * breach instant, the due time and the next instant worth re-evaluating.
 *
 * States: 'running' (counting, not yet due), 'paused' (waiting status or blocked on expert),
 * 'met' (stopped before its due time), 'breached' (elapsed reached the target; sticky: it stays
 * breached whether the ticket is still open or was answered/resolved late). `clock` says whether
 * the clock itself is running, paused or stopped, so an overdue open ticket is
 * { state: 'breached', clock: 'running' } and a late answer is { state: 'breached', clock: 'stopped' }.
 */
import { addBusinessTime, businessTimeBetween } from './business-time.js';
import type { TCalendar } from './calendar.js';
import { type Phase, STOPPED_STATUSES } from './sla-history.js';

export type SlaTargetState = 'running' | 'paused' | 'met' | 'breached';
export type SlaClockState = 'running' | 'paused' | 'stopped';

/** Business time of a target's open life split by who the ticket was waiting on. */
export interface SlaAttribution {
  readonly withOwnerMs: number;
  readonly waitingOnExpertMs: number;
  readonly waitingOnCustomerMs: number;
}

export interface SlaTargetSnapshot {
  readonly state: SlaTargetState;
  readonly clock: SlaClockState;
  readonly targetMs: number;
  /** Business time counted against the target. */
  readonly elapsedMs: number;
  /** max(0, target - elapsed). */
  readonly remainingMs: number;
  /** max(0, elapsed - target). */
  readonly overdueMs: number;
  /** elapsed / target * 100, not capped. */
  readonly percent: number;
  /** Running: when it will breach if it keeps running. Breached: when it breached. Met: when it was due
   *  at the moment it stopped. Paused: null (nothing can be due while the clock stands still). */
  readonly dueAt: string | null;
  readonly startedAt: string;
  readonly stoppedAt: string | null;
  readonly breachedAt: string | null;
  /** Business time during which the clock was paused (not counted). */
  readonly pausedMs: number;
  /** Sums to elapsedMs + pausedMs. */
  readonly attribution: SlaAttribution;
  /** Warning thresholds (percent) already crossed, ascending. */
  readonly warningsCrossed: readonly number[];
  /** Next instant a threshold or the due time is crossed while the clock runs, else null. */
  readonly nextEvaluationAt: string | null;
}

export interface TargetRules {
  readonly startAt: number;
  /** The event that completes the target (first reply, answering reply), if it happened by `now`. */
  readonly completedAt?: number;
  /** When the ticket entered resolved/closed, if it is in such a status at `now`. */
  readonly stoppedSince?: number;
  readonly targetMs: number;
  readonly pausesOnStatus: boolean;
  readonly pausesOnExpert: boolean;
  readonly pauseStatuses: readonly string[];
  readonly warningThresholds: readonly number[];
}

/** Status and open assists at `now`. */
export interface CurrentTicketState {
  readonly status: string;
  readonly assistsOpen: number;
}

const iso = (t: number): string => new Date(t).toISOString();

/** Threshold in ms; rounded up so "crossed" never fires a millisecond early. */
export const thresholdMs = (targetMs: number, percent: number): number => Math.ceil((targetMs * percent) / 100);

/** Measures one target over the ticket's phases (which end at `now`). */
export const measureTarget = (
  calendar: TCalendar,
  phases: readonly Phase[],
  current: CurrentTicketState,
  rules: TargetRules,
  now: number,
): SlaTargetSnapshot => {
  const end = rules.completedAt ?? now;
  const attribution = { withOwnerMs: 0, waitingOnExpertMs: 0, waitingOnCustomerMs: 0 };
  let elapsed = 0;
  let paused = 0;
  let breachedAt: number | undefined;
  const stoppedAt = rules.completedAt ?? rules.stoppedSince;
  const isCounting = (status: string, assistsOpen: number): boolean =>
    !(rules.pausesOnStatus && rules.pauseStatuses.includes(status)) && !(rules.pausesOnExpert && assistsOpen > 0);
  const clock: SlaClockState =
    stoppedAt !== undefined ? 'stopped' : isCounting(current.status, current.assistsOpen) ? 'running' : 'paused';

  for (const phase of phases) {
    const from = Math.max(phase.from, rules.startAt);
    const to = Math.min(phase.to, end);
    if (from >= to) continue;
    if (STOPPED_STATUSES.includes(phase.status)) continue;
    const waitingOnCustomer = rules.pauseStatuses.includes(phase.status);
    const waitingOnExpert = phase.assistsOpen > 0;
    const counting = isCounting(phase.status, phase.assistsOpen);
    const business = businessTimeBetween(calendar, new Date(from), new Date(to));
    if (waitingOnCustomer) attribution.waitingOnCustomerMs += business;
    else if (waitingOnExpert) attribution.waitingOnExpertMs += business;
    else attribution.withOwnerMs += business;
    if (counting) {
      if (breachedAt === undefined && elapsed + business >= rules.targetMs) {
        breachedAt = addBusinessTime(calendar, new Date(from), rules.targetMs - elapsed).getTime();
      }
      elapsed += business;
    } else {
      paused += business;
    }
  }

  const remaining = Math.max(0, rules.targetMs - elapsed);
  const state: SlaTargetState = breachedAt !== undefined ? 'breached' : clock === 'stopped' ? 'met' : clock;
  let dueAt: number | undefined = breachedAt;
  if (dueAt === undefined && clock === 'running') dueAt = addBusinessTime(calendar, new Date(now), remaining).getTime();
  if (dueAt === undefined && clock === 'stopped' && stoppedAt !== undefined) {
    dueAt = addBusinessTime(calendar, new Date(stoppedAt), remaining).getTime();
  }
  const thresholds = [...rules.warningThresholds].sort((a, b) => a - b);
  const warningsCrossed = thresholds.filter((percent) => elapsed >= thresholdMs(rules.targetMs, percent));
  let nextEvaluationAt: number | undefined;
  if (state === 'running') {
    const nextThreshold = thresholds.find((percent) => elapsed < thresholdMs(rules.targetMs, percent));
    nextEvaluationAt =
      nextThreshold === undefined
        ? dueAt
        : addBusinessTime(calendar, new Date(now), thresholdMs(rules.targetMs, nextThreshold) - elapsed).getTime();
  }

  return {
    state,
    clock,
    targetMs: rules.targetMs,
    elapsedMs: elapsed,
    remainingMs: remaining,
    overdueMs: Math.max(0, elapsed - rules.targetMs),
    percent: (elapsed * 100) / rules.targetMs,
    dueAt: dueAt === undefined ? null : iso(dueAt),
    startedAt: iso(rules.startAt),
    stoppedAt: stoppedAt === undefined ? null : iso(stoppedAt),
    breachedAt: breachedAt === undefined ? null : iso(breachedAt),
    pausedMs: paused,
    attribution,
    warningsCrossed,
    nextEvaluationAt: nextEvaluationAt === undefined ? null : iso(nextEvaluationAt),
  };
};
