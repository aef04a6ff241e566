/**
 * Which SLA notifications are due and not yet sent. Each has a stable key stored on the ticket
 * once handled, which is what makes `sla.warning` once per threshold per target and `sla.breached`
 * once per target (per next-response cycle: each cycle is its own target).
 *
 * Choices: a warning that is only discovered after its target breached (or stopped) is marked
 * handled silently rather than sent late; a breach is always sent, even when it is discovered after
 * the late answer. An overdue assist OLA becomes `assist.timed_out` (the aggregate's own act).
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { SlaTargetSnapshot } from '../sla/sla-target.js';
import type { TicketSlaView } from './ticket-sla.js';

export type SlaNoticeTarget = 'firstResponse' | 'nextResponse' | 'resolution' | 'ola';

export interface SlaNotice {
  readonly key: string;
  readonly kind: 'warning' | 'breached';
  readonly target: SlaNoticeTarget;
  /** Marked handled without an event (stale warning). */
  readonly silent: boolean;
  readonly threshold: number | null;
  readonly cycle: number | null;
  readonly assistId: string | null;
  readonly percent: number;
  readonly dueAt: string | null;
  readonly breachedAt: string | null;
}

const noticesOf = (
  target: SlaNoticeTarget,
  prefix: string,
  clock: SlaTargetSnapshot,
  notified: ReadonlySet<string>,
  extra: { cycle: number | null; assistId: string | null },
): SlaNotice[] => {
  const notices: SlaNotice[] = [];
  const base = { target, ...extra, percent: Math.round(clock.percent * 10) / 10, dueAt: clock.dueAt };
  const late = clock.state === 'breached' || clock.clock === 'stopped';
  for (const threshold of clock.warningsCrossed) {
    const key = `${prefix}:${threshold}`;
    if (!notified.has(key)) notices.push({ ...base, key, kind: 'warning', silent: late, threshold, breachedAt: null });
  }
  const breachKey = `${prefix}:breached`;
  if (clock.state === 'breached' && !notified.has(breachKey))
    notices.push({
      ...base,
      key: breachKey,
      kind: 'breached',
      silent: false,
      threshold: null,
      breachedAt: clock.breachedAt,
    });
  return notices;
};

export const pendingNotices = (
  sla: TicketSlaView | null,
  olas: readonly { assist: AssistSnapshot; ola: SlaTargetSnapshot | null }[],
  notified: ReadonlySet<string>,
): SlaNotice[] => {
  const notices: SlaNotice[] = [];
  const none = { cycle: null, assistId: null };
  if (sla?.firstResponse)
    notices.push(...noticesOf('firstResponse', 'firstResponse', sla.firstResponse, notified, none));
  if (sla?.nextResponse) {
    const { cycle } = sla.nextResponse;
    notices.push(
      ...noticesOf('nextResponse', `nextResponse#${cycle}`, sla.nextResponse, notified, { cycle, assistId: null }),
    );
  }
  if (sla?.resolution) notices.push(...noticesOf('resolution', 'resolution', sla.resolution, notified, none));
  for (const { assist, ola } of olas) {
    if (!ola) continue;
    // A timed-out assist already had its breach acted on (also when an admin did it by hand).
    const seen = assist.state === 'timed_out' ? new Set([...notified, `ola:${assist.id}:breached`]) : notified;
    notices.push(...noticesOf('ola', `ola:${assist.id}`, ola, seen, { cycle: null, assistId: assist.id }));
  }
  return notices;
};
