/** GET /api/admin/migrations (issue 20): each source's import, as the ledger keeps it. */
import { z } from 'zod';

const ZCount = z.object({ imported: z.number().int(), skipped: z.number().int(), rejected: z.number().int() });

export const ZMigrationRun = z.object({
  source: z.string(),
  /** The source's ticket cursor after the last finished page (null: from the start). */
  cursor: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** Null while the run is going on or was cut off (the next `npm run migrate` resumes it). */
  finishedAt: z.string().nullable(),
  counts: z.record(z.string(), ZCount),
  rejected: z.array(z.object({ kind: z.string(), sourceId: z.string(), reason: z.string() })),
});
export type TMigrationRun = z.infer<typeof ZMigrationRun>;

export const ZMigrationRuns = z.object({ items: z.array(ZMigrationRun) });

/** Where a migration job reads from: a helpdesk's REST API with its credentials, or an uploaded generic file. */
export const ZMigrationSourceSpec = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('zendesk'),
    url: z.url({ protocol: /^https?$/ }).max(500),
    email: z.email().max(320),
    token: z.string().min(1).max(500),
  }),
  z.strictObject({
    from: z.literal('zammad'),
    url: z.url({ protocol: /^https?$/ }).max(500),
    token: z.string().min(1).max(500),
  }),
  /** The generic format's JSON document as text (attachments inline as base64; at most 1 MB per request). */
  z.strictObject({ from: z.literal('file'), content: z.string().min(2), fileName: z.string().max(200).optional() }),
]);
export type TMigrationSourceSpec = z.infer<typeof ZMigrationSourceSpec>;

/**
 * POST /api/admin/migrations/jobs: `import` (a dry run unless `dryRun: false`), or `shadow-report`
 * (parallel run, ADR 0036: which tickets both systems have and where threading differed, for
 * the mail since `mailbox` went into shadow mode).
 */
export const ZStartMigrationJob = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('import'),
    source: ZMigrationSourceSpec,
    dryRun: z.boolean().default(true),
    /** The mapping file's JSON (migration-mapping.ts); absent: the defaults. */
    mapping: z.unknown().optional(),
  }),
  z.strictObject({
    kind: z.literal('shadow-report'),
    source: ZMigrationSourceSpec,
    mailbox: z.email().max(320),
  }),
]);
export type TStartMigrationJob = z.input<typeof ZStartMigrationJob>;

const ZUnmapped = z.record(z.string(), z.record(z.string(), z.number()));
const ZRejection = z.object({ kind: z.string(), sourceId: z.string(), reason: z.string() });

/** One ticket pair (or a ticket on one side only) of a shadow report. */
export const ZThreadingRow = z.object({
  /** `same`: both systems threaded these mails into one ticket each; `split`: theirs is several of ours; `merged`: ours holds several of theirs; `only-there` / `only-here`: one side has none of the mails. */
  verdict: z.enum(['same', 'split', 'merged', 'only-there', 'only-here']),
  theirs: z.array(z.object({ id: z.string(), number: z.string() })),
  ours: z.array(z.object({ id: z.string(), number: z.string() })),
  messages: z.number().int(),
});
export type TThreadingRow = z.infer<typeof ZThreadingRow>;

export const ZMigrationJob = z.object({
  id: z.string(),
  kind: z.enum(['import', 'shadow-report']),
  from: z.enum(['zendesk', 'zammad', 'file']),
  /** The source's address or the uploaded file's name (never its credentials). */
  origin: z.string(),
  dryRun: z.boolean(),
  mailbox: z.string().nullable(),
  status: z.enum(['queued', 'running', 'finished', 'failed', 'interrupted']),
  phase: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  counts: z.record(z.string(), ZCount),
  rejected: z.array(ZRejection),
  unmapped: ZUnmapped,
  threading: z.array(ZThreadingRow).nullable(),
});
export type TMigrationJob = z.infer<typeof ZMigrationJob>;
export const ZMigrationJobs = z.object({ items: z.array(ZMigrationJob) });
export const ZMigrationJobMessage = z.strictObject({ jobId: z.string().min(1).max(128) });
