/**
 * The local platform: one process serving the whole catalog (HTTP on /api, NCRONTAB timers,
 * queue triggers fed by the durable local queue) plus the web build, over a composition.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOG } from '../../functions/catalog/catalog.js';
import type { Composition } from '../../functions/composition-root.js';
import type { DataDirLock } from './data-dir-lock.js';
import { startHttpHost } from './http-host.js';
import { liveStreamRoute } from './live-stream.js';
import { startQueueDispatcher } from './queue-dispatcher.js';
import { type SmtpListener, startSmtpListener } from './smtp-listener.js';
import { startTimers } from './timer-runner.js';

export interface LocalPlatform {
  readonly url: string;
  readonly port: number;
  /** The SMTP listener's port (MAIL_PROVIDER=smtp with SMTP_LISTEN), else null. */
  readonly smtpPort: number | null;
  /** Resolves when every queued message available now has been handled (tests). */
  drainQueue(): Promise<void>;
  stop(): Promise<void>;
}

/** The SvelteKit build when there is one, else the placeholder page. */
export const webRoot = (): string => {
  const build = fileURLToPath(new URL('../../web/build', import.meta.url));
  return existsSync(`${build}/index.html`) ? build : fileURLToPath(new URL('../../web/placeholder', import.meta.url));
};

export async function startLocalPlatform(
  composition: Composition,
  options: {
    port: number;
    host: string;
    timers?: boolean;
    log?: (line: string) => void;
    smtpPort?: number;
    /**
     * The data folder's lock, held by this process: then no other process can hold a lease, so
     * the leases earlier runs left (a crash) are released and redelivered at once (ADR 0012).
     */
    owner?: DataDirLock;
  },
): Promise<LocalPlatform> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { services, localQueue } = composition;
  const verbose = composition.config.LOG_LEVEL === 'debug';
  if (localQueue && options.owner) {
    const released = localQueue.releaseEarlierRuns();
    if (released > 0) log(`Redelivering ${released} queue message(s) left in flight by the previous run.`);
  }
  let resumeQueue = () => {};
  const http = await startHttpHost({
    port: options.port,
    host: options.host,
    catalog: CATALOG,
    services,
    staticDir: webRoot(),
    log,
    verbose,
    onIdle: () => resumeQueue(),
    ...(composition.liveHub ? { streams: liveStreamRoute(composition.liveHub) } : {}),
  });
  const timers = options.timers === false ? undefined : startTimers({ catalog: CATALOG, services, log, verbose });
  // Queue handlers give way to HTTP answers (see QueueDispatcherOptions.httpIdleForMs).
  const dispatcher = localQueue
    ? startQueueDispatcher({
        queue: localQueue,
        catalog: CATALOG,
        services,
        log,
        verbose,
        httpIdleForMs: http.idleForMs,
      })
    : undefined;
  if (dispatcher) resumeQueue = () => dispatcher.resume();
  // Graph subscriptions need our listening URL (the simulator validates it by calling the webhook).
  if (services.graph) await services.graph.onPlatformStarted(http.url);
  const { config } = composition;
  const smtp: SmtpListener | undefined =
    config.MAIL_PROVIDER === 'smtp' && config.SMTP_LISTEN
      ? await startSmtpListener(services.mail, { port: options.smtpPort ?? config.SMTP_PORT, host: options.host, log })
      : undefined;
  return {
    url: http.url,
    port: http.port,
    smtpPort: smtp?.port ?? null,
    drainQueue: async () => dispatcher?.drain(),
    async stop() {
      await smtp?.close();
      await http.close();
      await timers?.stop();
      await dispatcher?.stop();
    },
  };
}
