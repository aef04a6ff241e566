/**
 * The SLA engine's writes on the Ticket aggregate: the stored SLA snapshot of each write (derived
 * state, no timeline entry) and the warning/breach notices, each sent once. Called by Ticket's
 * methods.
 */
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { SlaNotice } from '../sla-engine/sla-notices.js';
import { type SlaStamp, storedSlaSnapshot } from '../sla-engine/ticket-sla.js';
import { actOnAssist } from '../work-items/work-item-assists.js';
import type { TicketDraft } from './ticket-draft.js';

const TARGET_NAMES = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
  ola: 'Assist OLA',
};

const slaNoticeText = (notice: SlaNotice): string =>
  notice.kind === 'warning'
    ? `${TARGET_NAMES[notice.target]} SLA at ${notice.threshold}%: due ${notice.dueAt ?? 'when the clock resumes'}`
    : `${TARGET_NAMES[notice.target]} SLA breached at ${notice.breachedAt ?? notice.dueAt}`;

/**
 * Stores the SLA snapshot the engine computed for this write: per target its state and due time,
 * and the bookkeeping. The full clocks (elapsed, remaining, attribution) are not stored: readers
 * compute them as of the request.
 */
export function applySla(t: TicketDraft, stamp: Pick<SlaStamp, 'sla' | 'meta' | 'nextEvaluationAt' | 'dueAt'>): void {
  t.state = {
    ...t.state,
    slaSnapshot: storedSlaSnapshot(stamp.sla),
    slaMeta: stamp.meta,
    slaNextEvaluationAt: stamp.nextEvaluationAt,
    slaDueAt: stamp.dueAt,
  };
}

/**
 * Sends the due SLA notices once: `sla.warning` / `sla.breached` with their timeline entries, an
 * overdue assist OLA as the assist's `time_out` (system actors only). Returns how many were sent.
 */
export function applySlaNotices(t: TicketDraft, notices: readonly SlaNotice[], ctx: ChangeContext): Result<number> {
  if (ctx.actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Only the SLA engine sends SLA notices');
  let sent = 0;
  for (const notice of notices) {
    if (!notice.silent && notice.target === 'ola' && notice.kind === 'breached' && notice.assistId) {
      const timedOut = actOnAssist(t, notice.assistId, 'time_out', null, ctx);
      if (timedOut.ok) sent++;
    } else if (!notice.silent) {
      const { key: _key, silent: _silent, kind, ...data } = notice;
      const type = kind === 'warning' ? 'sla.warning' : 'sla.breached';
      const entryKind = kind === 'warning' ? 'sla_warning' : 'sla_breached';
      t.record(ctx, type, { kind: entryKind, assistId: notice.assistId, body: slaNoticeText(notice) }, data);
      sent++;
    }
    const meta = t.state.slaMeta ?? { policy: null, factsKey: '', notified: [] };
    t.state = { ...t.state, slaMeta: { ...meta, notified: [...meta.notified, notice.key] } };
  }
  return ok(sent);
}
