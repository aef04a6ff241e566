import type { InvocationContext, Timer } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FunctionDefinition } from '../../functions/catalog/function-definition.js';
import { startTimers } from './timer-runner.js';

type Run = (timer: Timer, context: InvocationContext) => Promise<void>;

function catalogWith(schedule: string, run: Run): FunctionDefinition<null>[] {
  return [
    { name: 'tick', trigger: { type: 'timer', schedule }, handler: () => run },
    { name: 'ignored-http', trigger: { type: 'http', route: 'x', methods: ['GET'] }, handler: () => async () => ({}) },
  ];
}

describe('startTimers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-10T10:00:00.200Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a timer function at each occurrence with a Timer and an InvocationContext', async () => {
    const calls: { timer: Timer; name: string; at: string }[] = [];
    const runner = startTimers({
      catalog: catalogWith('*/2 * * * * *', async (timer, context) => {
        calls.push({ timer, name: context.functionName, at: new Date().toISOString() });
      }),
      services: null,
      log: () => {},
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await runner.stop();
    expect(calls.map((c) => c.at)).toEqual(['2025-03-10T10:00:02.000Z', '2025-03-10T10:00:04.000Z']);
    expect(calls[0]?.name).toBe('tick');
    expect(calls[0]?.timer.isPastDue).toBe(false);
    expect(calls[0]?.timer.scheduleStatus.next).toBe('2025-03-10T10:00:04.000Z');
    expect(calls[1]?.timer.scheduleStatus.last).toBe('2025-03-10T10:00:02.000Z');
  });

  it('skips a tick while the previous run is still going', async () => {
    const lines: string[] = [];
    let started = 0;
    let release: () => void = () => {};
    const runner = startTimers({
      catalog: catalogWith('* * * * * *', async () => {
        started++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }),
      services: null,
      log: (line) => lines.push(line),
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(started).toBe(1);
    expect(lines.filter((l) => l.includes('skipped'))).toHaveLength(2);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
    release();
    await runner.stop();
  });

  it('logs a failing run and keeps the schedule going', async () => {
    const lines: string[] = [];
    let calls = 0;
    const runner = startTimers({
      catalog: catalogWith('* * * * * *', async () => {
        calls++;
        throw new Error('boom');
      }),
      services: null,
      log: (line) => lines.push(line),
    });
    await vi.advanceTimersByTimeAsync(3_000);
    await runner.stop();
    expect(calls).toBe(3);
    expect(lines.filter((l) => l.includes('boom'))).toHaveLength(3);
  });

  it('stops firing after stop()', async () => {
    let calls = 0;
    const runner = startTimers({
      catalog: catalogWith('* * * * * *', async () => {
        calls++;
      }),
      services: null,
      log: () => {},
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await runner.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(1);
  });

  it('refuses an invalid schedule at start-up', () => {
    expect(() => startTimers({ catalog: catalogWith('bad', async () => {}), services: null })).toThrow(/NCRONTAB/);
  });
});
