import { describe, expect, it } from 'vitest';
import {
  allowedProblemMoves,
  canMoveProblem,
  isFinalProblemState,
  isOpenProblemState,
  needsRootCause,
  PROBLEM_STATES,
  type ProblemState,
} from './problem-state.js';

/** Every move that exists; anything not listed must be refused. */
const EXPECTED: readonly (readonly [ProblemState, ProblemState])[] = [
  ['new', 'assess'],
  ['new', 'cancelled'],
  ['assess', 'root_cause_analysis'],
  ['assess', 'cancelled'],
  ['root_cause_analysis', 'fix_in_progress'],
  ['root_cause_analysis', 'resolved'],
  ['root_cause_analysis', 'cancelled'],
  ['fix_in_progress', 'resolved'],
  ['fix_in_progress', 'root_cause_analysis'],
  ['fix_in_progress', 'cancelled'],
  ['resolved', 'closed'],
  ['resolved', 'fix_in_progress'],
];

const ALL_PAIRS = PROBLEM_STATES.flatMap((from) => PROBLEM_STATES.map((to) => [from, to] as const));

describe('Problem transition table', () => {
  it.each(ALL_PAIRS)('%s -> %s exists exactly when the table says so', (from, to) => {
    const listed = EXPECTED.some(([f, t]) => f === from && t === to);
    expect(canMoveProblem(from, to)).toBe(listed);
  });

  it('closed and cancelled are final; resolved is neither final nor open', () => {
    for (const state of PROBLEM_STATES.filter(isFinalProblemState)) expect(allowedProblemMoves(state)).toEqual([]);
    expect(PROBLEM_STATES.filter(isFinalProblemState)).toEqual(['closed', 'cancelled']);
    expect(isOpenProblemState('resolved')).toBe(false);
    expect(isFinalProblemState('resolved')).toBe(false);
  });

  it('every state before resolved can be cancelled, none after', () => {
    for (const state of ['new', 'assess', 'root_cause_analysis', 'fix_in_progress'] as const)
      expect(canMoveProblem(state, 'cancelled')).toBe(true);
    expect(canMoveProblem('resolved', 'cancelled')).toBe(false);
  });

  it('the fix and the resolution need a root cause; analysis does not', () => {
    expect(PROBLEM_STATES.filter(needsRootCause)).toEqual(['fix_in_progress', 'resolved']);
  });
});
