/** Predictable inputs: a clock that only moves when told, ids that count up, and a ChangeContext. */
import type { Actor } from '../../shared/kernel/actor.js';
import type { ChangeContext } from '../../shared/kernel/change-context.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';

export const T0 = new Date('2025-03-03T09:00:00.000Z');

export interface FixedClock extends Clock {
  /** Moves time forward by `ms` and returns the new time. */
  advance(ms: number): Date;
  set(at: Date): void;
}

export const fixedClock = (start: Date = T0): FixedClock => {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
      return new Date(current);
    },
    set: (at) => {
      current = new Date(at);
    },
  };
};

/** `t_000001`, `ev_000002`, ...: one counter across prefixes, zero-padded so ids sort like real ones. */
export const sequentialIds = (start = 1): IdGenerator => {
  let n = start;
  return { next: (prefix = '') => `${prefix}${String(n++).padStart(6, '0')}` };
};

/** A ChangeContext for `actor`; pass the same `ids` across calls to keep ids unique. */
export const contextFor = (actor: Actor, now: Date = T0, ids: IdGenerator = sequentialIds()): ChangeContext => ({
  actor,
  now,
  ids,
});
