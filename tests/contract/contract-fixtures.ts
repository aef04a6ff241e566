/**
 * Test data and small helpers for the DocumentStore contract suite.
 */
import type { DocumentStore, Page, QuerySpec, StoredDocument } from '../../shared/ports/document-store.js';
import type { ContainerName } from '../../shared/storage/containers.js';

type Fields = Record<string, unknown>;

/** A ticket document alone in its own partition (`ticketId` = id). */
export const aTicket = (id: string, fields: Fields = {}): StoredDocument & Fields => ({
  id,
  docType: 'ticket',
  ticketId: id,
  ...fields,
});

/**
 * Five tickets covering every operator: A has ownerId null, B has no ownerId at all; titles mix
 * case and C's "1000" would match an unescaped LIKE pattern for "100%_".
 */
export const SEARCHABLE_TICKETS = [
  aTicket('A', {
    status: 'open',
    ownerId: null,
    priority: 'p1',
    seq: 1,
    updatedAt: '2024-01-01',
    title: 'Printer jammed',
    requester: { email: 'ann@example.com' },
    vip: false,
  }),
  aTicket('B', {
    status: 'open',
    priority: 'p3',
    seq: 2,
    updatedAt: '2024-01-02',
    title: 'VPN down',
    requester: { email: 'bob@example.com' },
    vip: true,
  }),
  aTicket('C', {
    status: 'resolved',
    ownerId: 'bob',
    priority: 'p2',
    seq: 3,
    updatedAt: '2024-01-03',
    title: 'Mail quota 1000 MB',
    requester: { email: 'ann@example.com' },
    vip: false,
  }),
  aTicket('D', {
    status: 'open',
    ownerId: 'carol',
    priority: 'p2',
    seq: 4,
    updatedAt: '2024-01-04',
    title: 'New printer please',
    requester: { email: 'dave@example.com' },
  }),
  aTicket('E', {
    status: 'closed',
    ownerId: 'bob',
    priority: 'p3',
    seq: 5,
    updatedAt: '2024-01-05',
    title: 'Disk 100%_full',
    requester: { email: 'eve@example.com' },
  }),
];

/** Creates each ticket-container document in its own partition; returns the etags in order. */
export async function seed(store: DocumentStore, docs: readonly StoredDocument[]): Promise<string[]> {
  const etags: string[] = [];
  for (const doc of docs) {
    const [etag] = await store.batch('tickets', String(doc['ticketId']), [{ op: 'create', doc }]);
    etags.push(etag!);
  }
  return etags;
}

export const ids = (page: Page): string[] => page.items.map((item) => item.doc.id);

/** Follows cursors to the end; returns the ids of each page. */
export async function queryAll(store: DocumentStore, container: ContainerName, spec: QuerySpec): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await store.query(container, { ...spec, ...(cursor === undefined ? {} : { cursor }) });
    pages.push(ids(page));
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('Pagination did not end after 100 pages');
}
