/**
 * Bulk jobs (issue 18): a bulk status change over 1,000 tickets on SQLite (every ticket through
 * its own domain checks: load, the status table, who may move it, the SLA stamp, an atomic save
 * with its timeline entry and outbox event, and the event's subscribers after it), timed from the
 * POST to the job's last chunk, while 8 clients each GET a ticket every 20 ms; their p99 during the job is compared with their p99 with
 * no job, measured in the same run just before. Three rounds (the status goes pending, open,
 * pending: each a real move) by the service desk lead over the tickets of 100 agents (10 each),
 * medians reported. Two of the 1,000 tickets are closed and refused each round
 * (TICKET.ILLEGAL_TRANSITION), so refusals are on the path too.
 * Run alone: `npx tsx tests/bench/bulk.bench.ts`.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { TBulkJob } from '../../shared/api/bulk.schemas.js';
import type { Actor } from '../../shared/kernel/actor.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { median } from './api.bench.js';
import { type BenchReport, percentile, round } from './bench-report.js';

const TICKETS = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 8;
/** Each client asks every 20 ms: 400 GETs a second in all, a busy service desk's worth of screens. */
const INTERVAL_MS = 20;
const BASELINE_SECONDS = 5;

const agent = (id: string, roles: ('agent' | 'lead')[] = ['agent']): Actor => ({
  kind: 'agent',
  agentId: id,
  roles,
  teamIds: ['service-desk'],
});

/** A desk of 100 agents with 10 tickets each (routing keeps each owner's load from their open tickets). */
const AGENTS = 100;

async function seed(p: RunningPlatform): Promise<string[]> {
  const { tickets, directory } = p.composition.services;
  for (let a = 0; a < AGENTS; a++)
    await directory.saveAgent({
      id: `ag_bench${a}`,
      email: `bench${a}@demo.local`,
      name: `Bench Agent ${a}`,
      roles: ['agent'],
      teamIds: ['service-desk'],
      skills: [],
      capacity: 20,
      availability: 'offline',
      active: true,
    });
  const lee = agent('ag_lee', ['lead']);
  const ids: string[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const created = await tickets.create(
      {
        type: 'incident',
        title: `Bulk bench ${i}`,
        description: 'Seeded for the bulk benchmark.',
        requester: { email: `bench${i % 50}@customer.example`, name: `Bench ${i % 50}` },
        impact: 3,
        urgency: 3,
        teamId: 'service-desk',
        channel: 'email',
      },
      lee,
    );
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.ticket.id;
    const owner = agent(`ag_bench${i % AGENTS}`);
    const must = (r: { ok: boolean }, what: string) => {
      if (!r.ok) throw new Error(`seed: ${what}`);
    };
    must(await tickets.accept(id, owner), 'accept');
    // Two closed tickets: a closed ticket takes no status move, so the job refuses them every round.
    if (i === 100 || i === 900) {
      must(await tickets.changeStatus(id, { status: 'resolved' }, owner), 'resolve');
      must(await tickets.changeStatus(id, { status: 'closed' }, owner), 'close');
    }
    ids.push(id);
  }
  await p.platform.drainQueue();
  return ids;
}

interface Probe {
  samples: [number, number][];
  errors: number;
}

const probe = (p: RunningPlatform, ids: readonly string[], seconds: number): Promise<Probe> =>
  promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./get-probe-child.ts', import.meta.url)),
      JSON.stringify({
        urls: ids.slice(0, 200).map((id) => `${p.url}/api/tickets/${id}`),
        headers: { authorization: 'Dev lead@demo.local' },
        connections: CONNECTIONS,
        seconds,
        intervalMs: INTERVAL_MS,
      }),
    ],
    { maxBuffer: 200_000_000 },
  ).then(({ stdout }) => JSON.parse(stdout) as Probe);

async function runJob(p: RunningPlatform, ids: readonly string[], status: 'pending' | 'open') {
  const started = Date.now();
  const response = await fetch(`${p.url}/api/bulk/jobs`, {
    method: 'POST',
    headers: { authorization: 'Dev lead@demo.local', 'content-type': 'application/json' },
    body: JSON.stringify({ action: { type: 'status', status }, ticketIds: ids }),
  });
  if (response.status !== 202) throw new Error(`bulk start: ${response.status} ${await response.text()}`);
  const job = (await response.json()) as TBulkJob;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const read = (await (
      await fetch(`${p.url}/api/bulk/jobs/${job.id}`, { headers: { authorization: 'Dev lead@demo.local' } })
    ).json()) as TBulkJob;
    if (read.state === 'finished') {
      const ended = Date.now();
      return {
        job: read,
        started,
        ended,
        seconds: (Date.parse(read.finishedAt as string) - Date.parse(read.createdAt)) / 1_000,
      };
    }
  }
}

export async function benchBulk(): Promise<BenchReport> {
  const p = await startRunningPlatform();
  try {
    const ids = await seed(p);
    await probe(p, ids, 2); // warm-up of the GET path, not measured
    const rounds: {
      baselineP99: number;
      duringP99: number;
      seconds: number;
      done: number;
      refused: number;
      gets: number;
    }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const baseline = await probe(p, ids, BASELINE_SECONDS);
      const during = probe(p, ids, 30);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const run = await runJob(p, ids, r % 2 === 0 ? 'pending' : 'open');
      const load = await during;
      if (baseline.errors + load.errors > 0) throw new Error(`GET errors: ${baseline.errors + load.errors}`);
      const inJob = load.samples.filter(([at]) => at >= run.started && at <= run.ended).map(([, ms]) => ms);
      rounds.push({
        baselineP99: round(
          percentile(
            baseline.samples.map(([, ms]) => ms),
            99,
          ),
        ),
        duringP99: round(percentile(inJob, 99)),
        seconds: round(run.seconds, 2),
        done: run.job.done,
        refused: run.job.refused,
        gets: inJob.length,
      });
      await p.platform.drainQueue();
    }
    const seconds = median(rounds.map((r) => r.seconds));
    const duringP99 = median(rounds.map((r) => r.duringP99));
    const baselineP99 = median(rounds.map((r) => r.baselineP99));
    return {
      name: 'bulk',
      issue: 18,
      figures: [
        {
          metric: 'bulk status change over 1,000 tickets (job wall time)',
          value: seconds,
          unit: 's',
          goal: '< 10 s',
          met: seconds < 10,
        },
        { metric: 'tickets per second in the job', value: round(TICKETS / seconds, 0), unit: 'tickets/s' },
        {
          metric: 'GET /api/tickets/{id} p99 during the job',
          value: duringP99,
          unit: 'ms',
          baseline: baselineP99,
          goal: '< 50 ms',
          met: duringP99 < 50,
        },
      ],
      notes: [
        `${TICKETS} tickets on SQLite (local queue, in-process host), owned by ${AGENTS} agents (10 each; 2 closed, refused TICKET.ILLEGAL_TRANSITION every round); the job acts as the service desk lead; chunks of 25 tickets on the bulk queue at the dispatcher's concurrency (2 handlers while HTTP is busy, ADR 0010).`,
        `${CONNECTIONS} clients in a child process each GET a ticket every ${INTERVAL_MS} ms (${Math.round((CONNECTIONS * 1000) / INTERVAL_MS)} req/s); baseline: the same ${BASELINE_SECONDS} s right before each round with no job; 'during': the requests started between the POST and the poll that saw the job finished.`,
        `Rounds (job s, done/refused, GET p99 during / baseline ms, GETs during): ${rounds
          .map((r) => `${r.seconds}/${r.done}/${r.refused}/${r.duringP99}/${r.baselineP99}/${r.gets}`)
          .join(', ')}.`,
      ],
    };
  } finally {
    await p.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchBulk(), null, 2));
