/**
 * The migration use case (issue 20, ADR 0029): organizations, groups and users first, then tickets
 * page by page, each through the Ticket aggregate's imported path and saved by TicketCommands
 * (the SLA stamp is computed from the imported history there). Idempotent and resumable: ticket
 * ids derive from the source's, the cursor after each finished page is saved, and a re-run skips
 * what is here. A row that cannot be taken is refused with its reason; the rest goes in. A dry run
 * reads everything and writes nothing, and reports the same counts, unmapped values and refusals.
 */
import type { CustomerDirectory } from '../customers/customer-directory.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { systemActor } from '../kernel/actor.js';
import { attachmentBlobKey } from '../mail/inbound-content.js';
import type { MailRecords } from '../mail/mail-records.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { Ticket } from '../tickets/ticket.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import { NUMBER_PREFIX } from '../tickets/ticket-types.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { WorkItemNumberAllocator } from '../work-items/work-item-numbers.js';
import {
  type Counts,
  emptyCounts,
  MigrationLedger,
  migrationRuns,
  type Rejection,
  type RunState,
} from './migration-ledger.js';
import type { MigrationMapping, UnmappedKind } from './migration-mapping.js';
import { importOrganizations, importUsers, mapGroups, type PassTally, type PeopleIndex } from './migration-people.js';
import type { MigrationSource, SourceTicket } from './migration-source.js';
import { type PlanContext, planTicket, ticketIdFor } from './ticket-plan.js';

export interface MigrationDeps {
  readonly store: DocumentStore;
  readonly commands: Pick<TicketCommands, 'save'>;
  readonly tickets: Pick<TicketRepository, 'readSnapshot'>;
  readonly numbers: Pick<WorkItemNumberAllocator, 'next'>;
  readonly directory: DirectoryRepository;
  readonly customers: CustomerDirectory;
  readonly records: Pick<MailRecords, 'message' | 'finish'>;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The support mailbox imported mails were written to and from. */
  readonly supportAddress: string;
}

export type Phase = 'organizations' | 'groups' | 'users' | 'tickets' | 'done';

export interface MigrationProgress {
  readonly phase: Phase;
  readonly counts: Counts;
}

export interface RunOptions {
  readonly dryRun?: boolean;
  /** Tickets of one page written at once (the source's rate limit is usually the bound). */
  readonly concurrency?: number;
  readonly onProgress?: (progress: MigrationProgress) => void;
  /** Stops between tickets (an admin's stop, a test's crash); the next run resumes. */
  readonly signal?: AbortSignal;
}

export interface MigrationReport {
  readonly source: string;
  readonly dryRun: boolean;
  /** The cursor this run started from (null: the beginning). */
  readonly resumedFrom: string | null;
  /** This run's counts (a resumed run's totals are in the ledger's run state). */
  readonly counts: Counts;
  readonly rejected: readonly Rejection[];
  readonly unmapped: Record<UnmappedKind, Record<string, number>>;
  readonly finished: boolean;
}

const MIGRATION_ACTOR = systemActor('migration');

export class MigrationRun {
  constructor(private readonly deps: MigrationDeps) {}

  /** Each source's run state: the progress an admin watches (GET /api/admin/migrations). */
  runs(): Promise<RunState[]> {
    return migrationRuns(this.deps.store);
  }

  async run(source: MigrationSource, mapping: MigrationMapping, options: RunOptions = {}): Promise<MigrationReport> {
    const dryRun = options.dryRun === true;
    const ledger = new MigrationLedger(this.deps.store, source.name);
    const tally: PassTally = { counts: emptyCounts(), rejected: [], dryRun };
    const progress = (phase: Phase) => options.onProgress?.({ phase, counts: tally.counts });
    const previous = await ledger.state();
    const resumedFrom = previous && !previous.finishedAt ? previous.cursor : null;
    const people = { directory: this.deps.directory, customers: this.deps.customers, ledger, ids: this.deps.ids };
    const peopleDeps = { ...people, now: () => this.deps.clock.now() };

    progress('organizations');
    await importOrganizations(source, peopleDeps, tally);
    progress('groups');
    const teams = await mapGroups(source, peopleDeps, mapping, tally);
    progress('users');
    const index = await importUsers(source, peopleDeps, mapping, tally);
    progress('tickets');
    const ctx: PlanContext = {
      source: source.name,
      numberPrefix: mapping.file.numberPrefix ?? source.name.slice(0, 2).toUpperCase(),
      supportAddress: this.deps.supportAddress,
      people: index.people,
      mapping,
      teamOfGroup: (groupId) => (groupId ? (teams.get(groupId) ?? null) : null),
    };

    const startedAt = this.deps.clock.now().toISOString();
    let state: RunState = {
      source: source.name,
      cursor: resumedFrom,
      startedAt: previous && !previous.finishedAt ? previous.startedAt : startedAt,
      updatedAt: startedAt,
      finishedAt: null,
      counts: previous && !previous.finishedAt ? previous.counts : emptyCounts(),
      rejected: previous && !previous.finishedAt ? previous.rejected : [],
    };
    const concurrency = Math.max(1, options.concurrency ?? 4);
    let finished = true;
    for await (const page of source.tickets(resumedFrom)) {
      const before = tally.rejected.length;
      const before_counts = structuredClone(tally.counts);
      await pool(page.tickets, concurrency, async (t) => {
        if (options.signal?.aborted) return;
        await this.importTicket(t, source, ctx, index, tally);
      });
      if (options.signal?.aborted) {
        finished = false;
        break;
      }
      if (!dryRun) {
        state = {
          ...state,
          cursor: page.cursor,
          updatedAt: this.deps.clock.now().toISOString(),
          counts: addCounts(state.counts, diffCounts(tally.counts, before_counts)),
          rejected: [...state.rejected, ...tally.rejected.slice(before)],
        };
        await ledger.save(state);
      }
      progress('tickets');
    }
    if (finished && !dryRun) await ledger.save({ ...state, finishedAt: this.deps.clock.now().toISOString() });
    if (finished) progress('done');
    return {
      source: source.name,
      dryRun,
      resumedFrom,
      counts: tally.counts,
      rejected: tally.rejected,
      unmapped: mapping.unmappedReport(),
      finished,
    };
  }

  private async importTicket(
    t: SourceTicket,
    source: MigrationSource,
    ctx: PlanContext,
    index: PeopleIndex,
    tally: PassTally,
  ): Promise<void> {
    const id = ticketIdFor(source.name, t.id);
    if (await this.deps.tickets.readSnapshot(id)) {
      tally.counts.tickets.skipped++;
      return;
    }
    const reject = (reason: string) => {
      tally.counts.tickets.rejected++;
      tally.rejected.push({ kind: 'ticket', sourceId: t.id, reason });
    };
    const comments = await source.comments(t.id);
    const plan = planTicket(t, comments, ctx);
    if (!plan.ok) return reject(plan.error.message);
    const { ticket: planned, attachments, messageIds } = plan.value;
    if (tally.dryRun) {
      tally.counts.tickets.imported++;
      tally.counts.entries.imported += planned.history.length + 1;
      tally.counts.attachments.imported += attachments.length;
      return;
    }
    // The files first, under ids derived from the source's: nothing refers to them until the ticket is saved.
    for (const a of attachments) {
      let content: Uint8Array;
      try {
        content = await source.attachment(a.source);
      } catch (error) {
        tally.counts.attachments.rejected += attachments.length;
        return reject(`attachment ${a.source.filename} (${a.source.id}): ${String((error as Error).message ?? error)}`);
      }
      await this.deps.blobs.put(attachmentBlobKey(a.stored.id), content, {
        contentType: a.stored.contentType,
        filename: a.stored.filename,
        createdAt: t.createdAt,
      });
    }
    const number = await this.deps.numbers.next(NUMBER_PREFIX[planned.type]);
    const customer = await index.customerOf(plan.value.requesterContactId);
    const now = this.deps.clock.now();
    const built = Ticket.imported(
      { ...planned, number, customer },
      { actor: MIGRATION_ACTOR, now, ids: this.deps.ids },
    );
    if (!built.ok) return reject(built.error.message);
    const ticket = built.value;
    const entries = ticket.pendingChanges().entries;
    // Message-IDs before the ticket: a crash in between leaves records the re-run's ticket (same id) fulfils.
    for (const m of messageIds) {
      if (await this.deps.records.message(m.messageId)) continue;
      const entry = entries.find(
        (e) => (e.data.source as { commentId?: string } | undefined)?.commentId === m.commentId,
      );
      await this.deps.records.finish(
        m.messageId,
        {
          status: 'done',
          ticketId: id,
          entryId: entry?.id ?? null,
          direction: m.direction,
          provider: `import:${source.name}`,
        },
        now.toISOString(),
      );
    }
    try {
      await this.deps.commands.save(ticket, null);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      tally.counts.tickets.skipped++;
      return;
    }
    tally.counts.tickets.imported++;
    tally.counts.entries.imported += entries.length;
    tally.counts.attachments.imported += attachments.length;
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const diffCounts = (now: Counts, before: Counts): Counts => {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof Counts)[])
    out[k] = {
      imported: now[k].imported - before[k].imported,
      skipped: now[k].skipped - before[k].skipped,
      rejected: now[k].rejected - before[k].rejected,
    };
  return out;
};

const addCounts = (a: Counts, b: Counts): Counts => {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof Counts)[])
    out[k] = {
      imported: a[k].imported + b[k].imported,
      skipped: a[k].skipped + b[k].skipped,
      rejected: a[k].rejected + b[k].rejected,
    };
  return out;
};
