/**
 * Storing a work item (ADR 0025), the same for every practice: the item, its changed assists, its
 * new timeline entries and its outbox events are written in ONE atomic batch inside the item's
 * partition of the practice's container, so state and events never diverge (ADR 0003). A
 * practice's repository adds its own derived documents to the same batch (a ticket's CI links).
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { WorkItemOutbox } from '../events/domain-event.js';
import type { DocumentStore, Page, StoredDocument, WriteOperation } from '../ports/document-store.js';
import type { ContainerName } from '../storage/containers.js';
import type { WorkItemEntry } from '../timeline/timeline-entry.js';
import type { Home, WorkItemCore, WorkItemKey } from './work-item.js';
import type { PendingChanges } from './work-item-draft.js';

const asDoc = <T extends object>(value: T): StoredDocument => value as unknown as StoredDocument;

/**
 * The batch that saves `snapshot` and what it recorded since load. `etag` null means a new item;
 * a stale etag makes the store refuse the whole batch (ConcurrencyConflictError).
 */
export function workItemWrites<K extends WorkItemKey>(
  key: K,
  snapshot: WorkItemCore,
  etag: string | null,
  changes: PendingChanges<K>,
): { operations: WriteOperation[]; outbox: WorkItemOutbox<K>[] } {
  const [first] = changes.events;
  const home = { [key]: snapshot.id } as Home<K>;
  const outbox: WorkItemOutbox<K>[] = first
    ? [{ id: `outbox-${first.id}`, ...home, docType: 'outbox', events: changes.events }]
    : [];
  const operations: WriteOperation[] = [
    etag === null ? { op: 'create', doc: asDoc(snapshot) } : { op: 'replace', doc: asDoc(snapshot), ifMatch: etag },
    ...changes.assists.map((a): WriteOperation => ({ op: 'upsert', doc: asDoc(a) })),
    ...changes.entries.map((e): WriteOperation => ({ op: 'create', doc: asDoc(e) })),
    ...outbox.map((o): WriteOperation => ({ op: 'create', doc: asDoc(o) })),
  ];
  return { operations, outbox };
}

/** Every assist of one work item: a query inside its partition, paged. */
export async function assistsInPartition<K extends WorkItemKey>(
  store: DocumentStore,
  container: ContainerName,
  key: K,
  workItemId: string,
): Promise<AssistSnapshot<K>[]> {
  const items: AssistSnapshot<K>[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<AssistSnapshot<K> & StoredDocument>(container, {
      partitionKey: workItemId,
      where: [
        { field: key, op: 'eq', value: workItemId },
        { field: 'docType', op: 'eq', value: 'assist' },
      ],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items.map((i) => i.doc));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * The work-item containers and what the kernel's queries need in each: they are single-partition
 * (so the static query-index check does not follow them), and the timeline's ORDER BY seq needs
 * the `[docType, seq]` composite index that every work-item container declares (tested).
 */
export const WORK_ITEM_CONTAINERS = {
  tickets: 'ticketId',
  changes: 'changeId',
  problems: 'problemId',
} as const satisfies Partial<Record<ContainerName, WorkItemKey>>;

/** One page of a work item's timeline, in order. */
export function entriesInPartition<K extends WorkItemKey>(
  store: DocumentStore,
  container: ContainerName,
  key: K,
  workItemId: string,
  limit: number,
  cursor?: string,
): Promise<Page<WorkItemEntry<K> & StoredDocument>> {
  return store.query<WorkItemEntry<K> & StoredDocument>(container, {
    partitionKey: workItemId,
    where: [
      { field: key, op: 'eq', value: workItemId },
      { field: 'docType', op: 'eq', value: 'entry' },
    ],
    orderBy: [{ field: 'seq', direction: 'asc' }],
    limit,
    ...(cursor ? { cursor } : {}),
  });
}
