/**
 * Foundation API benchmark (issue 2): GET /api/tickets/{id} and POST /api/tickets/{id}/timeline
 * at 32 connections on the local host, against a bare node:http server answering a fixed JSON
 * body, measured in the same run. The baseline and the GET alternate over ROUNDS rounds and each
 * GET figure is the median of its rounds (the share: the median of the per-round shares), so a
 * noisy spell on this shared machine hits both sides instead of one.
 * Run alone: `npx tsx tests/bench/api.bench.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { type BenchReport, round } from './bench-report.js';
import { generateLoad, type LoadResult } from './load-generator.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

export const AUTH = { authorization: 'Dev alice@demo.local' };

/** 100 tickets, each accepted, with the set-up's domain events (rules, routing, notifications) done. */
export async function seedBenchTickets(p: RunningPlatform): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 100; i++) {
    const created = await p.api<{ id: string }>('lead@demo.local', 'tickets', {
      body: { title: `bench ${i}`, requester: { email: 'b@customer.example', name: 'B' } },
    });
    ids.push(created.body.id);
    await p.api('alice@demo.local', `tickets/${created.body.id}/accept`, { method: 'POST' });
  }
  await p.platform.drainQueue();
  return ids;
}

export const getTickets = (p: RunningPlatform, ids: readonly string[], seconds = SECONDS): Promise<LoadResult> =>
  generateLoad({ urls: ids.map((id) => `${p.url}/api/tickets/${id}`), headers: AUTH, connections: 32, seconds });

export const postNotes = (p: RunningPlatform, ids: readonly string[]): Promise<LoadResult> =>
  generateLoad({
    urls: ids.map((id) => `${p.url}/api/tickets/${id}/timeline`),
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'Benchmark note: checked the logs, nothing unusual.' }),
    connections: 32,
    seconds: SECONDS,
  });

export function assertAllOk(results: readonly (readonly [string, LoadResult])[]): void {
  for (const [name, r] of results)
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
}

export async function benchApi(): Promise<BenchReport> {
  const fixed = JSON.stringify({
    id: 't_01',
    number: 'INC-1001',
    status: 'open',
    priority: 'P3',
    ownerId: null,
    title: 'x'.repeat(200),
  });
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) });
    res.end(fixed);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/tickets/t_01`;

  const p = await startRunningPlatform();
  try {
    const ids = await seedBenchTickets(p);
    // Warm-up, not measured: the JIT has not seen the GET path yet (the bare server has no path to learn).
    await generateLoad({ urls: [bareUrl], connections: 32, seconds: 1 });
    await getTickets(p, ids, 2);
    const rounds: { baseline: LoadResult; get: LoadResult }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const baseline = await generateLoad({ urls: [bareUrl], connections: 32, seconds: SECONDS });
      const get = await getTickets(p, ids);
      rounds.push({ baseline, get });
    }
    const post = await postNotes(p, ids);
    assertAllOk([
      ...rounds.flatMap((round) => [['baseline', round.baseline] as const, ['GET', round.get] as const]),
      ['POST', post] as const,
    ]);
    const share = median(rounds.map((r) => r.get.rps / r.baseline.rps));
    const baseline = {
      rps: median(rounds.map((r) => r.baseline.rps)),
      p50: median(rounds.map((r) => r.baseline.p50)),
      p99: median(rounds.map((r) => r.baseline.p99)),
    };
    const get = {
      rps: median(rounds.map((r) => r.get.rps)),
      p50: median(rounds.map((r) => r.get.p50)),
      p99: median(rounds.map((r) => r.get.p99)),
    };
    return {
      name: 'api',
      issue: 2,
      figures: [
        {
          metric: 'GET /api/tickets/{id} throughput',
          value: round(get.rps, 0),
          unit: 'req/s',
          baseline: round(baseline.rps, 0),
        },
        {
          metric: 'GET share of bare node:http',
          value: round(share * 100, 1),
          unit: '%',
          goal: '>= 40%',
          met: share >= 0.4,
        },
        { metric: 'GET p50 latency', value: get.p50, unit: 'ms', baseline: baseline.p50 },
        {
          metric: 'GET p99 latency',
          value: get.p99,
          unit: 'ms',
          goal: '< 25 ms',
          met: get.p99 < 25,
          baseline: baseline.p99,
        },
        { metric: 'POST timeline throughput', value: round(post.rps, 0), unit: 'req/s' },
        { metric: 'POST timeline p50 latency', value: post.p50, unit: 'ms' },
        { metric: 'POST timeline p99 latency', value: post.p99, unit: 'ms' },
      ],
      notes: [
        `32 connections, ${SECONDS} s each, autocannon in a child process; 100 tickets, requests spread over them.`,
        `Baseline and GET alternate over ${ROUNDS} rounds; GET figures are medians of the rounds. Rounds (baseline req/s, GET req/s, share %, GET p99 ms): ${rounds
          .map(
            (r) =>
              `${round(r.baseline.rps, 0)}/${round(r.get.rps, 0)}/${round((r.get.rps / r.baseline.rps) * 100, 1)}/${r.get.p99}`,
          )
          .join(', ')}.`,
      ],
    };
  } finally {
    bare.close();
    await p.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchApi(), null, 2));
