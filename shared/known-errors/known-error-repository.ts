/**
 * Loads and saves known errors on the DocumentStore port, in the `knowledge` container with one
 * partition per known error: a save is ONE atomic batch of the current document (etag-guarded),
 * the new version (a create: a version is never rewritten) and the outbox event.
 */
import type { KnownErrorEvent, KnownErrorOutbox } from '../events/domain-event.js';
import type { Actor } from '../kernel/actor.js';
import { actorRef } from '../kernel/actor.js';
import type {
  Condition,
  DocumentStore,
  Page,
  StoredDocument,
  Versioned,
  WriteOperation,
} from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { KnownErrorSnapshot, KnownErrorStep, KnownErrorVersion } from './known-error.js';
import type { KnownErrorStatus } from './known-error-state.js';

export type StoredKnownError = KnownErrorSnapshot & StoredDocument;

export interface KnownErrorListQuery {
  readonly status?: readonly KnownErrorStatus[];
  /** Only drafts promoted from assists (the candidates queue). */
  readonly candidates?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

const asDoc = <T extends object>(value: T): StoredDocument => value as unknown as StoredDocument;

export class KnownErrorRepository {
  constructor(private readonly store: DocumentStore) {}

  async read(id: string): Promise<Versioned<StoredKnownError> | undefined> {
    const found = await this.store.read<StoredKnownError>('knowledge', id, id);
    return found?.doc.docType === 'known-error' ? found : undefined;
  }

  async many(ids: readonly string[]): Promise<StoredKnownError[]> {
    const found = await Promise.all(ids.map((id) => this.read(id)));
    return found.flatMap((f) => (f ? [f.doc] : []));
  }

  async findIdByNumber(number: string): Promise<string | undefined> {
    const page = await this.store.query<StoredKnownError>('knowledge', {
      where: [
        { field: 'docType', op: 'eq', value: 'known-error' },
        { field: 'number', op: 'eq', value: number.toUpperCase() },
      ],
      limit: 1,
    });
    return page.items[0]?.doc.id;
  }

  /**
   * Writes the step: the document (created when `etag` is null), its new version and the event.
   * A stale etag refuses the whole batch (ConcurrencyConflictError).
   */
  async save(
    step: KnownErrorStep,
    etag: string | null,
    actor: Actor,
    ids: IdGenerator,
    now: Date,
  ): Promise<{ etag: string; outbox: KnownErrorOutbox }> {
    const ke = step.knownError;
    const event: KnownErrorEvent = {
      id: ids.next(),
      type: step.event,
      occurredAt: now.toISOString(),
      actor: actorRef(actor),
      knownErrorId: ke.id,
      data: { number: ke.number, status: ke.status, version: ke.version },
    };
    const outbox: KnownErrorOutbox = {
      id: `outbox-${event.id}`,
      knownErrorId: ke.id,
      docType: 'outbox',
      events: [event],
    };
    const operations: WriteOperation[] = [
      etag === null ? { op: 'create', doc: asDoc(ke) } : { op: 'replace', doc: asDoc(ke), ifMatch: etag },
      ...(step.version ? [{ op: 'create' as const, doc: asDoc(step.version) }] : []),
      { op: 'create', doc: asDoc(outbox) },
    ];
    const etags = await this.store.batch('knowledge', ke.id, operations);
    return { etag: etags[0] as string, outbox };
  }

  /** Known errors newest first, by status; `candidates` keeps the drafts promoted from assists. */
  list(query: KnownErrorListQuery): Promise<Page<StoredKnownError>> {
    const where: Condition[] = [{ field: 'docType', op: 'eq', value: 'known-error' }];
    if (query.candidates) {
      where.push({ field: 'status', op: 'eq', value: 'draft' });
      where.push({ field: 'source.kind', op: 'eq', value: 'assist' });
    } else if (query.status) where.push({ field: 'status', op: 'in', values: query.status });
    return this.store.query<StoredKnownError>('knowledge', {
      where,
      orderBy: [{ field: 'updatedAt', direction: 'desc' }],
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  }

  /** Published known errors in pages (the index rebuild). */
  published(limit: number, cursor?: string): Promise<Page<StoredKnownError>> {
    return this.list({ status: ['published'], limit, ...(cursor ? { cursor } : {}) });
  }

  /** A known error's versions, newest first (one partition). */
  versions(knownErrorId: string, limit: number, cursor?: string): Promise<Page<KnownErrorVersion & StoredDocument>> {
    return this.store.query<KnownErrorVersion & StoredDocument>('knowledge', {
      partitionKey: knownErrorId,
      where: [
        { field: 'knownErrorId', op: 'eq', value: knownErrorId },
        { field: 'docType', op: 'eq', value: 'known-error-version' },
      ],
      orderBy: [{ field: 'version', direction: 'desc' }],
      limit,
      ...(cursor ? { cursor } : {}),
    });
  }
}
