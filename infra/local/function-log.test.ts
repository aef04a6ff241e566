import { describe, expect, it } from 'vitest';
import { functionLogHandler } from './function-log.js';

describe('function log lines on the local platform', () => {
  it('prints information, warnings and errors, and debug or trace only when verbose', () => {
    const lines: string[] = [];
    const quiet = functionLogHandler('domain-events', (l) => lines.push(l), false);
    quiet('debug', 'event ev_1 -> rules');
    quiet('trace', 'detail');
    quiet('information', 'sweep relayed', 2);
    quiet('warning', 'ignored 1');
    quiet('error', 'failed');
    expect(lines).toEqual([
      '[domain-events] information: sweep relayed 2',
      '[domain-events] warning: ignored 1',
      '[domain-events] error: failed',
    ]);
    const verbose = functionLogHandler('domain-events', (l) => lines.push(l), true);
    verbose('debug', 'event ev_1 -> rules');
    expect(lines.at(-1)).toBe('[domain-events] debug: event ev_1 -> rules');
  });
});
