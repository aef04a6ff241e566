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
