import { describe, expect, it } from 'vitest';
import {
  allowedChangeMoves,
  CHANGE_STATES,
  CHANGE_TYPES,
  type ChangeState,
  type ChangeType,
  CLOSE_CODES,
  canMoveChange,
  isFinalChangeState,
  needsReview,
} from './change-state.js';

/** Every move that exists, per type; anything not listed must be refused. */
const EXPECTED: Record<ChangeType, readonly (readonly [ChangeState, ChangeState])[]> = {
  standard: [
    ['new', 'scheduled'],
    ['new', 'cancelled'],
    ['scheduled', 'implement'],
    ['scheduled', 'cancelled'],
    ['implement', 'review'],
    ['implement', 'closed'],
    ['review', 'closed'],
  ],
  normal: [
    ['new', 'assess'],
    ['new', 'cancelled'],
    ['assess', 'authorize'],
    ['assess', 'cancelled'],
    ['authorize', 'scheduled'],
    ['authorize', 'rejected'],
    ['authorize', 'cancelled'],
    ['scheduled', 'implement'],
    ['scheduled', 'cancelled'],
    ['implement', 'review'],
    ['review', 'closed'],
  ],
  emergency: [
    ['new', 'authorize'],
    ['new', 'cancelled'],
    ['authorize', 'implement'],
    ['authorize', 'scheduled'],
    ['authorize', 'rejected'],
    ['authorize', 'cancelled'],
    ['scheduled', 'implement'],
    ['scheduled', 'cancelled'],
    ['implement', 'review'],
    ['review', 'closed'],
  ],
};

const ALL_PAIRS = CHANGE_TYPES.flatMap((type) =>
  CHANGE_STATES.flatMap((from) => CHANGE_STATES.map((to) => [type, from, to] as const)),
);

describe('Change transition tables', () => {
  it.each(ALL_PAIRS)('%s: %s -> %s exists exactly when the table says so', (type, from, to) => {
    const listed = EXPECTED[type].some(([f, t]) => f === from && t === to);
    expect(canMoveChange(type, from, to)).toBe(listed);
  });

  it.each(CHANGE_TYPES)('%s: closed, cancelled and rejected are final', (type) => {
    for (const state of CHANGE_STATES.filter(isFinalChangeState)) expect(allowedChangeMoves(type, state)).toEqual([]);
  });

  it.each(CHANGE_TYPES)('%s: every open state can be cancelled until implementation starts', (type) => {
    for (const state of ['new', 'assess', 'authorize', 'scheduled'] as const)
      if (allowedChangeMoves(type, state).length > 0) expect(canMoveChange(type, state, 'cancelled')).toBe(true);
    expect(canMoveChange(type, 'implement', 'cancelled')).toBe(false);
  });

  it('a standard change never passes assessment or authorization (pre-approved)', () => {
    for (const state of CHANGE_STATES) {
      expect(canMoveChange('standard', state, 'assess')).toBe(false);
      expect(canMoveChange('standard', state, 'authorize')).toBe(false);
    }
  });

  it.each(CHANGE_TYPES.flatMap((type) => CLOSE_CODES.map((code) => [type, code] as const)))(
    'a %s change closed %s needs a review: normal, emergency and every unsuccessful one',
    (type, code) => {
      const expected = type !== 'standard' || code === 'unsuccessful' || code === 'backed_out';
      expect(needsReview(type, code)).toBe(expected);
    },
  );
});
