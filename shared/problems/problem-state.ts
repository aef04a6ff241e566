/**
 * The problem lifecycle (issue 17), one transition table (STYLE.md #3): which moves exist. What a
 * move needs (a root cause before the fix, a reason to cancel) and who may make it is decided by
 * the Problem aggregate (problem-moves.ts).
 *
 * new -> assess -> root_cause_analysis -> fix_in_progress -> resolved -> closed; a problem whose
 * cause is known without a fix (a known error kept open) may be resolved straight from analysis,
 * a fix that did not hold sends it back to analysis, and a resolved problem that recurs is
 * reopened into fix in progress. Every state before resolved may be cancelled.
 */
export const PROBLEM_STATES = [
  'new',
  'assess',
  'root_cause_analysis',
  'fix_in_progress',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

const TRANSITIONS: Record<ProblemState, readonly ProblemState[]> = {
  new: ['assess', 'cancelled'],
  assess: ['root_cause_analysis', 'cancelled'],
  root_cause_analysis: ['fix_in_progress', 'resolved', 'cancelled'],
  fix_in_progress: ['resolved', 'root_cause_analysis', 'cancelled'],
  resolved: ['closed', 'fix_in_progress'],
  closed: [],
  cancelled: [],
};

export const canMoveProblem = (from: ProblemState, to: ProblemState): boolean => TRANSITIONS[from].includes(to);

export const allowedProblemMoves = (from: ProblemState): readonly ProblemState[] => TRANSITIONS[from];

export const isFinalProblemState = (state: ProblemState): boolean => state === 'closed' || state === 'cancelled';

/** Still being worked: the linked incidents are waiting on it. */
export const isOpenProblemState = (state: ProblemState): boolean => !isFinalProblemState(state) && state !== 'resolved';

/** Moves that need the root cause recorded first. */
export const needsRootCause = (to: ProblemState): boolean => to === 'fix_in_progress' || to === 'resolved';

/** Categories of a root cause, for reporting (what kind of thing failed). */
export const ROOT_CAUSE_CATEGORIES = [
  'software',
  'hardware',
  'configuration',
  'capacity',
  'network',
  'process',
  'human_error',
  'third_party',
  'unknown',
] as const;
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

export const TASK_KINDS = ['rca', 'general'] as const;
export type ProblemTaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ProblemTaskState = (typeof TASK_STATES)[number];
