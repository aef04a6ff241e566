/**
 * A contact's or company's tickets, read by the customer facts each ticket recorded
 * (`customer.contactId`, `customer.companyId`, indexed), newest first.
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';

type TicketDoc = TicketSnapshot & StoredDocument;

/** Enough for 90 days of a busy customer; the panel says when it stopped there. */
export const INSIGHT_READ_LIMIT = 500;

export class CustomerTickets {
  constructor(private readonly store: DocumentStore) {}

  async ofContact(
    contactId: string,
    limit = INSIGHT_READ_LIMIT,
  ): Promise<{ items: TicketSnapshot[]; truncated: boolean }> {
    const page = await this.store.query<TicketDoc>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'ticket' },
        { field: 'customer.contactId', op: 'eq', value: contactId },
      ],
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit,
    });
    return { items: page.items.map((i) => i.doc), truncated: page.nextCursor !== null };
  }

  async ofCompany(
    companyId: string,
    limit = INSIGHT_READ_LIMIT,
  ): Promise<{ items: TicketSnapshot[]; truncated: boolean }> {
    const page = await this.store.query<TicketDoc>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'ticket' },
        { field: 'customer.companyId', op: 'eq', value: companyId },
      ],
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit,
    });
    return { items: page.items.map((i) => i.doc), truncated: page.nextCursor !== null };
  }

  async openOfContact(contactId: string): Promise<TicketSnapshot[]> {
    return this.open('customer.contactId', contactId);
  }

  async openOfCompany(companyId: string): Promise<TicketSnapshot[]> {
    return this.open('customer.companyId', companyId);
  }

  private async open(field: 'customer.contactId' | 'customer.companyId', value: string): Promise<TicketSnapshot[]> {
    const page = await this.store.query<TicketDoc>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'ticket' },
        { field, op: 'eq', value },
        { field: 'status', op: 'in', values: ['new', 'open', 'pending'] },
      ],
      limit: 100,
    });
    return page.items.map((i) => i.doc).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
