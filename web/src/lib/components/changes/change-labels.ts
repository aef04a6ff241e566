/**
 * How the change screens name and colour a change's type, state, risk and close code, and what
 * the signed-in agent may do with a change (the API still decides). The moves come from the
 * shared transition table, so a screen never offers a move the table does not have.
 */
import type { TChange } from '$lib/api/change-endpoints';
import { canOwn, isLeadOrAdmin } from '$lib/session.svelte';
import type { Tone } from '$lib/ui/Badge.svelte';
import type { TAgent } from '$shared/api/directory.schemas';
import { RISK_LEVELS, type RiskLevel } from '$shared/changes/change-risk';
import {
  allowedChangeMoves,
  CHANGE_STATES,
  CHANGE_TYPES,
  type ChangeState,
  CLOSE_CODES,
  type CloseCode,
  isFinalChangeState,
} from '$shared/changes/change-state';

export const STATE_LABELS: Record<ChangeState, string> = {
  new: 'New',
  assess: 'Assess',
  authorize: 'Authorize',
  scheduled: 'Scheduled',
  implement: 'Implement',
  review: 'Review',
  closed: 'Closed',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
};

export const TYPE_LABELS: Record<(typeof CHANGE_TYPES)[number], string> = {
  standard: 'Standard',
  normal: 'Normal',
  emergency: 'Emergency',
};

export const RISK_LABELS: Record<RiskLevel, string> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  very_high: 'Very high',
};

export const CLOSE_CODE_LABELS: Record<CloseCode, string> = {
  successful: 'Successful',
  successful_with_issues: 'Successful with issues',
  unsuccessful: 'Unsuccessful',
  backed_out: 'Backed out',
};

export const stateOptions = CHANGE_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }));
export const typeOptions = CHANGE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }));
export const closeCodeOptions = CLOSE_CODES.map((c) => ({ value: c, label: CLOSE_CODE_LABELS[c] }));

/** The states a list shows by default: everything still open. */
export const OPEN_STATES: readonly ChangeState[] = CHANGE_STATES.filter((s) => !isFinalChangeState(s));

export function stateTone(state: ChangeState): Tone {
  if (state === 'closed') return 'success';
  if (state === 'cancelled' || state === 'rejected') return 'neutral';
  if (state === 'implement') return 'warning';
  return 'accent';
}

export const typeTone = (type: TChange['type']): Tone =>
  type === 'emergency' ? 'danger' : type === 'standard' ? 'neutral' : 'accent';

export function riskTone(level: RiskLevel): Tone {
  const rank = RISK_LEVELS.indexOf(level);
  return rank >= 2 ? 'danger' : rank === 1 ? 'warning' : 'success';
}

export const isChangeOwner = (me: TAgent | null, c: TChange): boolean => !!me && c.ownerId === me.id;

/** Accept is offered to agents who can own work, for unowned changes still open. */
export const mayAcceptChange = (me: TAgent | null, c: TChange): boolean =>
  canOwn(me) && c.ownerId === null && !isFinalChangeState(c.state);

/** The owner works the change; leads and admins may step in (transfer, moves). */
export const mayManageChange = (me: TAgent | null, c: TChange): boolean => isChangeOwner(me, c) || isLeadOrAdmin(me);

/** The moves the change's type table allows from where it stands; `rejected` only by the approval decision. */
export const movesOf = (c: TChange): ChangeState[] =>
  allowedChangeMoves(c.type, c.state).filter((s) => s !== 'rejected');

/** A planned window as one short line ("4 Dec 10:00 – 12:00"). */
export function windowText(start: string | null, end: string | null): string {
  if (!start || !end) return 'Not planned';
  const s = new Date(start);
  const e = new Date(end);
  const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  const sameDay = s.toDateString() === e.toDateString();
  return `${day.format(s)} ${time.format(s)} – ${sameDay ? '' : `${day.format(e)} `}${time.format(e)}`;
}
