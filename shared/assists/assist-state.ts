/**
 * The assist lifecycle (parallel escalation) as ONE transition table. `timed_out` is not final:
 * a late answer is still better than none, so the expert may still answer or decline.
 */
export const ASSIST_STATES = ['requested', 'accepted', 'answered', 'declined', 'withdrawn', 'timed_out'] as const;
export type AssistState = (typeof ASSIST_STATES)[number];

export const ASSIST_ACTIONS = ['accept', 'contribute', 'answer', 'decline', 'withdraw', 'time_out'] as const;
export type AssistAction = (typeof ASSIST_ACTIONS)[number];

const TRANSITIONS: Record<AssistState, Partial<Record<AssistAction, AssistState>>> = {
  requested: {
    accept: 'accepted',
    contribute: 'accepted',
    answer: 'answered',
    decline: 'declined',
    withdraw: 'withdrawn',
    time_out: 'timed_out',
  },
  accepted: {
    contribute: 'accepted',
    answer: 'answered',
    decline: 'declined',
    withdraw: 'withdrawn',
    time_out: 'timed_out',
  },
  timed_out: { contribute: 'timed_out', answer: 'answered', decline: 'declined', withdraw: 'withdrawn' },
  answered: {},
  declined: {},
  withdrawn: {},
};

/** The state after `action`, or undefined when the move does not exist. */
export const nextAssistState = (state: AssistState, action: AssistAction): AssistState | undefined =>
  TRANSITIONS[state][action];

export const isOpenAssistState = (state: AssistState): boolean =>
  state === 'requested' || state === 'accepted' || state === 'timed_out';
