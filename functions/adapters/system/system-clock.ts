/** The real clock. Tests and the demo seed use fixed or controllable clocks instead. */
import type { Clock } from '../../../shared/ports/clock.js';

export const systemClock: Clock = { now: () => new Date() };
