/**
 * Where the Graph side keeps its state: one subscription document and one delta document per
 * mailbox, in the `config` container under their own partitions (no new container, no migration).
 * Writes are guarded by etag so two instances renewing at once cannot silently overwrite each other.
 */
import type { DocumentStore, StoredDocument, Versioned } from '../../../shared/ports/document-store.js';

export const SUBSCRIPTIONS_PK = 'graph-subscriptions';
export const DELTA_PK = 'graph-delta';

export interface SubscriptionFields {
  readonly mailbox: string;
  readonly subscriptionId: string;
  readonly resource: string;
  readonly notificationUrl: string;
  /** What Graph granted (not what we asked for). */
  readonly expirationDateTime: string;
  /** When the current expiry was granted: half of (expiry - grantedAt) is our renewal margin. */
  readonly grantedAt: string;
  /** Fingerprint of the clientState it was created with: a rotated secret means a new subscription. */
  readonly clientStateHash: string;
}

export interface DeltaFields {
  readonly mailbox: string;
  readonly deltaLink: string | null;
  readonly lastRunAt: string;
  readonly lastEnqueued: number;
}

export type SubscriptionState = SubscriptionFields &
  StoredDocument & { readonly docType: 'graph-subscription'; readonly pk: typeof SUBSCRIPTIONS_PK };
export type DeltaState = DeltaFields &
  StoredDocument & { readonly docType: 'graph-delta'; readonly pk: typeof DELTA_PK };

/** Document ids must avoid the characters Cosmos refuses ('/', '\\', '?', '#'). */
export const stateId = (mailbox: string): string => mailbox.toLowerCase().replace(/[/\\?#]/g, '_');

export class GraphStateRepository {
  constructor(private readonly store: DocumentStore) {}

  readSubscription(mailbox: string): Promise<Versioned<SubscriptionState> | undefined> {
    return this.store.read<SubscriptionState>('config', SUBSCRIPTIONS_PK, stateId(mailbox));
  }

  async allSubscriptions(): Promise<SubscriptionState[]> {
    const out: SubscriptionState[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<SubscriptionState>('config', {
        partitionKey: SUBSCRIPTIONS_PK,
        where: [
          { field: 'pk', op: 'eq', value: SUBSCRIPTIONS_PK },
          { field: 'docType', op: 'eq', value: 'graph-subscription' },
        ],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items.map((i) => i.doc));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async saveSubscription(state: SubscriptionFields, etag?: string): Promise<void> {
    const doc: SubscriptionState = {
      ...state,
      id: stateId(state.mailbox),
      pk: SUBSCRIPTIONS_PK,
      docType: 'graph-subscription',
    };
    await this.store.batch('config', SUBSCRIPTIONS_PK, [
      etag ? { op: 'replace', doc, ifMatch: etag } : { op: 'upsert', doc },
    ]);
  }

  async deleteSubscription(mailbox: string): Promise<void> {
    const existing = await this.readSubscription(mailbox);
    if (existing) await this.store.batch('config', SUBSCRIPTIONS_PK, [{ op: 'delete', id: existing.doc.id }]);
  }

  readDelta(mailbox: string): Promise<Versioned<DeltaState> | undefined> {
    return this.store.read<DeltaState>('config', DELTA_PK, stateId(mailbox));
  }

  async saveDelta(state: DeltaFields): Promise<void> {
    const doc: DeltaState = { ...state, id: stateId(state.mailbox), pk: DELTA_PK, docType: 'graph-delta' };
    await this.store.batch('config', DELTA_PK, [{ op: 'upsert', doc }]);
  }
}
