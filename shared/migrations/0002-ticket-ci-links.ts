/**
 * Data migration 2: tickets that got affected CIs before the tickets-on-a-CI links existed
 * (ticket-ci-links.ts) get their links, so a CI's tickets and "other open incidents on the same
 * CIs" see them and a later save that removes a CI finds the link it deletes. Upserts only, one
 * batch per ticket: running it again rewrites the same documents. Frozen: never edit it after it shipped.
 */
import type { StoredDocument } from '../ports/document-store.js';
import { ciLinksOf } from '../tickets/ticket-ci-links.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { DataMigration } from './data-migrations.js';

export const ticketCiLinks: DataMigration = {
  version: 2,
  name: 'ticket-ci-links',
  async up({ store }) {
    let tickets = 0;
    let links = 0;
    let cursor: string | undefined;
    do {
      const page = await store.query<TicketSnapshot & StoredDocument>('tickets', {
        where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const { doc } of page.items) {
        const docs = ciLinksOf(doc);
        if (docs.length === 0) continue;
        await store.batch(
          'tickets',
          doc.id,
          docs.map((d) => ({ op: 'upsert', doc: d as unknown as StoredDocument })),
        );
        tickets++;
        links += docs.length;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { changed: links > 0, tickets, links };
  },
};
