/**
 * Loads and saves the Change aggregate on the DocumentStore port, in the `changes` container with
 * one partition per change: a save is the kernel's atomic batch (work-items/work-item-store.ts:
 * the change etag-guarded, its changed assists, new entries and outbox events).
 */
import type { WorkItemOutbox } from '../events/domain-event.js';
import type { Condition, DocumentStore, Page, StoredDocument, Versioned } from '../ports/document-store.js';
import type { WorkItemEntry } from '../timeline/timeline-entry.js';
import { assistsInPartition, entriesInPartition, workItemWrites } from '../work-items/work-item-store.js';
import { Change } from './change.js';
import type { ChangeState, ChangeType } from './change-state.js';
import type { ChangeSnapshot } from './change-types.js';

export type StoredChange = ChangeSnapshot & StoredDocument;

export interface LoadedChange {
  readonly change: Change;
  readonly etag: string;
}

export interface ChangeListQuery {
  readonly state?: readonly ChangeState[];
  readonly type?: ChangeType;
  readonly ownerId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export class ChangeRepository {
  constructor(private readonly store: DocumentStore) {}

  async readSnapshot(changeId: string): Promise<Versioned<StoredChange> | undefined> {
    const found = await this.store.read<StoredChange>('changes', changeId, changeId);
    return found?.doc.docType === 'change' ? found : undefined;
  }

  async findIdByNumber(number: string): Promise<string | undefined> {
    const page = await this.store.query<StoredChange>('changes', {
      where: [
        { field: 'docType', op: 'eq', value: 'change' },
        { field: 'number', op: 'eq', value: number.toUpperCase() },
      ],
      limit: 1,
    });
    return page.items[0]?.doc.id;
  }

  async load(changeId: string): Promise<LoadedChange | undefined> {
    const found = await this.readSnapshot(changeId);
    if (!found) return undefined;
    const assists = await assistsInPartition(this.store, 'changes', 'changeId', changeId);
    return { change: Change.fromSnapshot(found.doc, assists), etag: found.etag };
  }

  /** Writes the change and what it recorded since load; `etag` null means a new change. */
  async save(change: Change, etag: string | null): Promise<{ etag: string; outbox: WorkItemOutbox<'changeId'>[] }> {
    const { operations, outbox } = workItemWrites('changeId', change.toSnapshot(), etag, change.pendingChanges());
    const etags = await this.store.batch('changes', change.id, operations);
    return { etag: etags[0] as string, outbox };
  }

  /** Changes newest first, by state, type or owner. */
  list(query: ChangeListQuery): Promise<Page<StoredChange>> {
    const where: Condition[] = [{ field: 'docType', op: 'eq', value: 'change' }];
    if (query.state) where.push({ field: 'state', op: 'in', values: query.state });
    if (query.type) where.push({ field: 'type', op: 'eq', value: query.type });
    if (query.ownerId) where.push({ field: 'ownerId', op: 'eq', value: query.ownerId });
    return this.store.query<StoredChange>('changes', {
      where,
      orderBy: [{ field: 'updatedAt', direction: 'desc' }],
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  }

  /** The change's timeline in order (one partition). */
  timeline(
    changeId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<WorkItemEntry<'changeId'> & StoredDocument>> {
    return entriesInPartition(this.store, 'changes', 'changeId', changeId, limit, cursor);
  }
}
