/**
 * Quarantine: messages the channel could not turn into a ticket or an entry, with the reason and
 * the raw MIME (in the BlobStore), listed for admins and re-processable. Nothing is dropped.
 */
import type { BlobStore } from '../ports/blob-store.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { InboundMessageRef } from '../ports/mailbox.js';
import { hashOf } from './mail-keys.js';
import { type QuarantineReasonKind, quarantineReasonKind } from './quarantine-reasons.js';

/** Store pages a reason-filtered list page reads at most. */
const SCAN_PAGES = 10;

export const QUARANTINE_PK = 'quarantine';

/**
 * One quarantine record per received message: derived from the provider's id, so a delivery that
 * runs again after a crash (between storing the record and finishing the claim) rewrites the same
 * record instead of adding a second one.
 */
export const quarantineIdFor = (ref: InboundMessageRef): string =>
  `q_${hashOf(`${ref.provider}\n${ref.mailbox}\n${ref.providerMessageId}`)}`;

export type QuarantineStatus = 'quarantined' | 'reprocessed';

export interface QuarantineRecord extends StoredDocument {
  readonly pk: typeof QUARANTINE_PK;
  readonly docType: 'mail-quarantine';
  readonly status: QuarantineStatus;
  /** When it was (last) quarantined: the list is newest first. */
  readonly at: string;
  readonly reason: string;
  readonly ref: InboundMessageRef;
  readonly rawKey: string;
  readonly size: number;
  readonly messageId: string | null;
  readonly from: string | null;
  readonly subject: string | null;
  readonly attempts: number;
  readonly conversationId: string | null;
  readonly ticketId: string | null;
}

export interface NewQuarantine {
  readonly id: string;
  readonly at: string;
  readonly reason: string;
  readonly ref: InboundMessageRef;
  readonly messageId: string | null;
  readonly from: string | null;
  readonly subject: string | null;
  readonly conversationId: string | null;
}

export class Quarantine {
  constructor(
    private readonly store: DocumentStore,
    private readonly blobs: BlobStore,
  ) {}

  /** Stores the raw bytes first, then the record (so a listed record always has its MIME). */
  async add(entry: NewQuarantine, raw: Uint8Array): Promise<QuarantineRecord> {
    const rawKey = `quarantine/${entry.id}.eml`;
    await this.blobs.put(rawKey, raw, { contentType: 'message/rfc822', filename: `${entry.id}.eml` });
    const doc: QuarantineRecord = {
      ...entry,
      pk: QUARANTINE_PK,
      docType: 'mail-quarantine',
      status: 'quarantined',
      rawKey,
      size: raw.byteLength,
      attempts: 1,
      ticketId: null,
    };
    await this.store.batch('mail', QUARANTINE_PK, [{ op: 'upsert', doc }]);
    return doc;
  }

  async get(id: string): Promise<QuarantineRecord | undefined> {
    return (await this.store.read<QuarantineRecord>('mail', QUARANTINE_PK, id))?.doc;
  }

  async raw(record: QuarantineRecord): Promise<Uint8Array | undefined> {
    return (await this.blobs.get(record.rawKey))?.content;
  }

  /** A re-processing attempt failed again: same record, new reason. */
  async again(record: QuarantineRecord, reason: string, at: string): Promise<void> {
    const doc: QuarantineRecord = { ...record, reason, at, attempts: record.attempts + 1, status: 'quarantined' };
    await this.store.batch('mail', QUARANTINE_PK, [{ op: 'upsert', doc }]);
  }

  async resolved(record: QuarantineRecord, ticketId: string, at: string): Promise<void> {
    const doc: QuarantineRecord = { ...record, status: 'reprocessed', ticketId, at };
    await this.store.batch('mail', QUARANTINE_PK, [{ op: 'upsert', doc }]);
  }

  /**
   * Newest first; with `reason`, only records of that reason kind. The kind is read from the
   * reason's text (quarantine-reasons.ts), so the filter pages through the status query and keeps
   * the matching ones: a page scans at most SCAN_PAGES store pages, then answers what it found with
   * the cursor to go on from (the quarantine is an admin list of hundreds, not millions).
   */
  async list(
    status: QuarantineStatus | 'all',
    limit: number,
    cursor?: string,
    reason?: QuarantineReasonKind,
  ): Promise<{ items: QuarantineRecord[]; nextCursor: string | null }> {
    const items: QuarantineRecord[] = [];
    let next: string | null = cursor ?? null;
    for (let scanned = 0; scanned < (reason ? SCAN_PAGES : 1); scanned++) {
      const page = await this.store.query<QuarantineRecord>('mail', {
        partitionKey: QUARANTINE_PK,
        where: [
          { field: 'pk', op: 'eq', value: QUARANTINE_PK },
          { field: 'docType', op: 'eq', value: 'mail-quarantine' },
          ...(status === 'all' ? [] : [{ field: 'status', op: 'eq' as const, value: status }]),
        ],
        orderBy: [{ field: 'at', direction: 'desc' }],
        limit: reason ? 100 : limit,
        ...(next ? { cursor: next } : {}),
      });
      next = page.nextCursor;
      for (const { doc } of page.items) if (!reason || quarantineReasonKind(doc.reason) === reason) items.push(doc);
      // A filtered page stops at a store page boundary once it has enough (it may hold a few more than `limit`).
      if (!next || items.length >= limit) break;
    }
    return { items, nextCursor: next };
  }
}
