/**
 * The SLA stamp of a ticket: which policy applies, its clocks as of `now` (what the API shows),
 * the indexed fields the timer and the "SLA due first" sort read, and the warnings/breaches that
 * are due but not yet notified. Pure: (ticket snapshot, assists, configuration, now) -> stamp.
 *
 * Policy choice: the matched policy is frozen on the ticket (a copy), so later edits of policies
 * apply to new tickets only; it is matched again when the ticket's matching facts change (type,
 * priority, team, category, customer tier) or when an admin asks for a recompute.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import { isOpenAssistState } from '../assists/assist-state.js';
import { computeAssistOla, computeSla, type SlaSnapshot } from '../sla/sla-clock.js';
import type { SlaHistoryEvent } from '../sla/sla-history.js';
import { matchPolicy, type SlaTicketFacts, type TSlaPolicy } from '../sla/sla-policy.js';
import type { SlaTargetSnapshot } from '../sla/sla-target.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import { olaFor, type SlaConfig } from './sla-config.js';
import { synthesizeSlaHistory } from './sla-history-tracker.js';
import { pendingNotices, type SlaNotice } from './sla-notices.js';

/** Sort key of tickets with nothing due: after every real instant. */
export const SLA_NO_DUE = '9999-12-31T23:59:59.999Z';

/** Overall badge: breached or warning on a live target first, then ok (running), paused, met. */
export type SlaBadge = 'ok' | 'warning' | 'breached' | 'paused' | 'met';

export interface TicketSlaView {
  readonly policyId: string;
  readonly policyName: string;
  readonly calendarId: string;
  readonly priority: SlaSnapshot['priority'];
  readonly computedAt: string;
  readonly status: SlaBadge;
  /** Soonest due (or breach) instant of a target whose clock has not stopped; null if none. */
  readonly dueAt: string | null;
  readonly firstResponse: SlaTargetSnapshot | null;
  readonly nextResponse: (SlaTargetSnapshot & { readonly cycle: number }) | null;
  readonly resolution: SlaTargetSnapshot | null;
  readonly nextEvaluationAt: string | null;
}

/** A target as the ticket stores it: enough to list, sort and explain; the API recomputes the rest. */
export interface StoredSlaTarget {
  readonly state: SlaTargetSnapshot['state'];
  readonly targetMs: number;
  readonly dueAt: string | null;
  readonly breachedAt: string | null;
}

/** The SLA snapshot written with every change: per target its state and due time, and the badge. */
export interface StoredSlaSnapshot {
  readonly policyId: string;
  readonly status: SlaBadge;
  readonly firstResponse: StoredSlaTarget | null;
  readonly nextResponse: (StoredSlaTarget & { readonly cycle: number }) | null;
  readonly resolution: StoredSlaTarget | null;
}

const storedTarget = (t: SlaTargetSnapshot | null): StoredSlaTarget | null =>
  t && { state: t.state, targetMs: t.targetMs, dueAt: t.dueAt, breachedAt: t.breachedAt };

/** The compact snapshot stored on the ticket (the full view is about four times larger). */
export const storedSlaSnapshot = (view: TicketSlaView | null): StoredSlaSnapshot | null =>
  view && {
    policyId: view.policyId,
    status: view.status,
    firstResponse: storedTarget(view.firstResponse),
    nextResponse: view.nextResponse && {
      ...(storedTarget(view.nextResponse) as StoredSlaTarget),
      cycle: view.nextResponse.cycle,
    },
    resolution: storedTarget(view.resolution),
  };

export interface SlaMeta {
  readonly policy: TSlaPolicy | null;
  readonly factsKey: string;
  /** Notification keys already handled, e.g. `resolution:75`, `nextResponse#2:breached`, `ola:<id>:breached`. */
  readonly notified: readonly string[];
  /** When this stamp was computed (readers cache clocks per ticket version; a recompute moves it). */
  readonly stampedAt?: string;
}

export interface SlaStamp {
  readonly sla: TicketSlaView | null;
  readonly meta: SlaMeta;
  readonly nextEvaluationAt: string | null;
  readonly dueAt: string;
  readonly notices: readonly SlaNotice[];
}

export const slaFactsOf = (ticket: TicketSnapshot): SlaTicketFacts => ({
  type: ticket.type,
  priority: ticket.priority,
  ...(ticket.customerTier ? { customerTier: ticket.customerTier } : {}),
  ...(ticket.customer?.companyId ? { companyId: ticket.customer.companyId } : {}),
  ...(ticket.customer?.accountManagerId ? { accountManagerId: ticket.customer.accountManagerId } : {}),
  ...(ticket.teamId ? { teamId: ticket.teamId } : {}),
  ...(ticket.category ? { category: ticket.category } : {}),
});

/** The customer's company and account manager join the key only when set, so older tickets keep theirs. */
const factsKeyOf = (facts: SlaTicketFacts): string =>
  [facts.type, facts.priority, facts.customerTier, facts.teamId, facts.category]
    .concat(facts.companyId || facts.accountManagerId ? [facts.companyId, facts.accountManagerId] : [])
    .map((v) => v ?? '')
    .join('|');

const LIVE = (target: SlaTargetSnapshot | null): target is SlaTargetSnapshot =>
  target !== null && target.clock !== 'stopped';

const badgeOf = (targets: readonly (SlaTargetSnapshot | null)[]): SlaBadge => {
  const live = targets.filter(LIVE);
  if (live.some((t) => t.state === 'breached')) return 'breached';
  if (live.some((t) => t.warningsCrossed.length > 0)) return 'warning';
  if (live.some((t) => t.state === 'running')) return 'ok';
  if (live.length > 0) return 'paused';
  return targets.some((t) => t?.state === 'breached') ? 'breached' : 'met';
};

export const toSlaView = (snapshot: SlaSnapshot, policy: TSlaPolicy): TicketSlaView => {
  const targets = [snapshot.firstResponse, snapshot.nextResponse, snapshot.resolution];
  const dues = targets
    .filter(LIVE)
    .map((t) => t.breachedAt ?? t.dueAt)
    .filter((at): at is string => at !== null)
    .sort();
  return { ...snapshot, policyName: policy.name, status: badgeOf(targets), dueAt: dues[0] ?? null };
};

export interface StampOptions {
  /** Match the policy again even if the facts did not change (admin recompute). */
  readonly rematch?: boolean;
}

/** The OLA clock of an assist, or null when no OLA (or its calendar) is configured. */
export const olaOf = (assist: AssistSnapshot, config: SlaConfig, now: Date): SlaTargetSnapshot | null => {
  const ola = olaFor(config, assist.expertTeamId);
  const calendar = ola ? config.calendars.get(ola.calendarId) : undefined;
  if (!ola || !calendar) return null;
  const closedAt = assist.closedAt ? new Date(assist.closedAt) : undefined;
  return computeAssistOla(new Date(assist.createdAt), closedAt, ola, calendar, now);
};

export const stampTicket = (
  ticket: TicketSnapshot,
  assists: readonly AssistSnapshot[],
  config: SlaConfig,
  now: Date,
  options: StampOptions = {},
): SlaStamp => {
  const history: readonly SlaHistoryEvent[] = ticket.slaHistory ?? synthesizeSlaHistory(ticket, assists);
  const facts = slaFactsOf(ticket);
  const factsKey = factsKeyOf(facts);
  const previous = ticket.slaMeta;
  const keep = previous !== undefined && previous.factsKey === factsKey && !options.rematch;
  const policy = keep ? previous.policy : (matchPolicy(config.policies, facts) ?? null);
  const calendar = policy ? config.calendars.get(policy.calendarId) : undefined;
  const snapshot = policy && calendar ? computeSla(history, policy, calendar, now) : null;
  const sla = snapshot && policy ? toSlaView(snapshot, policy) : null;

  const olas = assists
    .filter((assist) => isOpenAssistState(assist.state))
    .map((assist) => ({ assist, ola: olaOf(assist, config, now) }));
  const notified = previous?.notified ?? [];
  const notices = pendingNotices(sla, olas, new Set(notified));
  const evaluations = [sla?.nextEvaluationAt ?? null, ...olas.map(({ ola }) => ola?.nextEvaluationAt ?? null)]
    .filter((at): at is string => at !== null)
    .sort();
  // A notice that is already due (the timer was down, a priority change made the ticket overdue)
  // makes the ticket due for evaluation right away.
  const nextEvaluationAt = notices.length > 0 ? now.toISOString() : (evaluations[0] ?? null);
  return {
    sla,
    meta: { policy, factsKey, notified, stampedAt: now.toISOString() },
    nextEvaluationAt,
    dueAt: sla?.dueAt ?? SLA_NO_DUE,
    notices,
  };
};
