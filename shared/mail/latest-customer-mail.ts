/**
 * The data of the latest mail a person (not a robot) sent on a ticket: what our reply answers
 * (its Message-ID and References) and which support mailbox it came to (shadow mode, ADR 0036).
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';

export async function latestCustomerMailData(
  store: DocumentStore,
  ticketId: string,
): Promise<Readonly<Record<string, unknown>> | undefined> {
  const page = await store.query<StoredDocument & { data?: Record<string, unknown> }>('tickets', {
    partitionKey: ticketId,
    where: [
      { field: 'ticketId', op: 'eq', value: ticketId },
      { field: 'docType', op: 'eq', value: 'entry' },
      { field: 'kind', op: 'eq', value: 'email_in' },
      { field: 'data.autoReply', op: 'isNull' },
    ],
    orderBy: [{ field: 'seq', direction: 'desc' }],
    limit: 1,
  });
  return page.items[0]?.doc.data;
}
