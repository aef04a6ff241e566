/**
 * Webhook answer time under a burst of 1,000 Graph change notifications on the local platform
 * (issue 3 goal: p99 < 200 ms), against the same burst on GET /api/health measured in the same run.
 * Each notification names a real message in the simulator's mailbox and carries the subscription's
 * clientState, so the webhook does its full work (check, map, durable enqueue) before answering.
 * Run alone: `npx tsx tests/bench/graph-webhook.bench.ts`.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { customerMail, SUPPORT_MAILBOX, startGraphPlatform } from '../mail/graph-platform.js';
import { type BenchReport, percentile, round } from './bench-report.js';

const NOTIFICATIONS = 1_000;
const CONCURRENCY = 50;
const WARM_UP = 100;

interface BurstResult {
  readonly times: number[];
  readonly statuses: Record<string, number>;
  readonly totalMs: number;
}

const burst = (requests: readonly { url: string; method: string; body?: string }[]): Promise<BurstResult> =>
  new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./burst-child.ts', import.meta.url));
    const child = execFile(process.execPath, ['--import', 'tsx', script], { maxBuffer: 50_000_000 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as BurstResult),
    );
    child.stdin?.end(JSON.stringify({ requests, concurrency: CONCURRENCY }));
  });

export async function benchGraphWebhook(): Promise<BenchReport> {
  const g = await startGraphPlatform();
  try {
    const [sub] = g.sim.subscriptions();
    if (!sub) throw new Error('no subscription was created at start');
    const requests = [];
    for (let i = -WARM_UP; i < NOTIFICATIONS; i++) {
      const { message } = await g.sim.deliver(SUPPORT_MAILBOX, customerMail(`bench-${i}`, `Bench ${i}`), 'drop');
      requests.push({
        url: sub.notificationUrl,
        method: 'POST',
        body: JSON.stringify(g.sim.changeNotification(sub, message.id)),
      });
    }
    const health = Array.from({ length: NOTIFICATIONS }, () => ({ url: `${g.running.url}/api/health`, method: 'GET' }));
    // Warm-up of both paths, not measured: JIT, connections, SQLite pages, the mail worker thread.
    await burst(health.slice(0, WARM_UP));
    await burst(requests.slice(0, WARM_UP));
    await g.running.platform.drainQueue();
    const baseline = await burst(health);
    const webhook = await burst(requests.slice(WARM_UP));
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
        `${NOTIFICATIONS} notifications, ${CONCURRENCY} in flight, from a child process; baseline = the same burst on GET /api/health.`,
        `answers: ${JSON.stringify(webhook.statuses)}; each 202 means the ref was durably queued on 'inbound-mail' (SQLite local queue).`,
      ],
    };
  } finally {
    await g.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  console.log(JSON.stringify(await benchGraphWebhook(), null, 2));
