/**
 * Issue 17 benchmark: the suggested-problems clustering over 100,000 incidents in its 7-day window
 * (goal < 5 s), the pure function the timer runs (incident-clustering.ts), median of 5 runs after
 * a warm-up. Baseline in the same run: one pass that only groups the same incidents by CI and
 * service (the floor any clustering pays). 2,000 CIs and 200 services, titles from 60 recurring
 * symptoms with noise words, 2% already linked to a problem, 3,000 assists to 20 expert teams.
 * Run directly with `npx tsx tests/bench/problem-clustering.bench.ts` or `npm run bench -- problem-clustering`.
 */
import { pathToFileURL } from 'node:url';
import {
  type ClusterAssist,
  type ClusterIncident,
  DEFAULT_CLUSTERING,
  suggestProblems,
} from '../../shared/problems/incident-clustering.js';
import { type BenchReport, percentile, round } from './bench-report.js';

const INCIDENTS = 100_000;
const RUNS = 5;
const NOW = new Date('2026-12-04T12:00:00Z');

const SYMPTOMS = [
  'vpn drops',
  'printer jams',
  'outlook hangs',
  'disk full',
  'login fails',
  'sap slow',
  'teams crashes',
  'wifi disconnects',
  'password expired',
  'backup failed',
];
const OBJECTS = ['laptop', 'server', 'gateway', 'office', 'client', 'queue'];
const NOISE = ['again', 'today', 'urgent', 'morning', 'several', 'users', 'building', 'floor', 'since', 'update'];

/** A small deterministic generator: the same corpus on every run. */
const rng = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

function corpus(): { incidents: ClusterIncident[]; assists: ClusterAssist[] } {
  const r = rng(17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const incidents: ClusterIncident[] = [];
  for (let i = 0; i < INCIDENTS; i++) {
    const ci = Math.floor(r() * 2_000);
    incidents.push({
      id: `t_${i}`,
      number: `INC-${10_000 + i}`,
      title: `${pick(SYMPTOMS)} ${pick(OBJECTS)} ${pick(NOISE)} ${pick(NOISE)}`,
      createdAt: new Date(NOW.getTime() - r() * 7 * 86_400_000).toISOString(),
      ciIds: [`ci_${ci}`],
      serviceIds: [`svc_${ci % 200}`],
      linkedToProblem: r() < 0.02,
    });
  }
  const assists: ClusterAssist[] = Array.from({ length: 3_000 }, (_, i) => {
    const incident = incidents[Math.floor(r() * INCIDENTS)] as ClusterIncident;
    return {
      id: `${incident.id}.a${i}`,
      ticketId: incident.id,
      ticketNumber: incident.number,
      expertTeamId: `team_${i % 20}`,
      ciIds: incident.ciIds,
      createdAt: incident.createdAt,
      linkedToProblem: incident.linkedToProblem,
    };
  });
  return { incidents, assists };
}

/** The floor: one pass grouping the same incidents by CI and service, no text at all. */
function groupOnly(incidents: readonly ClusterIncident[]): number {
  const groups = new Map<string, number>();
  for (const i of incidents)
    for (const key of [...i.ciIds.map((c) => `ci:${c}`), ...i.serviceIds.map((s) => `service:${s}`)])
      groups.set(key, (groups.get(key) ?? 0) + 1);
  return groups.size;
}

const timed = (body: () => unknown): number => {
  const started = performance.now();
  body();
  return performance.now() - started;
};

export async function benchProblemClustering(): Promise<BenchReport> {
  const { incidents, assists } = corpus();
  const run = () => suggestProblems({ incidents, assists, dismissed: [], now: NOW }, DEFAULT_CLUSTERING);
  const found = run().length; // warm-up
  groupOnly(incidents);
  const samples: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(timed(() => groupOnly(incidents)));
    samples.push(timed(run));
  }
  const median = percentile(samples, 50) / 1_000;
  return {
    name: 'problem-clustering',
    issue: 17,
    figures: [
      {
        metric: 'clustering 100,000 incidents in the 7-day window (median)',
        value: round(median, 2),
        unit: 's',
        goal: '< 5 s',
        met: median < 5,
        baseline: round(percentile(floor, 50) / 1_000, 3),
      },
      {
        metric: 'clustering 100,000 incidents (slowest of 5)',
        value: round(Math.max(...samples) / 1_000, 2),
        unit: 's',
      },
    ],
    notes: [
      `${RUNS} timed runs after a warm-up; ${found} suggested problems found (same CI, same service, repeated assists) over 2,000 CIs, 200 services, 3,000 assists.`,
      'Baseline = one pass grouping the same incidents by CI and service without text similarity, in the same run (the machine is shared: compare the two).',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchProblemClustering(), null, 2));
