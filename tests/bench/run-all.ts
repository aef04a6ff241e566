/**
 * `npm run bench`: runs every benchmark on this machine, writes each report to
 * bench/results/<name>.json (plus latest.json with all of them) and rewrites the README's
 * benchmark table between its markers. `npm run bench -- api sla-due` runs only those.
 * `npm run bench -- --collect` runs nothing: it rebuilds latest.json and the table from the
 * bench/results/<name>.json files (after merging branches that each ran their own benchmark).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchApi } from './api.bench.js';
import { benchApiCosmos } from './api-cosmos.bench.js';
import type { BenchReport } from './bench-report.js';
import { benchBulk } from './bulk.bench.js';
import { benchChangeCalendar } from './change-calendar.bench.js';
import { benchChangeConflicts } from './change-conflicts.bench.js';
import { benchCmdb } from './cmdb.bench.js';
import { crmReport } from './crm.bench.js';
import { benchGraphWebhook } from './graph-webhook.bench.js';
import { benchKnownErrorSearch } from './known-error-search.bench.js';
import { benchMailIngest } from './mail-ingest.bench.js';
import { benchProblemClustering } from './problem-clustering.bench.js';
import { benchReports } from './reports.bench.js';
import { benchRules } from './rules.bench.js';
import { benchSearch } from './search.bench.js';
import { benchSeedAndList } from './seed-and-list.bench.js';
import { benchSlaDue } from './sla-due.bench.js';
import { benchSlaTimer } from './sla-timer.bench.js';

const ROOT = join(import.meta.dirname, '..', '..');

const slaDue = async (): Promise<BenchReport> => {
  const r = await benchSlaDue();
  return {
    name: 'sla-due',
    issue: 5,
    figures: [
      {
        metric: 'due-time computations (median round)',
        value: r.opsPerSec,
        unit: 'ops/s',
        goal: '>= 200,000/s',
        met: r.opsPerSec >= 200_000,
      },
      { metric: 'due-time computations (best round)', value: r.bestOpsPerSec, unit: 'ops/s' },
    ],
    notes: [`${r.computations} due times per round, ${r.rounds} rounds; Europe/Berlin, two intervals a day, holidays.`],
  };
};

const mailIngest = async (): Promise<BenchReport> => {
  const r = await benchMailIngest();
  return {
    name: 'mail-ingest',
    issue: 3,
    figures: [
      {
        metric: 'ingestion (parse, thread, store, events)',
        value: r.ingestPerSec,
        unit: 'msg/s',
        goal: '>= 300 msg/s',
        met: r.goals.ingestPerSec,
      },
      {
        metric: 'share of mailparser parse-only',
        value: Number((r.ratio * 100).toFixed(1)),
        unit: '%',
        goal: '>= 50%',
        met: r.goals.ratio,
        baseline: 100,
      },
      { metric: 'mailparser parse-only', value: r.parseOnlyPerSec, unit: 'msg/s' },
      {
        metric: 'expert replies by email (signed token, assist thread)',
        value: r.expertPerSec,
        unit: 'msg/s',
        goal: '>= 90% of customer mail',
        met: r.goals.expertRatio,
        baseline: r.ingestPerSec,
      },
    ],
    notes: [
      `${r.rounds.length} rounds of ${r.messages} messages (the fixture corpus replayed) after a warm-up of ${r.warmUp} through both paths; figures are the medians of the rounds: ${r.rounds.map((m) => `${m.ingestPerSec}/${m.parseOnlyPerSec} msg/s (${(m.ratio * 100).toFixed(1)}%)`).join(', ')}.`,
      `Concurrency ${r.concurrency} (as the queue dispatcher), ${r.mailWorkers} mail worker thread(s) parsing and sanitizing, ${r.store}; outcomes ${JSON.stringify(r.outcomes)}.`,
      'Parse-only runs mailparser (simpleParser with our options, without our legacy-mail decoding) on the main thread with the same concurrency, right before each ingestion round, in the same process.',
      `Expert replies: ${r.expertReplies} per round right after the customer mail, contributions by a team mailbox on open assists of ${r.expertTickets} tickets (token verified, sender and SMTP trust checked, quoted history and signature cut); per round ${r.rounds.map((m) => `${m.expertPerSec} msg/s (${(m.expertRatio * 100).toFixed(1)}% of customer mail)`).join(', ')}.`,
    ],
  };
};

export const BENCHMARKS: Record<string, () => Promise<BenchReport>> = {
  api: benchApi,
  'api-cosmos': benchApiCosmos,
  'seed-and-list': benchSeedAndList,
  'sla-due': slaDue,
  rules: benchRules,
  'sla-timer': benchSlaTimer,
  'mail-ingest': mailIngest,
  'graph-webhook': benchGraphWebhook,
  crm: crmReport,
  bulk: benchBulk,
  search: benchSearch,
  reports: benchReports,
  cmdb: benchCmdb,
  'known-error-search': benchKnownErrorSearch,
  'change-conflicts': benchChangeConflicts,
  'change-calendar': benchChangeCalendar,
  'problem-clustering': benchProblemClustering,
};

const table = (reports: readonly BenchReport[], when: string): string => {
  const lines = [
    `Last run: ${when} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`,
    '',
    '| issue | benchmark | figure | value | baseline (same run) | goal | met |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const report of reports)
    for (const f of report.figures)
      lines.push(
        `| #${report.issue} | ${report.name} | ${f.metric} | ${f.value.toLocaleString('en-US')} ${f.unit} | ${f.baseline !== undefined ? `${f.baseline.toLocaleString('en-US')} ${f.unit}` : ''} | ${f.goal ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : 'no'} |`,
      );
  return lines.join('\n');
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const collect = args.includes('--collect');
  const wanted = args.filter((a) => a !== '--collect');
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHMARKS);
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const reports: BenchReport[] = [];
  if (collect) {
    for (const name of Object.keys(BENCHMARKS)) {
      const file = join(resultsDir, `${name}.json`);
      if (existsSync(file)) reports.push(JSON.parse(readFileSync(file, 'utf8')) as BenchReport);
    }
    // The reports carry no time of their own: the newest commit of a results file stands for it.
    const newest = execFileSync('git', ['log', '-1', '--format=%cI', '--', 'bench/results'], { cwd: ROOT })
      .toString()
      .trim();
    writeResults(resultsDir, reports, newest === '' ? new Date().toISOString() : new Date(newest).toISOString());
    return;
  }
  for (const name of names) {
    const run = BENCHMARKS[name];
    if (!run) throw new Error(`No benchmark '${name}'; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    console.error(`bench: ${name}...`);
    const report = await run();
    writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    reports.push(report);
    console.error(table([report], 'now'));
  }
  // Keep the other benchmarks' latest figures when only some ran.
  let previous: BenchReport[] = [];
  try {
    previous = (JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8')) as { reports: BenchReport[] })
      .reports;
  } catch {
    previous = [];
  }
  const merged = [...previous.filter((p) => !reports.some((r) => r.name === p.name)), ...reports];
  writeResults(resultsDir, merged, new Date().toISOString());
}

function writeResults(resultsDir: string, merged: readonly BenchReport[], when: string): void {
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify({ when, reports: merged }, null, 2)}\n`);
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = readme.replace(
    /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
    `<!-- bench:start -->\n${table(merged, when)}\n<!-- bench:end -->`,
  );
  writeFileSync(readmePath, updated);
  console.error(`bench: wrote bench/results/ and the README table`);
}

await main();
