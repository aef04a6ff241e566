/**
 * The api benchmark on Cosmos DB (issue 21): GET /api/tickets/{id} and POST a note at 32
 * connections against the local host on the Cosmos simulator, beside the same host on SQLite
 * measured in the same run (rounds alternate, medians reported), with the request units the SDK
 * reports per API request. The simulator's speed is not Azure's (it is one in-memory JavaScript
 * server on this machine, and it charges 1 RU for every call, so "RU per request" here counts the
 * Cosmos calls an API request makes): a regression guard, not a capacity figure.
 * Run alone: `npx tsx tests/bench/api-cosmos.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { startRunningPlatform } from '../support/running-platform.js';
import { assertAllOk, getTickets, median, postNotes, seedBenchTickets } from './api.bench.js';
import { type BenchReport, round } from './bench-report.js';
import type { LoadResult } from './load-generator.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function benchApiCosmos(): Promise<BenchReport> {
  let requestUnits = 0;
  const sqlite = await startRunningPlatform();
  const cosmos = await startRunningPlatform({
    store: 'cosmos',
    overrides: { cosmosRequestCharge: (ru) => (requestUnits += ru) },
  });
  try {
    const sqliteIds = await seedBenchTickets(sqlite);
    const cosmosIds = await seedBenchTickets(cosmos);
    await getTickets(sqlite, sqliteIds, 2); // warm-up, not measured
    await getTickets(cosmos, cosmosIds, 2);
    const rounds: { sqlite: LoadResult; cosmos: LoadResult; ruPerGet: number }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const onSqlite = await getTickets(sqlite, sqliteIds);
      const before = requestUnits;
      const onCosmos = await getTickets(cosmos, cosmosIds);
      rounds.push({ sqlite: onSqlite, cosmos: onCosmos, ruPerGet: (requestUnits - before) / onCosmos.total });
    }
    // Both hosts and the simulator share this process: each POST run's domain events are drained
    // before the other host is measured, so one host's backlog does not starve the other.
    const before = requestUnits;
    const cosmosPost = await postNotes(cosmos, cosmosIds);
    const ruPerPost = (requestUnits - before) / cosmosPost.total;
    await cosmos.platform.drainQueue();
    const sqlitePost = await postNotes(sqlite, sqliteIds);
    await sqlite.platform.drainQueue();
    assertAllOk([
      ...rounds.flatMap((r) => [['GET sqlite', r.sqlite] as const, ['GET cosmos', r.cosmos] as const]),
      ['POST sqlite', sqlitePost],
      ['POST cosmos', cosmosPost],
    ]);
    const m = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
    return {
      name: 'api-cosmos',
      issue: 21,
      figures: [
        {
          metric: 'GET /api/tickets/{id} throughput on Cosmos (simulator)',
          value: round(
            m((r) => r.cosmos.rps),
            0,
          ),
          unit: 'req/s',
          baseline: round(
            m((r) => r.sqlite.rps),
            0,
          ),
        },
        {
          metric: 'GET p99 latency on Cosmos (simulator)',
          value: m((r) => r.cosmos.p99),
          unit: 'ms',
          baseline: m((r) => r.sqlite.p99),
        },
        {
          metric: 'GET request units per request',
          value: round(
            m((r) => r.ruPerGet),
            2,
          ),
          unit: 'RU',
        },
        {
          metric: 'POST timeline throughput on Cosmos (simulator)',
          value: round(cosmosPost.rps, 0),
          unit: 'req/s',
          baseline: round(sqlitePost.rps, 0),
        },
        {
          metric: 'POST timeline p99 latency on Cosmos (simulator)',
          value: cosmosPost.p99,
          unit: 'ms',
          baseline: sqlitePost.p99,
        },
        { metric: 'POST timeline request units per request', value: round(ruPerPost, 2), unit: 'RU' },
      ],
      notes: [
        'Baseline: the same host on SQLite, measured in the same run; GET rounds alternate SQLite and Cosmos, medians reported.',
        `Rounds (SQLite req/s, Cosmos req/s, RU per GET): ${rounds.map((r) => `${round(r.sqlite.rps, 0)}/${round(r.cosmos.rps, 0)}/${round(r.ruPerGet, 2)}`).join(', ')}.`,
        'The simulator charges 1 RU for every call, so RU per request counts the Cosmos calls made while the requests ran (background work they start included); Azure charges about 1 RU per 1 KB point read and more per write and query.',
      ],
    };
  } finally {
    await cosmos.stop();
    await sqlite.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchApiCosmos(), null, 2));
