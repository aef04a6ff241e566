/**
 * Issue 6 benchmarks. (1) Rule evaluation: 200 rules (compiled once, as the repository does per
 * rules version) against one event, median and p99 over 5,000 runs after warm-up (goal < 0.2 ms
 * median), with a baseline of 200 no-op closures in the same run.
 * (2) Events/s through the rules handler (and the other subscribers) on the local durable queue
 * over SQLite. (3) A routing decision across 500 agents in 50 teams (goal < 1 ms median).
 * Run directly with `npx tsx tests/bench/rules.bench.ts` or via `npm run bench -- rules`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compose } from '../../functions/composition-root.js';
import { loadConfig } from '../../functions/config/config.js';
import { startLocalPlatform } from '../../infra/local/local-platform.js';
import { seedDemo } from '../../infra/seed/seed-demo.js';
import type { AgentSnapshot } from '../../shared/directory/agent.js';
import { type Candidate, chooseAgent } from '../../shared/routing/routing-strategy.js';
import type { RuleFacts } from '../../shared/rules/conditions.js';
import { planRules } from '../../shared/rules/rule-engine.js';
import { type Rule, ZRuleInput } from '../../shared/rules/rule-schema.js';
import { compileRuleSet } from '../../shared/rules/rule-set.js';
import { aTicket } from '../builders/index.js';
import { type BenchReport, percentile, round } from './bench-report.js';

const RUNS = 5_000;

const time = (runs: number, body: () => void): number[] => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body();
    samples.push(performance.now() - started);
  }
  return samples;
};

function twoHundredRules(): Rule[] {
  return Array.from({ length: 200 }, (_, i) => {
    const input = ZRuleInput.parse({
      name: `rule ${i}`,
      trigger: { kind: 'event', events: i % 4 === 0 ? ['ticket.created'] : ['ticket.updated', 'ticket.created'] },
      conditions: {
        all: [
          { field: 'priority', op: 'in', values: ['P1', 'P2'] },
          {
            any: [
              { field: 'title', op: 'contains', value: `word${i}`, ignoreCase: true },
              { field: 'tags', op: 'contains', value: `t${i % 7}` },
            ],
          },
          { field: 'title', op: 'matches', pattern: `(vpn|printer|disk)\\s+\\w+ ${i % 10}`, ignoreCase: true },
          { field: 'priority', op: 'changed' },
        ],
      },
      actions: [{ type: 'add_note', body: `note ${i}` }],
    });
    return { ...input, id: `r${i}`, order: i, createdAt: '', updatedAt: '' };
  });
}

export async function benchRules(): Promise<BenchReport> {
  const rules = twoHundredRules();
  const ticket = {
    ...aTicket().build().toSnapshot(),
    priority: 'P2' as const,
    title: 'VPN drops 3 times an hour',
    tags: ['t3'],
  };
  const facts: RuleFacts = {
    ticket,
    event: {
      id: 'ev',
      type: 'ticket.updated',
      occurredAt: '',
      actor: null,
      data: { changes: { priority: { from: 'P3', to: 'P2' } } },
    },
    assist: null,
    now: new Date(),
  };
  // Rules are compiled once when loaded (the repository caches the set per rules version).
  const compileStarted = performance.now();
  const compiled = compileRuleSet(rules);
  const compileMs = performance.now() - compileStarted;
  time(2_000, () => planRules(compiled, facts)); // warm-up (JIT, lazy DFA states)
  const evaluation = time(RUNS, () => planRules(compiled, facts));
  // The uncompiled entry point (a plain list, as a dry run of unsaved rules would pass).
  time(500, () => planRules(rules, facts));
  const fromList = time(RUNS, () => planRules(rules, facts));
  const noop = Array.from({ length: 200 }, (_, i) => (x: number) => x + i);
  const noops = () => {
    let acc = 0;
    for (const f of noop) acc = f(acc);
    if (acc < 0) throw new Error('unreachable');
  };
  time(2_000, noops);
  const baseline = time(RUNS, noops);
  const matched = planRules(compiled, facts).length;

  // Routing: 500 agents in 50 teams (each in 1-2 teams), varied skills, load and availability.
  const agents: Candidate[] = Array.from({ length: 500 }, (_, i) => {
    const agent: AgentSnapshot = {
      id: `ag${i}`,
      email: `ag${i}@b.example`,
      name: `Agent ${i}`,
      roles: ['agent'],
      teamIds: [`team${i % 50}`, `team${(i * 7) % 50}`],
      skills: [{ name: `skill${i % 5}`, level: (i % 5) + 1 }],
      capacity: 10,
      availability: i % 9 === 0 ? 'away' : 'online',
      active: true,
    };
    return {
      agent,
      load: (i * 13) % 10,
      lastAssignedAt: new Date(1_700_000_000_000 + i * 1_000).toISOString(),
      working: true,
    };
  });
  let team = 0;
  time(500, () =>
    chooseAgent(agents, { teamId: `team${team++ % 50}`, skills: [{ name: 'skill2', minLevel: 2 }], weight: 1 }),
  );
  const routing = time(10_000, () =>
    chooseAgent(agents, { teamId: `team${team++ % 50}`, skills: [{ name: 'skill2', minLevel: 2 }], weight: 1 }),
  );

  const throughput = await eventsPerSecond();
  const median = percentile(evaluation, 50);
  const baselineMedian = percentile(baseline, 50);
  const routingMedian = percentile(routing, 50);
  return {
    name: 'rules',
    issue: 6,
    figures: [
      {
        metric: '200 rules vs one event (median)',
        value: round(median * 1_000, 1),
        unit: 'µs',
        goal: '< 200 µs',
        met: median < 0.2,
        baseline: round(baselineMedian * 1_000, 2),
      },
      {
        metric: '200 rules vs one event (median / no-op baseline median)',
        value: round(median / baselineMedian, 1),
        unit: 'x',
      },
      {
        metric: '200 rules vs one event (p99)',
        value: round(percentile(evaluation, 99) * 1_000, 1),
        unit: 'µs',
        baseline: round(percentile(baseline, 99) * 1_000, 2),
      },
      {
        metric: '200 rules from a plain list, compiled per call (median)',
        value: round(percentile(fromList, 50) * 1_000, 1),
        unit: 'µs',
      },
      { metric: 'compiling the 200-rule set (once per rules version)', value: round(compileMs * 1_000, 0), unit: 'µs' },
      {
        metric: 'events through the handlers on the local queue',
        value: round(throughput.perSecond, 0),
        unit: 'events/s',
      },
      {
        metric: 'routing decision, 500 agents / 50 teams (median)',
        value: round(routingMedian * 1_000, 1),
        unit: 'µs',
        goal: '< 1000 µs',
        met: routingMedian < 1,
      },
      { metric: 'routing decision (p99)', value: round(percentile(routing, 99) * 1_000, 1), unit: 'µs' },
    ],
    notes: [
      `${matched} of 200 rules match the benchmark event (conditions: in, contains, safe regex, changed); ${RUNS} timed runs after warm-up; baseline = 200 no-op closures in the same run (the machine is shared: compare the ratio).`,
      `Throughput: ${throughput.events} domain events from ${throughput.tickets} tickets drained through EventDispatcher (routing, rules with the 3 default rules, notifications, SLA, mail) on SQLite + local queue.`,
    ],
  };
}

async function eventsPerSecond(): Promise<{ perSecond: number; events: number; tickets: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-bench-rules-'));
  let delivered = 0;
  const counter = { name: 'bench-counter', handles: 'all' as const, handle: async () => void delivered++ };
  const composition = await compose(loadConfig({ DATA_DIR: dataDir, PORT: '0', BLOB_STORE: 'file' }), {
    log: () => {},
    subscribers: [counter],
  });
  try {
    const s = composition.services;
    await seedDemo(s.directory, s.tickets, s.sla.config, s.orchestra.rules);
    const platform = await startLocalPlatform(composition, {
      port: 0,
      host: '127.0.0.1',
      timers: false,
      log: () => {},
    });
    await platform.drainQueue();
    const lee = { kind: 'agent' as const, agentId: 'ag_lee', roles: ['lead' as const], teamIds: ['service-desk'] };
    const tickets = 150;
    for (let i = 0; i < tickets; i++) {
      const created = await s.tickets.create(
        {
          type: 'incident',
          title: `Bench ${i}`,
          description: 'd',
          requester: { email: `u${i}@c.example`, name: 'U' },
          impact: 3,
          urgency: 3,
          teamId: 'network',
          channel: 'web',
        },
        lee,
      );
      if (created.ok) await s.tickets.addNote(created.value.ticket.id, { body: 'more', visibility: 'internal' }, lee);
    }
    // Creating a ticket relays its events at once; the queue holds them until the drain below.
    delivered = 0;
    const started = performance.now();
    await platform.drainQueue();
    const seconds = (performance.now() - started) / 1_000;
    await platform.stop();
    const events = delivered;
    return { perSecond: events / seconds, events, tickets };
  } finally {
    await composition.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchRules(), null, 2));
