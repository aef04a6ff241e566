/**
 * Runs the catalog's timer functions on their NCRONTAB schedules inside the local process,
 * as the Functions host does in Azure. A run that is still going when its next tick arrives makes
 * that tick skip (logged) rather than overlap; handler errors are logged and never stop the timer.
 */
import { randomUUID } from 'node:crypto';
import azf, { type Timer } from '@azure/functions';
import type { FunctionDefinition, TimerFunctionDefinition } from '../../functions/catalog/function-definition.js';
import { functionLogHandler } from './function-log.js';
import { nextOccurrence, parseNcrontab } from './ncrontab.js';

const { InvocationContext } = azf;

export interface TimerRunnerOptions<S> {
  readonly catalog: readonly FunctionDefinition<S>[];
  readonly services: S;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
  /** LOG_LEVEL=debug: also print the functions' debug and trace lines. */
  readonly verbose?: boolean;
  /** Milliseconds `stop()` waits for running handlers. */
  readonly stopTimeoutMs?: number;
}

export interface TimerRunner {
  stop(): Promise<void>;
}

/** setTimeout cannot wait longer than ~24.8 days; longer waits re-arm in steps. */
const MAX_DELAY_MS = 2_147_000_000;
/** A tick that fires this late counts as past due (event-loop stalls, suspended laptop). */
const PAST_DUE_MS = 1_000;

export function startTimers<S>(options: TimerRunnerOptions<S>): TimerRunner {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const entries = options.catalog.filter((f): f is TimerFunctionDefinition<S> => f.trigger.type === 'timer');
  const handles = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  for (const entry of entries) {
    const schedule = parseNcrontab(entry.trigger.schedule);
    const handler = entry.handler(options.services);
    let busy = false;
    let last = now();

    const arm = (due: Date) => {
      if (stopped) return;
      const wait = Math.max(0, due.getTime() - now().getTime());
      const handle = setTimeout(
        () => {
          handles.delete(handle);
          if (wait > MAX_DELAY_MS) arm(due);
          else fire(due);
        },
        Math.min(wait, MAX_DELAY_MS),
      );
      handles.add(handle);
    };

    const fire = (due: Date) => {
      if (stopped) return;
      const firedAt = now();
      const next = nextOccurrence(schedule, firedAt.getTime() < due.getTime() ? due : firedAt);
      arm(next);
      if (busy) {
        log(`[${entry.name}] timer tick at ${due.toISOString()} skipped: the previous run is still going`);
        return;
      }
      busy = true;
      const timer = timerInfo(last, next, firedAt.getTime() - due.getTime() > PAST_DUE_MS, firedAt);
      last = due;
      const context = new InvocationContext({
        functionName: entry.name,
        invocationId: randomUUID(),
        logHandler: functionLogHandler(entry.name, log, options.verbose ?? false),
      });
      const run = Promise.resolve()
        .then(() => handler(timer, context))
        .catch((error: unknown) => {
          log(`[${entry.name}] timer run failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
        })
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };

    arm(nextOccurrence(schedule, last));
  }

  return {
    async stop() {
      stopped = true;
      for (const handle of handles) clearTimeout(handle);
      handles.clear();
      if (running.size === 0) return;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(running),
        new Promise<void>((resolve) => {
          timeout = setTimeout(resolve, options.stopTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(timeout);
    },
  };
}

function timerInfo(last: Date, next: Date, isPastDue: boolean, at: Date): Timer {
  return {
    isPastDue,
    schedule: { adjustForDST: false },
    scheduleStatus: { last: last.toISOString(), next: next.toISOString(), lastUpdated: at.toISOString() },
  };
}
