/**
 * Webhook answer time under a burst of 1,000 Graph change notifications on the local platform
 * (issue 3 goal: p99 < 200 ms), against the same burst on GET /api/health measured in the same run.
 * Each notification names a real message in the simulator's mailbox and carries the subscription's
 * clientState, so the webhook does its full work (check, map, durable enqueue) before answering,
 * while the platform ingests the announced mail. The Graph simulator runs in a process of its own
 * (graph-sim-child.ts), as Graph is remote in production.
 * Run alone: `npx tsx tests/bench/graph-webhook.bench.ts`.
 */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CLIENT_STATE, customerMail, SUPPORT_MAILBOX } from '../mail/graph-platform.js';
import { changeNotificationFor } from '../simulators/graph/graph-simulator.js';
import type { SimSubscription } from '../simulators/graph/sim-subscriptions.js';
import { startRunningPlatform } from '../support/running-platform.js';
import { type BenchReport, percentile, round } from './bench-report.js';

const NOTIFICATIONS = 1_000;
const CONCURRENCY = 50;
const WARM_UP = 100;

interface BurstResult {
  readonly times: number[];
  readonly statuses: Record<string, number>;
  readonly totalMs: number;
}

type BurstRequest = { url: string; method: string; body?: string };

/** Runs `requests` from a child process after `warmUp` (untimed, same connections: see burst-child.ts). */
const burst = (requests: readonly BurstRequest[], warmUp: readonly BurstRequest[] = []): Promise<BurstResult> =>
  new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./burst-child.ts', import.meta.url));
    const child = execFile(process.execPath, ['--import', 'tsx', script], { maxBuffer: 50_000_000 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as BurstResult),
    );
    child.stdin?.end(JSON.stringify({ requests, warmUp, concurrency: CONCURRENCY }));
  });

const TOKEN = 'bench-graph-token';

/** Starts graph-sim-child.ts; resolves with the simulator's URL and a way to stop it. */
async function startSimulatorProcess(): Promise<{ url: string; stop(): void }> {
  const script = fileURLToPath(new URL('./graph-sim-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, TOKEN], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await createInterface({ input: child.stdout })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value]);
  if (typeof line !== 'string') throw new Error('the Graph simulator process printed no URL');
  return { url: (JSON.parse(line) as { url: string }).url, stop: () => child.stdin.end() };
}

export async function benchGraphWebhook(): Promise<BenchReport> {
  const sim = await startSimulatorProcess();
  const control = sim.url.replace(/\/v1\.0$/, '/_sim');
  const running = await startRunningPlatform({
    env: {
      MAIL_PROVIDER: 'graph-sim',
      GRAPH_BASE_URL: sim.url,
      GRAPH_CLIENT_SECRET: TOKEN,
      GRAPH_MAILBOXES: SUPPORT_MAILBOX,
      GRAPH_CLIENT_STATE: CLIENT_STATE,
      SMTP_LISTEN: 'false',
    },
  });
  try {
    const [sub] = (await (await fetch(`${control}/subscriptions`)).json()) as SimSubscription[];
    if (!sub) throw new Error('no subscription was created at start');
    const requests = [];
    for (let i = -WARM_UP; i < NOTIFICATIONS; i++) {
      const delivered = await fetch(`${control}/deliver?mailbox=${SUPPORT_MAILBOX}&mode=drop`, {
        method: 'POST',
        body: customerMail(`bench-${i}`, `Bench ${i}`),
      });
      const { id } = (await delivered.json()) as { id: string };
      requests.push({ url: sub.notificationUrl, method: 'POST', body: JSON.stringify(changeNotificationFor(sub, id)) });
    }
    const health = Array.from({ length: NOTIFICATIONS }, () => ({ url: `${running.url}/api/health`, method: 'GET' }));
    // Warm-up of both paths, not measured: JIT, connections, SQLite pages, the mail worker thread.
    await burst(health.slice(0, WARM_UP));
    await burst(requests.slice(0, WARM_UP));
    await running.platform.drainQueue();
    // Each timed burst's client first warms its connections and JIT on the health endpoint.
    const clientWarmUp = health.slice(0, 2 * WARM_UP);
    const baseline = await burst(health, clientWarmUp);
    const webhook = await burst(requests.slice(WARM_UP), clientWarmUp);
    const accepted = webhook.statuses['202'] ?? 0;
    const p99 = percentile(webhook.times, 99);
    return {
      name: 'graph-webhook',
      issue: 3,
      figures: [
        {
          metric: 'webhook answer time p99 (1,000-notification burst)',
          value: round(p99),
          unit: 'ms',
          goal: '< 200 ms',
          met: p99 < 200 && accepted === NOTIFICATIONS,
          baseline: round(percentile(baseline.times, 99)),
        },
        {
          metric: 'webhook answer time p50',
          value: round(percentile(webhook.times, 50)),
          unit: 'ms',
          baseline: round(percentile(baseline.times, 50)),
        },
        {
          metric: 'webhook answer time max',
          value: round(Math.max(...webhook.times)),
          unit: 'ms',
          baseline: round(Math.max(...baseline.times)),
        },
        {
          metric: 'burst throughput',
          value: round((NOTIFICATIONS / webhook.totalMs) * 1000, 0),
          unit: 'notifications/s',
          baseline: round((NOTIFICATIONS / baseline.totalMs) * 1000, 0),
        },
      ],
      notes: [
        `${NOTIFICATIONS} notifications, ${CONCURRENCY} in flight, from a child process whose connections are warmed up first (${2 * WARM_UP} health requests, untimed); baseline = the same burst on GET /api/health. Graph simulator in its own process.`,
        `answers: ${JSON.stringify(webhook.statuses)}; each 202 means the ref was durably queued on 'inbound-mail' (SQLite local queue).`,
      ],
    };
  } finally {
    await running.stop();
    sim.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  console.log(JSON.stringify(await benchGraphWebhook(), null, 2));
