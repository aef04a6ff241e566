/**
 * Outbound send records: one per email_out entry, written before anything is sent, so a send
 * happens at most once per entry (pending -> sending -> sent | failed, or pending -> held in shadow
 * mode) and its fate is visible.
 */
import {
  ConcurrencyConflictError,
  type DocumentStore,
  type StoredDocument,
  type Versioned,
} from '../ports/document-store.js';
import { outboundDocId } from './mail-keys.js';

/** `held`: written in shadow mode (ADR 0036) and never sent; final like `sent` and `failed`. */
export type OutboundStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'held';

export interface OutboundRecord extends StoredDocument {
  readonly pk: string;
  readonly docType: 'mail-outbound';
  readonly ticketId: string;
  readonly entryId: string;
  readonly status: OutboundStatus;
  /** Last change of status. */
  readonly at: string;
  readonly attempts: number;
  readonly messageId: string | null;
  readonly providerMessageId: string | null;
  readonly reason: string | null;
}

export class OutboundRecords {
  constructor(private readonly store: DocumentStore) {}

  get(entryId: string): Promise<Versioned<OutboundRecord> | undefined> {
    const id = outboundDocId(entryId);
    return this.store.read<OutboundRecord>('mail', id, id);
  }

  /** Creates the pending record; an existing record (a redelivered event) is left as it is. */
  async createPending(ticketId: string, entryId: string, at: string): Promise<OutboundRecord> {
    const id = outboundDocId(entryId);
    const doc: OutboundRecord = {
      id,
      pk: id,
      docType: 'mail-outbound',
      ticketId,
      entryId,
      status: 'pending',
      at,
      attempts: 0,
      messageId: null,
      providerMessageId: null,
      reason: null,
    };
    try {
      await this.store.batch('mail', id, [{ op: 'create', doc }]);
      return doc;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      return ((await this.get(entryId))?.doc ?? doc) as OutboundRecord;
    }
  }

  /** Moves the record on, guarded by the etag it was read with; false when someone else moved it first. */
  async move(
    current: Versioned<OutboundRecord>,
    patch: Partial<Pick<OutboundRecord, 'status' | 'at' | 'attempts' | 'messageId' | 'providerMessageId' | 'reason'>>,
  ): Promise<Versioned<OutboundRecord> | false> {
    const doc = { ...current.doc, ...patch } as OutboundRecord;
    try {
      const [etag] = await this.store.batch('mail', doc.pk, [{ op: 'replace', doc, ifMatch: current.etag }]);
      return { doc, etag: etag as string };
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) return false;
      throw error;
    }
  }

  /** The send records of one ticket's replies (for the API), newest first. */
  async ofTicket(ticketId: string, limit = 100): Promise<OutboundRecord[]> {
    const page = await this.store.query<OutboundRecord>('mail', {
      where: [
        { field: 'docType', op: 'eq', value: 'mail-outbound' },
        { field: 'ticketId', op: 'eq', value: ticketId },
      ],
      orderBy: [{ field: 'at', direction: 'desc' }],
      limit,
    });
    return page.items.map((i) => i.doc);
  }
}
