/**
 * The change lifecycle (issue 16), one transition table per change type (STYLE.md #3): which
 * moves exist. What a move needs (an approval, a planned window, a close code, a review) and who
 * may make it is decided by the Change aggregate (change-moves.ts).
 *
 * - standard: pre-approved from a template, so no assessment and no CAB: new -> scheduled.
 * - normal: new -> assess -> authorize -> scheduled -> implement -> review -> closed.
 * - emergency: expedited: new -> authorize (emergency CAB) -> implement at once or scheduled,
 *   and always reviewed afterwards.
 * Every open state may be cancelled; only authorization can end in rejected.
 */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_STATES = [
  'new',
  'assess',
  'authorize',
  'scheduled',
  'implement',
  'review',
  'closed',
  'cancelled',
  'rejected',
] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const CLOSE_CODES = ['successful', 'successful_with_issues', 'unsuccessful', 'backed_out'] as const;
export type CloseCode = (typeof CLOSE_CODES)[number];

type Table = Record<ChangeState, readonly ChangeState[]>;

const FINAL = { closed: [], cancelled: [], rejected: [] } as const;

const TRANSITIONS: Record<ChangeType, Table> = {
  standard: {
    new: ['scheduled', 'cancelled'],
    assess: [],
    authorize: [],
    scheduled: ['implement', 'cancelled'],
    // A successful standard change may close at once; an unsuccessful one goes to review.
    implement: ['review', 'closed'],
    review: ['closed'],
    ...FINAL,
  },
  normal: {
    new: ['assess', 'cancelled'],
    assess: ['authorize', 'cancelled'],
    authorize: ['scheduled', 'rejected', 'cancelled'],
    scheduled: ['implement', 'cancelled'],
    implement: ['review'],
    review: ['closed'],
    ...FINAL,
  },
  emergency: {
    new: ['authorize', 'cancelled'],
    authorize: ['implement', 'scheduled', 'rejected', 'cancelled'],
    assess: [],
    scheduled: ['implement', 'cancelled'],
    implement: ['review'],
    review: ['closed'],
    ...FINAL,
  },
};

export const canMoveChange = (type: ChangeType, from: ChangeState, to: ChangeState): boolean =>
  TRANSITIONS[type][from].includes(to);

export const allowedChangeMoves = (type: ChangeType, from: ChangeState): readonly ChangeState[] =>
  TRANSITIONS[type][from];

export const isFinalChangeState = (state: ChangeState): boolean =>
  state === 'closed' || state === 'cancelled' || state === 'rejected';

/** Normal and emergency changes, and every one that did not go well, get a post-implementation review. */
export const needsReview = (type: ChangeType, closeCode: CloseCode | null): boolean =>
  type !== 'standard' || closeCode === 'unsuccessful' || closeCode === 'backed_out';

/** States in which the plan may still change (after authorization a new plan needs a new approval). */
export const isPlanningState = (state: ChangeState): boolean => state === 'new' || state === 'assess';

/** States in which the change may be (re)scheduled: before implementation starts. */
export const isSchedulableState = (state: ChangeState): boolean =>
  state === 'new' || state === 'assess' || state === 'authorize' || state === 'scheduled';
