/**
 * The tickets on a CI, as a read model kept in step with the ticket (issue 15): one small
 * `ticket-ci` document per (ticket, affected CI) in the ticket's own partition, written in the
 * ticket's save batch. A CI's open and recent tickets, and the other open incidents on the same CIs
 * or services, are then one indexed query on `ciId` (tickets store their CIs as an array, which no
 * store here can index). The link carries the few ticket fields those lists show and is rewritten
 * whenever one of them changes, so it is never stale; it is derived data, never edited.
 */
import type { StoredDocument, WriteOperation } from '../ports/document-store.js';
import { isActiveStatus } from './ticket-status.js';
import type { TicketSnapshot } from './ticket-types.js';

export interface TicketCiLink {
  readonly id: string;
  /** Partition key: the ticket. */
  readonly ticketId: string;
  readonly docType: 'ticket-ci';
  readonly ciId: string;
  readonly primary: boolean;
  /** Not resolved or closed: the "open tickets on this CI" filter. */
  readonly open: boolean;
  readonly number: string;
  readonly title: string;
  readonly type: TicketSnapshot['type'];
  readonly status: TicketSnapshot['status'];
  readonly priority: TicketSnapshot['priority'];
  readonly ownerId: string | null;
  /** The ticket's creation time: recent tickets on a CI come newest first. */
  readonly createdAt: string;
}

export const ticketCiLinkId = (ticketId: string, ciId: string): string => `${ticketId}-ci-${ciId}`;

export function ciLinksOf(ticket: TicketSnapshot): TicketCiLink[] {
  return (ticket.affectedCis ?? []).map((c) => ({
    id: ticketCiLinkId(ticket.id, c.ciId),
    ticketId: ticket.id,
    docType: 'ticket-ci',
    ciId: c.ciId,
    primary: c.primary,
    open: isActiveStatus(ticket.status),
    number: ticket.number,
    title: ticket.title,
    type: ticket.type,
    status: ticket.status,
    priority: ticket.priority,
    ownerId: ticket.ownerId,
    createdAt: ticket.createdAt,
  }));
}

const same = (a: TicketCiLink | undefined, b: TicketCiLink): boolean =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * What the ticket's save must write for its links: upserts of new or changed links and deletes of
 * the CIs no longer affected. `before` is the ticket as loaded (null for a new ticket). A save
 * that changes none of the linked fields writes nothing extra.
 */
export function ciLinkOps(before: TicketSnapshot | null, after: TicketSnapshot): WriteOperation[] {
  const old = new Map((before ? ciLinksOf(before) : []).map((l) => [l.ciId, l]));
  const now = ciLinksOf(after);
  const kept = new Set(now.map((l) => l.ciId));
  return [
    ...now
      .filter((l) => !same(old.get(l.ciId), l))
      .map((doc): WriteOperation => ({ op: 'upsert', doc: doc as unknown as StoredDocument })),
    ...[...old.values()].filter((l) => !kept.has(l.ciId)).map((l): WriteOperation => ({ op: 'delete', id: l.id })),
  ];
}
