/**
 * How the problem screens name and colour a problem's state, root-cause category and task state,
 * and what the signed-in agent may do with a problem (the API still decides). The moves come from
 * the shared transition table, so a screen never offers a move the table does not have.
 */
import type { TProblem } from '$lib/api/problem-endpoints';
import { canOwn, isLeadOrAdmin } from '$lib/session.svelte';
import type { Tone } from '$lib/ui/Badge.svelte';
import type { TAgent } from '$shared/api/directory.schemas';
import {
  allowedProblemMoves,
  isFinalProblemState,
  PROBLEM_STATES,
  type ProblemState,
  type ProblemTaskState,
  ROOT_CAUSE_CATEGORIES,
  type RootCauseCategory,
} from '$shared/problems/problem-state';

export const PROBLEM_STATE_LABELS: Record<ProblemState, string> = {
  new: 'New',
  assess: 'Assess',
  root_cause_analysis: 'Root cause analysis',
  fix_in_progress: 'Fix in progress',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const CATEGORY_LABELS: Record<RootCauseCategory, string> = {
  software: 'Software',
  hardware: 'Hardware',
  configuration: 'Configuration',
  capacity: 'Capacity',
  network: 'Network',
  process: 'Process',
  human_error: 'Human error',
  third_party: 'Third party',
  unknown: 'Unknown',
};

export const TASK_STATE_LABELS: Record<ProblemTaskState, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const problemStateOptions = PROBLEM_STATES.map((s) => ({ value: s, label: PROBLEM_STATE_LABELS[s] }));
export const categoryOptions = ROOT_CAUSE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));

/** The states a list shows by default: everything not closed or cancelled. */
export const OPEN_PROBLEM_STATES: readonly ProblemState[] = PROBLEM_STATES.filter((s) => !isFinalProblemState(s));

export function problemStateTone(state: ProblemState): Tone {
  if (state === 'resolved' || state === 'closed') return 'success';
  if (state === 'cancelled') return 'neutral';
  if (state === 'fix_in_progress') return 'warning';
  return 'accent';
}

/** Accept is offered to agents who can own work, for unowned problems still open. */
export const mayAcceptProblem = (me: TAgent | null, p: TProblem): boolean =>
  canOwn(me) && p.ownerId === null && !isFinalProblemState(p.state);

/** The owner works the problem; leads and admins may step in (transfer, moves, fields). */
export const mayManageProblem = (me: TAgent | null, p: TProblem): boolean =>
  (!!me && p.ownerId === me.id) || isLeadOrAdmin(me);

export const problemMovesOf = (p: TProblem): readonly ProblemState[] => allowedProblemMoves(p.state);

/** Where a linked work item's screen is. */
export const linkHref = (l: { practice: string; number: string }): string =>
  `/${l.practice === 'ticket' ? 'tickets' : `${l.practice}s`}/${l.number}`;
