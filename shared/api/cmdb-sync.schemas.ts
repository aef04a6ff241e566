/** The CMDB sync's status for the admin page (ADR 0020): per source, the run going on and the last one. */
import { z } from 'zod';

const ZCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  retired: z.number().int(),
  rejected: z.number().int(),
  relationsAdded: z.number().int(),
  relationsRemoved: z.number().int(),
  relationsRejected: z.number().int(),
});

const ZProblem = z.object({
  kind: z.enum(['ci', 'relation']),
  externalId: z.string(),
  reason: z.string(),
  line: z.number().int().optional(),
  severity: z.enum(['rejected', 'warning']),
});

export const ZCmdbSyncSource = z.object({
  /** `valuemation` or `file-drop`. */
  source: z.string(),
  origin: z.enum(['valuemation', 'import']),
  /** The newest modification time taken from the source (incremental runs list from here). */
  cisWatermark: z.string().nullable(),
  relationsWatermark: z.string().nullable(),
  lastFullAt: z.string().nullable(),
  fullRequested: z.boolean(),
  running: z
    .object({
      id: z.string(),
      mode: z.enum(['full', 'incremental']),
      phase: z.enum(['cis', 'relations', 'reconcile']),
      startedAt: z.string(),
      heartbeatAt: z.string(),
      pages: z.number().int(),
      counts: ZCounts,
    })
    .nullable(),
  lastRun: z
    .object({
      id: z.string(),
      mode: z.enum(['full', 'incremental']),
      startedAt: z.string(),
      finishedAt: z.string(),
      pages: z.number().int(),
      counts: ZCounts,
      /** Rejected records and warnings with their reasons (the first 200; counts are exact). */
      problems: z.array(ZProblem),
    })
    .nullable(),
  /** The last failure reading the source; null once a run finishes. */
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
});

export type TCmdbSyncSource = z.infer<typeof ZCmdbSyncSource>;

export const ZCmdbSyncStatus = z.object({ items: z.array(ZCmdbSyncSource) });
export type TCmdbSyncStatus = z.infer<typeof ZCmdbSyncStatus>;
