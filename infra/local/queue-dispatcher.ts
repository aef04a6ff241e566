/**
 * Feeds the catalog's queue-triggered functions from the durable local queue, as the
 * Service Bus trigger does in Azure: peek-lock, complete on success, abandon with backoff on
 * failure (the queue dead-letters on the last delivery). Wakes at once on an in-process publish
 * and otherwise polls. On stop (or a crash), unfinished messages stay leased: the data folder's
 * next owner releases them as it starts (LocalQueue.releaseEarlierRuns, ADR 0012), else they come
 * back when their lock expires.
 */
import { randomUUID } from 'node:crypto';
import azf from '@azure/functions';
import type { LocalQueue, ReceivedMessage } from '../../functions/adapters/local-queue/local-queue.js';
import type {
  FunctionDefinition,
  QueueFunctionDefinition,
  QueueHandler,
} from '../../functions/catalog/function-definition.js';
import type { QueueName } from '../../shared/ports/message-bus.js';
import { functionLogHandler } from './function-log.js';

const { InvocationContext } = azf;

export interface QueueDispatcherOptions<S> {
  readonly queue: LocalQueue;
  readonly catalog: readonly FunctionDefinition<S>[];
  readonly services: S;
  /** Handlers running at once, across queues; default DEFAULT_CONCURRENCY. */
  readonly concurrency?: number;
  readonly pollMs?: number;
  /**
   * Lease length; a handler running longer than this may see its message delivered again. Long
   * (5 min, like host.json's maxAutoLockRenewalDuration) because a crash no longer waits for it.
   */
  readonly lockMs?: number;
  readonly backoff?: (deliveryCount: number) => number;
  readonly stopTimeoutMs?: number;
  readonly log?: (line: string) => void;
  /** LOG_LEVEL=debug: also print the functions' debug and trace lines. */
  readonly verbose?: boolean;
  /**
   * How long the HTTP host has had no request in flight, in ms (0 while it has some). While it
   * answers requests, and for `httpQuietMs` after, at most `busyConcurrency` handlers run, so
   * answers go first (a Graph webhook must answer fast; the queued work can wait): a simple form
   * of the Functions host's dynamic concurrency. The quiet period matters in a burst: requests
   * come back to back, and a host that is idle for a moment between two of them must not start a
   * full set of handlers that the next requests then queue behind.
   */
  readonly httpIdleForMs?: () => number;
  /** Handlers at once while HTTP is busy; default BUSY_CONCURRENCY. */
  readonly busyConcurrency?: number;
  /** How long HTTP counts as busy after its last request; default HTTP_QUIET_MS. */
  readonly httpQuietMs?: number;
}

export interface QueueDispatcher {
  /** The HTTP host went idle: start what was held back for it once the quiet period has passed. */
  resume(): void;
  stop(): Promise<void>;
  /** Resolves when no message is available now and no handler is running (tests). */
  drain(): Promise<void>;
}

/**
 * As many handlers at once as the Service Bus trigger runs per instance in Azure
 * (host.json `extensions.serviceBus.maxConcurrentCalls`; a test keeps the two equal). 32 is the
 * extension's own default on two cores (16 per core); measured on two cores ingesting mail, 16
 * left the main thread and the mail worker each ~30% idle (a message waits for one while the
 * other is busy), 32 kept both busier (+15-20% msg/s) and 64 added nothing.
 */
export const DEFAULT_CONCURRENCY = 32;

/** Handlers at once while the HTTP host is answering requests. */
export const BUSY_CONCURRENCY = 2;

/** HTTP counts as busy until it has been idle this long (measured: see QueueDispatcherOptions.httpIdleForMs). */
export const HTTP_QUIET_MS = 200;

/** 1 s, 2 s, 4 s ... capped at 60 s. */
export function exponentialBackoff(deliveryCount: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, deliveryCount - 1));
}

interface Consumer {
  readonly queueName: QueueName;
  readonly name: string;
  readonly handler: QueueHandler;
}

export function startQueueDispatcher<S>(options: QueueDispatcherOptions<S>): QueueDispatcher {
  const { queue } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const busyConcurrency = Math.min(concurrency, options.busyConcurrency ?? BUSY_CONCURRENCY);
  const httpIdleForMs = options.httpIdleForMs;
  const quietMs = options.httpQuietMs ?? HTTP_QUIET_MS;
  let resumeTimer: NodeJS.Timeout | undefined;
  /** The last pump ran fewer handlers than it could have, because of HTTP requests. */
  let heldBack = false;
  const pollMs = options.pollMs ?? 1_000;
  const lockMs = options.lockMs ?? 5 * 60_000;
  const backoff = options.backoff ?? exponentialBackoff;
  const consumers: Consumer[] = options.catalog
    .filter((f): f is QueueFunctionDefinition<S> => f.trigger.type === 'queue')
    .map((f) => ({ queueName: f.trigger.queueName, name: f.name, handler: f.handler(options.services) }));

  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pumping = false;
  let pumpAgain = false;
  let pumpQueued = false;
  let idleWaiters: (() => void)[] = [];

  async function handle(consumer: Consumer, received: ReceivedMessage): Promise<void> {
    const { message, lockToken, deliveryCount } = received;
    const context = new InvocationContext({
      functionName: consumer.name,
      invocationId: randomUUID(),
      retryContext: { retryCount: deliveryCount - 1, maxRetryCount: queue.maxDeliveries - 1 },
      triggerMetadata: { messageId: message.id, deliveryCount },
      logHandler: functionLogHandler(consumer.name, log, options.verbose ?? false),
    });
    try {
      await consumer.handler(message, context);
    } catch (error) {
      if (stopped) return; // leave it leased: it comes back after the lock expires
      const reason = error instanceof Error ? error.message : String(error);
      const outcome = queue.abandon(consumer.queueName, message.id, lockToken, reason, backoff(deliveryCount));
      log(
        `[${consumer.name}] message ${message.id} (${message.type}) failed on delivery ${deliveryCount}: ${reason} -> ${outcome}`,
      );
      return;
    }
    if (!queue.complete(consumer.queueName, message.id, lockToken)) {
      log(`[${consumer.name}] message ${message.id} finished after its lock was lost; it may run again`);
    }
  }

  function pump(): void {
    if (stopped) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    let saturated = false;
    try {
      do {
        pumpAgain = false;
        const busy = httpIdleForMs !== undefined && httpIdleForMs() < quietMs;
        const limit = busy ? busyConcurrency : concurrency;
        heldBack = limit < concurrency;
        for (const consumer of consumers) {
          const free = limit - inFlight.size;
          if (free <= 0) break;
          for (const received of queue.receive(consumer.queueName, { max: free, lockMs })) {
            const run = handle(consumer, received)
              .catch((error: unknown) => log(`[${consumer.name}] dispatcher error: ${String(error)}`))
              .finally(() => {
                inFlight.delete(run);
                pump();
              });
            inFlight.add(run);
          }
        }
        // Every slot taken (just now or before): a finishing handler will pump again.
        saturated = inFlight.size >= limit;
      } while (pumpAgain && !stopped);
    } catch (error) {
      log(`[queue-dispatcher] receive failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      pumping = false;
    }
    schedule(saturated);
    notifyIdle();
  }

  /** Pumps once at the end of this turn, however many publishes asked for it. */
  function pumpSoon(): void {
    if (pumpQueued) return;
    pumpQueued = true;
    setImmediate(() => {
      pumpQueued = false;
      pump();
    });
  }

  /**
   * Sleeps until the next scheduled/retrying message is due, but no longer than pollMs. At full
   * concurrency a finishing handler pumps anyway, so the look-up (a scan of the queue's pending
   * messages, long in a burst) is skipped.
   */
  function schedule(saturated: boolean): void {
    if (stopped) return;
    clearTimeout(timer);
    if (saturated) {
      timer = setTimeout(pump, pollMs);
      return;
    }
    let wait = pollMs;
    const now = Date.now();
    for (const consumer of consumers) {
      const next = queue.nextAvailableAt(consumer.queueName)?.getTime();
      if (next !== undefined) wait = Math.min(wait, Math.max(0, next - now));
    }
    timer = setTimeout(pump, Math.max(wait, 5));
  }

  function idle(): boolean {
    return inFlight.size === 0 && consumers.every((c) => queue.countAvailable(c.queueName) === 0);
  }

  function notifyIdle(): void {
    if (idleWaiters.length === 0 || !idle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const unsubscribe = queue.onPublish((queueName) => {
    if (consumers.some((c) => c.queueName === queueName)) pumpSoon();
  });
  setImmediate(pump);

  return {
    resume() {
      if (!heldBack || stopped) return;
      clearTimeout(resumeTimer);
      const wait = httpIdleForMs ? Math.max(0, quietMs - httpIdleForMs()) : 0;
      resumeTimer = setTimeout(pump, wait);
    },
    drain() {
      if (stopped || idle()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        pump();
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      clearTimeout(resumeTimer);
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
      if (inFlight.size === 0) return;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(inFlight),
        new Promise<void>((resolve) => {
          timeout = setTimeout(resolve, options.stopTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(timeout);
    },
  };
}
