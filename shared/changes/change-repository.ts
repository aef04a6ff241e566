/**
 * The Change aggregate on the DocumentStore port, in the `changes` container with one partition
 * per change: the kernel's repository (work-items/work-item-repository.ts: load with assists, the
 * atomic save batch of the change etag-guarded with its assists, entries and outbox, the timeline)
 * plus the change lists. The save batch also carries the change's slots (change-slots.ts: what it
 * books, the schedule's read model), diffed against the change as loaded.
 */
import type { Condition, DocumentStore, Page, StoredDocument } from '../ports/document-store.js';
import { WorkItemRepository } from '../work-items/work-item-repository.js';
import { Change } from './change.js';
import { approvalIndexDocs } from './change-approval-index.js';
import { slotOps } from './change-slots.js';
import type { ChangeState, ChangeType } from './change-state.js';
import type { ChangeSnapshot } from './change-types.js';

export type StoredChange = ChangeSnapshot & StoredDocument;

export interface ChangeListQuery {
  readonly state?: readonly ChangeState[];
  readonly type?: ChangeType;
  readonly ownerId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export class ChangeRepository extends WorkItemRepository<ChangeSnapshot, Change, 'changeId'> {
  constructor(store: DocumentStore) {
    super(store, {
      container: 'changes',
      key: 'changeId',
      docType: 'change',
      fromSnapshot: Change.fromSnapshot,
      // The approvals' index documents (ADR 0030), written in the change's own batch.
      derived: approvalIndexDocs,
      // What the change books (ADR 0031), diffed against the change as loaded.
      derivedWrites: slotOps,
    });
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
}
