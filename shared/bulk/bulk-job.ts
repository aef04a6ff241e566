/**
 * A bulk job as stored: the job document and its chunks (25 tickets each), all in one partition
 * of the `config` container (`bulk:<job id>`), so the job's progress is one partition query.
 * A chunk records each ticket's outcome as soon as that ticket is done, so a redelivered chunk
 * message (at-least-once queue) goes on where the last delivery stopped.
 */
import type { TBulkAction, TBulkJob, TBulkOutcome } from '../api/bulk.schemas.js';
import type { Role } from '../directory/agent.js';
import type { ActorRef } from '../kernel/actor.js';
import type { StoredDocument } from '../ports/document-store.js';

export const CHUNK_SIZE = 25;

export const bulkPartition = (jobId: string): string => `bulk:${jobId}`;
export const chunkId = (jobId: string, index: number): string => `${jobId}.c${String(index).padStart(4, '0')}`;

export interface BulkJobDoc extends StoredDocument {
  readonly pk: string;
  readonly docType: 'bulk-job';
  readonly action: TBulkAction;
  readonly total: number;
  readonly chunkCount: number;
  /** The agent the job acts as, with the roles they had when starting it (narrowed to their current ones when a chunk runs). */
  readonly agentId: string;
  readonly roles: readonly Role[];
  readonly createdBy: ActorRef;
  readonly createdAt: string;
}

export interface BulkChunkDoc extends StoredDocument {
  readonly pk: string;
  readonly docType: 'bulk-chunk';
  readonly jobId: string;
  readonly index: number;
  readonly ticketIds: readonly string[];
  /** By ticket id; a ticket without one is still to do. */
  readonly outcomes: Readonly<Record<string, Omit<TBulkOutcome, 'ticketId'>>>;
  readonly finishedAt: string | null;
}

export const chunksOf = (ids: readonly string[]): string[][] => {
  const chunks: string[][] = [];
  for (let at = 0; at < ids.length; at += CHUNK_SIZE) chunks.push(ids.slice(at, at + CHUNK_SIZE));
  return chunks;
};

/** The job's progress from its documents: counts, state and every outcome in selection order. */
export function progressOf(job: BulkJobDoc, chunks: readonly BulkChunkDoc[]): TBulkJob {
  const ordered = [...chunks].sort((a, b) => a.index - b.index);
  const outcomes: TBulkOutcome[] = [];
  for (const chunk of ordered)
    for (const ticketId of chunk.ticketIds) {
      const outcome = chunk.outcomes[ticketId];
      if (outcome) outcomes.push({ ticketId, ...outcome });
    }
  const done = outcomes.filter((o) => o.outcome === 'done').length;
  const refused = outcomes.length - done;
  const finished = ordered.length === job.chunkCount && ordered.every((c) => c.finishedAt !== null);
  const finishedAt = finished
    ? (ordered
        .map((c) => c.finishedAt as string)
        .sort()
        .at(-1) ?? null)
    : null;
  return {
    id: job.id,
    action: job.action,
    state: finished ? 'finished' : 'running',
    total: job.total,
    done,
    refused,
    pending: job.total - outcomes.length,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    finishedAt,
    outcomes,
  };
}
