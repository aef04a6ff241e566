/**
 * What one ticket contributes to the reporting read model, as a pure function of its stored state
 * (ticket document, timeline entries, assists) and the SLA configuration. Every figure is computed
 * "as of" the ticket's last write, never of the wall clock, so projecting the same stored ticket
 * twice, in any order and any number of times, gives the same contribution (docs/metrics.md).
 */
import type { AssistSnapshot } from '../assists/assist.js';
import { isOpenAssistState } from '../assists/assist-state.js';
import { businessTimeBetween } from '../sla/business-time.js';
import type { TCalendar } from '../sla/calendar.js';
import { computeAssistOla, computeSla } from '../sla/sla-clock.js';
import { replayHistory, type SlaHistoryEvent, STOPPED_STATUSES } from '../sla/sla-history.js';
import { SLA_TARGET_KINDS } from '../sla/sla-policy.js';
import { wallClockAt } from '../sla/time-zone.js';
import { olaFor, type SlaConfig } from '../sla-engine/sla-config.js';
import { synthesizeSlaHistory } from '../sla-engine/sla-history-tracker.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import { binOf } from './duration-histogram.js';
import { type BucketRef, type Contribution, ContributionBuilder, NONE } from './report-model.js';

export interface TicketFactsInput {
  readonly ticket: TicketSnapshot;
  readonly entries: readonly TimelineEntry[];
  readonly assists: readonly AssistSnapshot[];
  readonly config: SlaConfig;
  /** IANA zone whose calendar days the buckets use. */
  readonly timeZone: string;
}

/** Calendar day (YYYY-MM-DD) of an instant in the zone. */
export const dayOf = (ms: number, timeZone: string): string =>
  new Date(timeZone === 'UTC' ? ms : wallClockAt(timeZone, ms)).toISOString().slice(0, 10);

/** The instant the ticket's figures are computed for: its last write (a stamp by the SLA timer included). */
export const asOfOf = (ticket: TicketSnapshot): number => {
  const updated = Date.parse(ticket.updatedAt);
  const stamped = ticket.slaMeta?.stampedAt ? Date.parse(ticket.slaMeta.stampedAt) : Number.NaN;
  return Number.isNaN(stamped) ? updated : Math.max(updated, stamped);
};

const reopenTimes = (history: readonly SlaHistoryEvent[]): number[] =>
  history
    .filter((e) => e.type === 'status_changed' && STOPPED_STATUSES.includes(e.from) && !STOPPED_STATUSES.includes(e.to))
    .map((e) => Date.parse(e.at));

/**
 * Resolution business time: the business time the resolution clock counts, i.e. the phases before
 * the final resolution outside resolved/closed, outside pause statuses and, when the policy pauses
 * on experts, outside stretches with an open assist (sla-clock.ts).
 */
const resolutionBusinessMs = (
  track: ReturnType<typeof replayHistory>,
  calendar: TCalendar,
  policy: NonNullable<NonNullable<TicketSnapshot['slaMeta']>['policy']>,
): number => {
  let sum = 0;
  for (const phase of track.phases) {
    if (STOPPED_STATUSES.includes(phase.status) || policy.pauseStatuses.includes(phase.status)) continue;
    if (policy.pauseResolutionWhileBlockedOnExpert && phase.assistsOpen > 0) continue;
    sum += businessTimeBetween(calendar, new Date(phase.from), new Date(phase.to));
  }
  return sum;
};

export const ticketContribution = (input: TicketFactsInput): Contribution => {
  const { ticket, entries, assists, config, timeZone } = input;
  const out = new ContributionBuilder();
  const asOf = asOfOf(ticket);
  const history = ticket.slaHistory ?? synthesizeSlaHistory(ticket, assists);
  const track = replayHistory(history, asOf);
  const policy = ticket.slaMeta?.policy ?? null;
  const calendar = policy ? config.calendars.get(policy.calendarId) : undefined;
  const day = (ms: number): string => dayOf(ms, timeZone);
  const base = {
    teamId: ticket.teamId ?? NONE,
    priority: ticket.priority,
    type: ticket.type,
  };
  const at = (ms: number): BucketRef => ({
    family: 'tickets',
    day: day(ms),
    dims: { ...base, channel: ticket.channel, policyId: policy?.id ?? NONE },
  });
  const agentAt = (ms: number, agentId: string): BucketRef => ({
    family: 'agents',
    day: day(ms),
    dims: { ...base, agentId },
  });

  const createdAt = track.createdAt;
  const stopped = track.stoppedSince !== undefined && STOPPED_STATUSES.includes(track.status);
  const reopens = reopenTimes(history);
  const replies = history.filter((e) => e.type === 'agent_public_reply').length;
  const assistCount = Math.max(
    assists.length,
    new Set(history.flatMap((e) => (e.type === 'assist_opened' ? [e.assistId] : []))).size,
  );
  const transfers = entries.filter((e) => e.kind === 'owner_changed' && e.data.via === 'transfer').length;
  const owner = ticket.ownerId;

  // Created day: intake, escalation, backlog.
  out.count(at(createdAt), 'created');
  if (assistCount > 0) out.count(at(createdAt), 'escalated');
  if (!stopped) {
    out.count(at(createdAt), 'open');
    if (owner) out.count(agentAt(createdAt, owner), 'open');
  }
  for (const t of reopens) out.count(at(t), 'reopened');

  // First response day.
  if (track.firstReplyAt !== undefined) {
    const t = track.firstReplyAt;
    out.duration(at(t), 'frCalendar', t - createdAt, binOf(t - createdAt));
    if (calendar) {
      const ms = businessTimeBetween(calendar, new Date(createdAt), new Date(t));
      out.duration(at(t), 'frBusiness', ms, binOf(ms));
    }
  }

  // Final resolution day: throughput, FCR, reopen rate, reassignment, resolution time.
  if (stopped && track.stoppedSince !== undefined) {
    const t = track.stoppedSince;
    const ref = at(t);
    out.count(ref, 'resolved');
    if (reopens.length > 0) out.count(ref, 'reopenedResolved');
    const fcr = replies === 1 && assistCount === 0 && reopens.length === 0;
    if (fcr) out.count(ref, 'fcr');
    out.count(ref, 'transfers', transfers);
    out.duration(ref, 'resCalendar', t - createdAt, binOf(t - createdAt));
    const business = calendar && policy ? resolutionBusinessMs(track, calendar, policy) : undefined;
    if (business !== undefined) out.duration(ref, 'resBusiness', business, binOf(business));
    if (owner) {
      const agent = agentAt(t, owner);
      out.count(agent, 'resolved');
      if (fcr) out.count(agent, 'fcr');
      out.duration(agent, 'resCalendar', t - createdAt, binOf(t - createdAt));
      if (business !== undefined) out.duration(agent, 'resBusiness', business, binOf(business));
    }
  }

  // Replies by agent, on the day they were sent.
  for (const entry of entries) {
    if (entry.kind === 'email_out' && entry.visibility === 'public' && entry.author.kind === 'agent')
      out.count(agentAt(Date.parse(entry.at), entry.author.agentId), 'replies');
  }

  // SLA targets decided: met on the day the clock stopped, breached on the day it breached.
  if (policy && calendar) {
    const sla = computeSla(history, policy, calendar, new Date(asOf));
    for (const kind of SLA_TARGET_KINDS) {
      const target = sla[kind];
      if (!target) continue;
      if (target.state === 'met' && target.stoppedAt) out.count(at(Date.parse(target.stoppedAt)), `sla.${kind}.met`);
      if (target.state === 'breached' && target.breachedAt) {
        const ref = at(Date.parse(target.breachedAt));
        out.count(ref, `sla.${kind}.breached`);
        out.count(ref, `breach.${kind}.ownerMs`, target.attribution.withOwnerMs);
        out.count(ref, `breach.${kind}.expertMs`, target.attribution.waitingOnExpertMs);
        out.count(ref, `breach.${kind}.customerMs`, target.attribution.waitingOnCustomerMs);
      }
    }
  }

  // Assists, on the day each was requested, by expert team.
  for (const assist of assists) {
    const opened = Date.parse(assist.createdAt);
    const ref: BucketRef = {
      family: 'assists',
      day: day(opened),
      dims: { ...base, expertTeamId: assist.expertTeamId ?? NONE },
    };
    out.count(ref, 'requested');
    if (isOpenAssistState(assist.state)) out.count(ref, 'open');
    else out.count(ref, assist.state);
    if (assist.state === 'timed_out') out.count(ref, 'timedOut');
    const closed = assist.closedAt ? Date.parse(assist.closedAt) : undefined;
    if (assist.state === 'answered' && closed !== undefined)
      out.duration(ref, 'answerCalendar', closed - opened, binOf(closed - opened));
    const ola = olaFor(config, assist.expertTeamId);
    const olaCalendar = ola ? config.calendars.get(ola.calendarId) : undefined;
    if (ola && olaCalendar) {
      const clock = computeAssistOla(
        new Date(opened),
        closed === undefined ? undefined : new Date(closed),
        ola,
        olaCalendar,
        new Date(asOf),
      );
      if (clock.state === 'met') out.count(ref, 'olaMet');
      if (clock.state === 'breached') out.count(ref, 'olaBreached');
      if (assist.state === 'answered') out.duration(ref, 'answerBusiness', clock.elapsedMs, binOf(clock.elapsedMs));
    }
  }
  return out.buckets;
};
