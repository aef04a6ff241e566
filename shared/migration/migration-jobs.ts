/**
 * Migrations started from the admin page (issue 20): a job document in `config` (partition
 * `migration-jobs`) and a `migration` queue message. The queue function runs the job under a
 * lease that its progress saves renew, so a reload shows where it is and a redelivered message
 * while it runs does nothing. An import writes in slices of SLICE_MS and queues its own
 * continuation (no delivery outlives its lock); each slice resumes from the ledger's cursor, as
 * `npm run migrate` does. A dry run reads everything in one delivery and writes only the job.
 * A shadow report (ADR 0036) compares the source's Message-IDs with ours for the mailbox's
 * shadow period. Credentials live in the job only until it ends; an uploaded file is a blob.
 */
import type {
  TMigrationJob,
  TMigrationSourceSpec,
  TStartMigrationJob,
  TThreadingRow,
} from '../api/migration.schemas.js';
import type { ActorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { MailboxModes } from '../mail/mailbox-modes.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { MessageBus } from '../ports/message-bus.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import { parseGenericDocument } from './generic-format.js';
import { type Counts, emptyCounts, MAX_KEPT_REJECTIONS } from './migration-ledger.js';
import { MigrationMapping } from './migration-mapping.js';
import type { MigrationRun } from './migration-run.js';
import type { MigrationSource } from './migration-source.js';
import { compareThreading, type ThreadedMessage } from './threading-compare.js';

export const MIGRATION_JOB_TYPE = 'migration.job';
/** How long one delivery of an import writes before it queues its continuation. */
export const SLICE_MS = 4 * 60_000;
/** A running job's lease; every progress save renews it. Past it, the job counts as interrupted. */
export const LEASE_MS = 2 * 60_000;
const SAVE_EVERY_MS = 2_000;
const PK = 'migration-jobs';

/** The source as the job keeps it: an uploaded file is a blob key, not its text. */
type StoredSpec =
  | Exclude<TMigrationSourceSpec, { from: 'file' }>
  | { readonly from: 'file'; readonly blobKey: string; readonly fileName?: string };

interface JobDoc extends StoredDocument, Omit<TMigrationJob, 'status' | 'id' | 'counts'> {
  readonly counts: Counts;
  readonly pk: typeof PK;
  readonly docType: 'migration-job';
  /** Sort key of the list (the creation time). */
  readonly at: string;
  readonly status: Exclude<TMigrationJob['status'], 'interrupted'>;
  /** Null once the job ended: credentials are not kept. */
  readonly spec: StoredSpec | null;
  readonly mapping: unknown;
  readonly leaseUntil: string | null;
  readonly slice: number;
  readonly createdBy: ActorRef;
}

/** Opens a source from its spec (the adapters: Zendesk, Zammad, the generic file). */
export interface SourceOpener {
  open(spec: TMigrationSourceSpec): MigrationSource;
}

export interface MigrationJobsDeps {
  readonly store: DocumentStore;
  readonly bus: MessageBus;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly run: MigrationRun;
  readonly opener: SourceOpener;
  readonly modes: Pick<MailboxModes, 'get'>;
  readonly tickets: Pick<TicketRepository, 'readSnapshot'>;
}

const kinds = ['tickets', 'entries', 'attachments'] as const;

export class MigrationJobs {
  constructor(private readonly deps: MigrationJobsDeps) {}

  async start(input: TStartMigrationJob, by: ActorRef): Promise<Result<TMigrationJob>> {
    const id = this.deps.ids.next('mig_');
    const now = this.deps.clock.now().toISOString();
    const mapping = input.kind === 'import' ? MigrationMapping.parse(input.mapping) : null;
    if (mapping && !mapping.ok)
      return fail('REQUEST.VALIDATION_FAILED', `The mapping does not fit: ${mapping.issues.join('; ')}`);
    if (input.kind === 'shadow-report' && !(await this.shadowPeriod(input.mailbox)))
      return fail('REQUEST.VALIDATION_FAILED', `${input.mailbox} has never been in shadow mode: nothing to compare`);
    let spec: StoredSpec;
    let origin: string;
    if (input.source.from === 'file') {
      // The file is checked whole now: a structural mistake is refused here, not in a failed job.
      let json: unknown;
      try {
        json = JSON.parse(input.source.content);
      } catch (error) {
        return fail('REQUEST.VALIDATION_FAILED', `The file is not JSON: ${(error as Error).message}`);
      }
      const doc = parseGenericDocument(json);
      if (!doc.ok)
        return fail(
          'REQUEST.VALIDATION_FAILED',
          `The file does not fit the generic format: ${doc.issues.slice(0, 5).join('; ')}`,
        );
      const blobKey = `migrations/${id}.json`;
      await this.deps.blobs.put(blobKey, new TextEncoder().encode(input.source.content), {
        contentType: 'application/json',
        filename: input.source.fileName ?? `${id}.json`,
        createdAt: now,
      });
      spec = { from: 'file', blobKey, ...(input.source.fileName ? { fileName: input.source.fileName } : {}) };
      origin = input.source.fileName ?? 'uploaded file';
    } else {
      spec = input.source;
      origin = input.source.url;
    }
    const doc: JobDoc = {
      id,
      pk: PK,
      docType: 'migration-job',
      at: now,
      kind: input.kind,
      from: input.source.from,
      origin,
      dryRun: input.kind === 'import' ? (input.dryRun ?? true) : true,
      mailbox: input.kind === 'shadow-report' ? input.mailbox.toLowerCase() : null,
      status: 'queued',
      phase: 'queued',
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      error: null,
      counts: emptyCounts(),
      rejected: [],
      unmapped: {},
      threading: null,
      spec,
      mapping: input.kind === 'import' ? (input.mapping ?? null) : null,
      leaseUntil: null,
      slice: 0,
      createdBy: by,
    };
    await this.deps.store.batch('config', PK, [{ op: 'create', doc }]);
    await this.queue(id, 0);
    return ok(view(doc, this.deps.clock.now()));
  }

  async get(id: string): Promise<TMigrationJob | undefined> {
    const found = await this.deps.store.read<JobDoc>('config', PK, id);
    return found ? view(found.doc, this.deps.clock.now()) : undefined;
  }

  /** The latest jobs, newest first. */
  async list(limit = 20): Promise<TMigrationJob[]> {
    const page = await this.deps.store.query<JobDoc>('config', {
      partitionKey: PK,
      where: [{ field: 'docType', op: 'eq', value: 'migration-job' }],
      orderBy: [{ field: 'at', direction: 'desc' }],
      limit,
    });
    const now = this.deps.clock.now();
    return page.items.map(({ doc }) => view(doc, now));
  }

  /** An interrupted job (its process died) queued again; it resumes from the ledger. */
  async resume(id: string): Promise<Result<TMigrationJob>> {
    const found = await this.deps.store.read<JobDoc>('config', PK, id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No migration job ${id}`);
    const job = view(found.doc, this.deps.clock.now());
    if (job.status !== 'interrupted')
      return fail('CONCURRENCY.CONFLICT', `The job is ${job.status}: only an interrupted job resumes`);
    await this.queue(id, found.doc.slice + 1);
    return ok(job);
  }

  /** One delivery of the job's queue message: claims the lease, runs (a slice), saves. */
  async runSlice(id: string): Promise<'done' | 'continued' | 'busy' | 'gone'> {
    const found = await this.deps.store.read<JobDoc>('config', PK, id);
    if (!found || found.doc.spec === null || found.doc.status === 'finished' || found.doc.status === 'failed')
      return 'gone';
    const now = this.deps.clock.now();
    if (found.doc.leaseUntil && Date.parse(found.doc.leaseUntil) > now.getTime()) return 'busy';
    let current = { doc: found.doc, etag: found.etag };
    const save = async (patch: Partial<JobDoc>): Promise<boolean> => {
      const at = this.deps.clock.now();
      const doc: JobDoc = { ...current.doc, updatedAt: at.toISOString(), ...patch };
      try {
        const [etag] = await this.deps.store.batch('config', PK, [{ op: 'replace', doc, ifMatch: current.etag }]);
        current = { doc, etag: etag as string };
        return true;
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) return false;
        throw error;
      }
    };
    const lease = () => new Date(this.deps.clock.now().getTime() + LEASE_MS).toISOString();
    if (!(await save({ status: 'running', leaseUntil: lease(), slice: found.doc.slice + 1 }))) return 'busy';
    try {
      const source = await this.openSource(current.doc.spec as StoredSpec);
      if (current.doc.kind === 'shadow-report') {
        await save({ phase: 'comparing', leaseUntil: lease() });
        const threading = await this.shadowReport(source, current.doc.mailbox as string);
        await save(this.ended({ threading, phase: 'done' }));
        return 'done';
      }
      return await this.importSlice(source, current.doc, save, lease);
    } catch (error) {
      await save(this.ended({ status: 'failed', error: error instanceof Error ? error.message : String(error) }));
      return 'done';
    }
  }

  private async importSlice(
    source: MigrationSource,
    job: JobDoc,
    save: (patch: Partial<JobDoc>) => Promise<boolean>,
    lease: () => string,
  ): Promise<'done' | 'continued'> {
    const mapping = MigrationMapping.parse(job.mapping ?? undefined);
    if (!mapping.ok) throw new Error(`the mapping does not fit: ${mapping.issues.join('; ')}`);
    const base = job.counts;
    const first = job.slice === 0;
    const stop = new AbortController();
    const timer = job.dryRun ? undefined : setTimeout(() => stop.abort(), SLICE_MS);
    let lastSave = 0;
    let saving: Promise<unknown> = Promise.resolve();
    try {
      const report = await this.deps.run.run(source, mapping.value, {
        dryRun: job.dryRun,
        signal: stop.signal,
        onProgress: (p) => {
          const at = Date.now();
          if (at - lastSave < SAVE_EVERY_MS && p.phase !== 'done') return;
          lastSave = at;
          const counts = merge(base, p.counts, first);
          saving = saving.then(async () => {
            if (!(await save({ phase: p.phase, counts, leaseUntil: lease() }))) stop.abort();
          });
        },
      });
      await saving;
      const counts = merge(base, report.counts, first);
      const rejected = [...job.rejected, ...report.rejected].slice(0, MAX_KEPT_REJECTIONS);
      const unmapped = sumUnmapped(job.unmapped, report.unmapped);
      if (report.finished) {
        await save(this.ended({ phase: 'done', counts, rejected, unmapped }));
        return 'done';
      }
      await save({ phase: 'tickets', counts, rejected, unmapped, leaseUntil: null, status: 'queued' });
      await this.queue(job.id, job.slice + 1);
      return 'continued';
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private ended(patch: Partial<JobDoc>): Partial<JobDoc> {
    return {
      status: 'finished',
      ...patch,
      finishedAt: this.deps.clock.now().toISOString(),
      leaseUntil: null,
      spec: null,
    };
  }

  private async openSource(spec: StoredSpec): Promise<MigrationSource> {
    if (spec.from !== 'file') return this.deps.opener.open(spec);
    const blob = await this.deps.blobs.get(spec.blobKey);
    if (!blob) throw new Error('the uploaded file is gone');
    return this.deps.opener.open({ from: 'file', content: new TextDecoder().decode(blob.content) });
  }

  private async shadowPeriod(mailbox: string): Promise<{ from: string; to: string | null } | null> {
    const setting = await this.deps.modes.get(mailbox);
    if (!setting) return null;
    if (setting.mode === 'shadow') return { from: setting.since, to: null };
    return setting.lastShadow;
  }

  /** Their Message-IDs since the shadow period began (tickets updated since) against ours received in it. */
  private async shadowReport(source: MigrationSource, mailbox: string): Promise<TThreadingRow[]> {
    const period = await this.shadowPeriod(mailbox);
    if (!period) throw new Error(`${mailbox} has never been in shadow mode`);
    const until = period.to ?? '9999';
    const inPeriod = (at: string) => {
      const iso = new Date(at).toISOString();
      return iso >= period.from && iso < until;
    };
    const theirs: ThreadedMessage[] = [];
    for await (const page of source.tickets(null))
      for (const t of page.tickets) {
        if (new Date(t.updatedAt).toISOString() < period.from) continue;
        for (const c of await source.comments(t.id))
          if (c.messageId && inPeriod(c.createdAt))
            theirs.push({ messageId: c.messageId, ticketId: t.id, number: t.number ?? t.id });
      }
    const ours: ThreadedMessage[] = [];
    const numbers = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.query<
        StoredDocument & { messageId: string; ticketId: string | null; direction: string; status: string; at: string }
      >('mail', {
        where: [
          { field: 'docType', op: 'eq', value: 'mail-message' },
          { field: 'at', op: 'gte', value: period.from },
          { field: 'at', op: 'lt', value: until },
        ],
        orderBy: [{ field: 'at', direction: 'desc' }],
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const { doc } of page.items) {
        if (doc.direction !== 'in' || doc.status !== 'done' || !doc.ticketId) continue;
        let number = numbers.get(doc.ticketId);
        if (number === undefined) {
          number = (await this.deps.tickets.readSnapshot(doc.ticketId))?.doc.number ?? doc.ticketId;
          numbers.set(doc.ticketId, number);
        }
        ours.push({ messageId: doc.messageId, ticketId: doc.ticketId, number });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return compareThreading(theirs, ours);
  }

  private queue(jobId: string, slice: number): Promise<void> {
    return this.deps.bus.publish('migration', [
      { id: `migration.${jobId}.${slice}`, type: MIGRATION_JOB_TYPE, body: { jobId } },
    ]);
  }
}

/** A run's counts on top of the job's earlier slices; people are counted by the first slice only. */
const merge = (base: Counts, run: Counts, first: boolean): Counts => {
  const out = structuredClone(first ? run : base);
  if (!first)
    for (const k of kinds)
      out[k] = {
        imported: base[k].imported + run[k].imported,
        skipped: base[k].skipped + run[k].skipped,
        rejected: base[k].rejected + run[k].rejected,
      };
  return out;
};

const sumUnmapped = (
  a: Record<string, Record<string, number>>,
  b: Record<string, Record<string, number>>,
): Record<string, Record<string, number>> => {
  const out = structuredClone(a);
  for (const [kind, values] of Object.entries(b)) {
    const into = out[kind] ?? {};
    for (const [value, n] of Object.entries(values)) into[value] = (into[value] ?? 0) + n;
    out[kind] = into;
  }
  return out;
};

function view(doc: JobDoc, now: Date): TMigrationJob {
  const interrupted = doc.status === 'running' && (!doc.leaseUntil || Date.parse(doc.leaseUntil) <= now.getTime());
  return {
    id: doc.id,
    kind: doc.kind,
    from: doc.from,
    origin: doc.origin,
    dryRun: doc.dryRun,
    mailbox: doc.mailbox,
    status: interrupted ? 'interrupted' : doc.status,
    phase: doc.phase,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    finishedAt: doc.finishedAt,
    error: doc.error,
    counts: doc.counts,
    rejected: doc.rejected,
    unmapped: doc.unmapped,
    threading: doc.threading,
  };
}
