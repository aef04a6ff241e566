/**
 * CmdbSource: a system that supplies CIs and relations to the CMDB, read in pages of records
 * changed since a watermark. Adapters: Valuemation over REST (functions/adapters/valuemation) and
 * CSV/JSON exports dropped in a folder (functions/adapters/cmdb/file-cmdb-source.ts). Adapters
 * translate the source's records into our model's terms (classes, fields, relation types); the
 * sync (shared/cmdb/cmdb-sync.ts) validates, writes and keeps the watermark and page cursor.
 */
import type { CiFields } from '../cmdb/ci.js';
import type { RelationType } from '../cmdb/relationships.js';

export interface SourceCi {
  /** Our external id of the record (`valuemation:<id>`, `file:<key>`): stable across runs. */
  readonly externalId: string;
  /** The source's modification time, ISO 8601 in UTC (the watermark's unit). */
  readonly modifiedAt: string;
  /** The source deleted the CI (a tombstone): it is retired here, never deleted. */
  readonly deleted: boolean;
  /** The fields the source supplies, in our terms; their keys are the fields it masters. */
  readonly fields: Partial<CiFields>;
  /** Why the record cannot be taken (unmapped class, malformed value): it is rejected with this. */
  readonly problem: string | null;
  /** Where the record came from, for rejection reports (a file's line). */
  readonly line?: number;
  /** Translation notes that do not reject the record (an unmapped support group left empty). */
  readonly warnings?: readonly string[];
}

export interface SourceRelation {
  readonly externalId: string;
  readonly modifiedAt: string;
  readonly deleted: boolean;
  /** Our relation type and direction (null with `problem` when the source's type is not mapped). */
  readonly type: RelationType | null;
  readonly fromExternalId: string;
  readonly toExternalId: string;
  readonly problem: string | null;
  readonly line?: number;
}

export interface SourcePageRequest {
  /** Records modified at or after this instant (inclusive); null: every record (a full run). */
  readonly modifiedSince: string | null;
  /** The cursor of the page before (null: the first page). */
  readonly cursor: string | null;
  readonly pageSize: number;
}

export interface SourcePage<T> {
  readonly items: readonly T[];
  /** Null when this was the last page. */
  readonly nextCursor: string | null;
}

export interface CmdbSource {
  /** The sync state's name: `valuemation`, `file-drop`. */
  readonly id: string;
  /** What the CIs are, here: mastered by Valuemation (read-only), or local CIs from an import. */
  readonly origin: 'valuemation' | 'import';
  /** A full listing names every CI the source has, so CIs it no longer lists are retired. */
  readonly completeListing: boolean;
  /**
   * How far before the watermark an incremental listing starts: a source whose transactions can
   * commit out of order stamps records earlier than ones already listed (re-read records are skipped).
   */
  readonly listingOverlapMs: number;
  readCis(request: SourcePageRequest): Promise<SourcePage<SourceCi>>;
  readRelations(request: SourcePageRequest): Promise<SourcePage<SourceRelation>>;
}

/** The cursor is no longer accepted (expired, or the source restarted): list again from the watermark. */
export class SourceCursorExpiredError extends Error {
  constructor(message = 'The page cursor is no longer valid') {
    super(message);
    this.name = 'SourceCursorExpiredError';
  }
}

/** The source cannot be read now (down, refusing our credentials, answering garbage); retried next run. */
export class SourceUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SourceUnavailableError';
  }
}
