/**
 * The email channel's bookkeeping in the `mail` container: which Internet Message-IDs and
 * provider ids were processed (and where they landed), Graph conversation ids and addresses
 * that bounce.
 * Each record is its own partition (`pk` = id): point reads and writes only.
 */
import {
  ConcurrencyConflictError,
  type DocumentStore,
  type StoredDocument,
  type Versioned,
} from '../ports/document-store.js';
import type { InboundMessageRef } from '../ports/mailbox.js';
import { bouncingDocId, conversationDocId, messageDocId, providerDocId } from './mail-keys.js';

export type MessageStatus = 'claimed' | 'done' | 'quarantined';

/** The queue delivery that holds a claim: its queue message id and delivery count. */
export interface ClaimDelivery {
  readonly key: string;
  readonly count: number;
}

export interface MessageRecord extends StoredDocument {
  readonly pk: string;
  readonly docType: 'mail-message';
  readonly messageId: string;
  readonly direction: 'in' | 'out';
  readonly status: MessageStatus;
  readonly at: string;
  readonly ticketId: string | null;
  readonly entryId: string | null;
  readonly quarantineId: string | null;
  /** Who holds a claim (absent on records written before it was kept, and when not known). */
  readonly delivery?: ClaimDelivery | null;
  /** `provider:providerMessageId` the message was processed from (kept for expert replies: replay detection). */
  readonly provider?: string;
}

interface PointDoc extends StoredDocument {
  readonly pk: string;
}

export class MailRecords {
  constructor(private readonly store: DocumentStore) {}

  private read<T extends StoredDocument>(id: string): Promise<Versioned<T> | undefined> {
    return this.store.read<T>('mail', id, id);
  }

  private async upsert(doc: PointDoc): Promise<void> {
    await this.store.batch('mail', doc.pk, [{ op: 'upsert', doc }]);
  }

  message(messageId: string): Promise<Versioned<MessageRecord> | undefined> {
    return this.read<MessageRecord>(messageDocId(messageId));
  }

  /**
   * Claims a Message-ID for processing. Returns the existing record instead when someone has it
   * (done, quarantined or claimed by a parallel delivery); `takeOver` replaces a stale claim.
   */
  async claim(
    messageId: string,
    at: string,
    takeOver?: Versioned<MessageRecord>,
    delivery: ClaimDelivery | null = null,
  ): Promise<{ claimed: true; etag: string } | { claimed: false; existing: MessageRecord }> {
    const id = messageDocId(messageId);
    const doc: MessageRecord = {
      id,
      pk: id,
      docType: 'mail-message',
      messageId,
      direction: 'in',
      status: 'claimed',
      at,
      ticketId: takeOver?.doc.ticketId ?? null,
      entryId: null,
      quarantineId: null,
      delivery,
    };
    try {
      const [etag] = await this.store.batch('mail', id, [
        takeOver ? { op: 'replace', doc, ifMatch: takeOver.etag } : { op: 'create', doc },
      ]);
      return { claimed: true, etag: etag as string };
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      const existing = await this.message(messageId);
      if (!existing) throw error;
      return { claimed: false, existing: existing.doc };
    }
  }

  async finish(
    messageId: string,
    outcome:
      | {
          status: 'done';
          ticketId: string | null;
          entryId: string | null;
          direction?: 'in' | 'out';
          provider?: string;
        }
      | { status: 'quarantined'; quarantineId: string },
    at: string,
  ): Promise<void> {
    const id = messageDocId(messageId);
    const base = { id, pk: id, docType: 'mail-message' as const, messageId, at, direction: 'in' as const };
    const doc: MessageRecord =
      outcome.status === 'done'
        ? {
            ...base,
            status: 'done',
            ticketId: outcome.ticketId,
            entryId: outcome.entryId,
            quarantineId: null,
            direction: outcome.direction ?? 'in',
            ...(outcome.provider ? { provider: outcome.provider } : {}),
          }
        : { ...base, status: 'quarantined', ticketId: null, entryId: null, quarantineId: outcome.quarantineId };
    await this.upsert(doc);
  }

  async providerSeen(ref: InboundMessageRef): Promise<string | undefined> {
    const found = await this.read<PointDoc & { messageId: string }>(providerDocId(ref.provider, ref.providerMessageId));
    return found?.doc.messageId;
  }

  async rememberProvider(ref: InboundMessageRef, messageId: string, at: string): Promise<void> {
    const id = providerDocId(ref.provider, ref.providerMessageId);
    await this.upsert({
      id,
      pk: id,
      docType: 'mail-provider-id',
      provider: ref.provider,
      providerMessageId: ref.providerMessageId,
      messageId,
      at,
    });
  }

  async ticketOfConversation(conversationId: string): Promise<string | undefined> {
    return (await this.read<PointDoc & { ticketId: string }>(conversationDocId(conversationId)))?.doc.ticketId;
  }

  async rememberConversation(conversationId: string, ticketId: string, at: string): Promise<void> {
    const id = conversationDocId(conversationId);
    await this.upsert({ id, pk: id, docType: 'mail-conversation', conversationId, ticketId, at });
  }

  async markBouncing(address: string, reason: string, at: string): Promise<void> {
    const id = bouncingDocId(address);
    const found = await this.read<PointDoc & { count: number }>(id);
    await this.upsert({
      id,
      pk: id,
      docType: 'mail-bouncing',
      status: 'bouncing',
      address: address.toLowerCase(),
      reason,
      at,
      count: (found?.doc.count ?? 0) + 1,
    });
  }

  async isBouncing(address: string): Promise<boolean> {
    return (await this.read(bouncingDocId(address))) !== undefined;
  }
}
