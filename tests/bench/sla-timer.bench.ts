/**
 * SLA timer benchmark (issue 5): 100,000 open tickets in SQLite of which 1,000 are due for SLA
 * evaluation. Times one `sla-evaluate` run (goal < 2 s) and counts the documents it read through a
 * counting wrapper around the store (it must read only the ~1,000 due tickets), against a baseline
 * taken in the same run: a full scan of the open tickets, which is what a timer without the
 * `slaNextEvaluationAt` index would have to read. Run alone: `npx tsx tests/bench/sla-timer.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UlidIds } from '../../functions/adapters/system/ulid-ids.js';
import { compose } from '../../functions/composition-root.js';
import { loadConfig } from '../../functions/config/config.js';
import { seedSlaDefaults } from '../../infra/seed/sla-defaults.js';
import { OutboxRelay } from '../../shared/events/outbox-relay.js';
import { systemActor } from '../../shared/kernel/actor.js';
import type { DocumentStore, QuerySpec, StoredDocument } from '../../shared/ports/document-store.js';
import { SlaConfigRepository } from '../../shared/sla-engine/sla-config-repository.js';
import { SlaEvaluator } from '../../shared/sla-engine/sla-evaluator.js';
import { stampTicket } from '../../shared/sla-engine/ticket-sla.js';
import type { ContainerName } from '../../shared/storage/containers.js';
import { Ticket } from '../../shared/tickets/ticket.js';
import { TicketRepository } from '../../shared/tickets/ticket-repository.js';
import { TicketCommands } from '../../shared/use-cases/ticket-commands.js';
import { type BenchReport, round } from './bench-report.js';

const COUNT = Number(process.env.BENCH_TICKETS ?? 100_000);
const DUE = Math.min(1_000, COUNT);
const NOW = new Date('2026-06-02T12:00:00.000Z');
const MIN = 60_000;

/** Counts the ticket documents handed out by point reads and queries. */
class CountingStore implements DocumentStore {
  readonly ticketIds = new Set<string>();
  docsRead = 0;
  constructor(private readonly inner: DocumentStore) {}
  async read<T extends StoredDocument>(container: ContainerName, pk: string, id: string) {
    const found = await this.inner.read<T>(container, pk, id);
    if (found) this.note(found.doc);
    return found;
  }
  async readIfChanged<T extends StoredDocument>(container: ContainerName, pk: string, id: string, etag: string) {
    const found = await this.inner.readIfChanged<T>(container, pk, id, etag);
    if (found && found !== 'unchanged') this.note(found.doc);
    return found;
  }
  batch: DocumentStore['batch'] = (container, pk, operations) => this.inner.batch(container, pk, operations);
  async query<T extends StoredDocument>(container: ContainerName, spec: QuerySpec) {
    const page = await this.inner.query<T>(container, spec);
    for (const item of page.items) this.note(item.doc);
    return page;
  }
  private note(doc: StoredDocument): void {
    this.docsRead++;
    if (doc.docType === 'ticket') this.ticketIds.add(doc.id);
  }
}

export async function benchSlaTimer(): Promise<BenchReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-bench-sla-'));
  try {
    const clock = { now: () => new Date(NOW) };
    const composition = await compose(loadConfig({ DATA_DIR: dataDir, PORT: '0', BLOB_STORE: 'file' }), {
      clock,
      log: () => {},
    });
    const slaConfig = new SlaConfigRepository(composition.store, clock, 3_600_000);
    await seedSlaDefaults(slaConfig);
    const config = await slaConfig.current();
    const ids = new UlidIds();
    const actor = systemActor('bench');
    const seedStart = performance.now();
    for (let i = 0; i < COUNT; i++) {
      // P1 on the 24x7 calendar: the due ones were opened 50 min ago (first response overdue),
      // the others within the last 10 min (their first threshold is still ahead).
      const createdAt = new Date(NOW.getTime() - (i < DUE ? 50 * MIN : (i % 600) * 1_000 + 1_000));
      const ctx = { actor, now: createdAt, ids };
      const created = Ticket.create(
        {
          number: `INC-${100_000 + i}`,
          type: 'incident',
          title: `Seeded ticket ${i}`,
          description: 'Seeded for the benchmark.',
          requester: { email: `user${i % 5000}@customer.example`, name: `User ${i % 5000}` },
          impact: 1,
          urgency: 1,
          teamId: 'service-desk',
          channel: 'email',
        },
        ctx,
      );
      if (!created.ok) throw new Error(created.error.message);
      const ticket = created.value;
      ticket.applySla(stampTicket(ticket.toSnapshot(), [], config, createdAt));
      const [entry] = ticket.pendingChanges().entries;
      await composition.store.batch('tickets', ticket.id, [
        { op: 'create', doc: ticket.toSnapshot() as unknown as StoredDocument },
        { op: 'create', doc: entry as unknown as StoredDocument },
      ]);
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const counting = new CountingStore(composition.store);
    const bus = composition.localQueue;
    if (!bus) throw new Error('the benchmark needs the local queue');
    const commands = new TicketCommands(
      new TicketRepository(counting),
      new OutboxRelay(counting, bus),
      clock,
      ids,
      () => {},
      slaConfig,
    );
    const evaluator = new SlaEvaluator(counting, commands, slaConfig, clock);

    // Baseline: what a timer without the index reads, a scan of every open ticket (no work done).
    const scanStart = performance.now();
    let scanned = 0;
    let cursor: string | undefined;
    do {
      const page = await composition.store.query('tickets', {
        where: [
          { field: 'docType', op: 'eq', value: 'ticket' },
          { field: 'status', op: 'in', values: ['new', 'open', 'pending'] },
        ],
        limit: 1_000,
        ...(cursor ? { cursor } : {}),
      });
      scanned += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const scanMs = performance.now() - scanStart;

    const runStart = performance.now();
    const report = await evaluator.run();
    const runMs = performance.now() - runStart;
    const again = performance.now();
    const second = await evaluator.run();
    const secondMs = performance.now() - again;
    await composition.close();
    return {
      name: 'sla-timer',
      issue: 5,
      figures: [
        { metric: 'sla-evaluate run wall time', value: round(runMs, 0), unit: 'ms', goal: '< 2 s', met: runMs < 2_000 },
        {
          metric: 'distinct tickets read by the run',
          value: counting.ticketIds.size,
          unit: 'tickets',
          goal: `~${DUE} (the due ones only)`,
          met: counting.ticketIds.size === DUE,
          baseline: scanned,
        },
        { metric: 'full scan of open tickets (baseline, no work)', value: round(scanMs, 0), unit: 'ms' },
        { metric: 'second run right after (nothing due)', value: round(secondMs, 1), unit: 'ms' },
      ],
      notes: [
        `${COUNT} open P1 tickets in SQLite (WAL), ${DUE} due; seeded in ${round(seedSeconds, 1)} s.`,
        `Run 1: due query returned ${report.read}, evaluated ${report.evaluated}, sent ${report.notices} notices, ${report.failed} failed; ${counting.docsRead} documents read in all (ticket point reads on load, assist queries).`,
        `Run 2 read ${second.read} tickets: each evaluated ticket's next evaluation moved into the future.`,
      ],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchSlaTimer(), null, 2));
