/**
 * Write-back to the CRM (configurable, off by default): a note on the requester's CRM contact
 * when a ticket is created and when it is resolved. Idempotent: a claim document
 * (`crm-note:<ticket>:<kind>`) is written before the note; a retry that finds the claim without a
 * note id first asks the CRM for a note carrying the same marker, so a retry (after a timeout, a
 * crash or a 429 storm) never writes a second note. CRM refusals throw, so the event is delivered
 * again later (the dispatcher reruns only this subscriber).
 */
import type { DomainEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { Clock } from '../ports/clock.js';
import type { Crm } from '../ports/crm.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { CrmCache } from './crm-cache.js';
import { keyId } from './customer-keys.js';

interface NoteClaim extends StoredDocument {
  readonly docType: 'crm-note';
  readonly pk: string;
  readonly ticketId: string;
  readonly kind: 'created' | 'resolved';
  readonly status: 'writing' | 'written';
  readonly noteId: string | null;
  readonly at: string;
}

export class CrmWriteBack {
  /** Notes written by this process (tests and the benchmark count them). */
  written = 0;

  constructor(
    private readonly d: {
      readonly store: DocumentStore;
      readonly tickets: TicketRepository;
      readonly crm: Crm;
      readonly cache: CrmCache;
      readonly clock: Clock;
      /** Where an agent opens the ticket (the note links to it). */
      readonly ticketUrl: (ticketId: string) => string;
    },
  ) {}

  readonly subscriber: EventSubscriber = {
    name: 'crm-write-back',
    handles: ['ticket.created', 'ticket.status_changed'],
    handle: async (event) => {
      if (event.type === 'ticket.created') await this.note(event, 'created');
      else if (event.data.to === 'resolved') await this.note(event, 'resolved');
    },
  };

  private async note(event: DomainEvent, kind: NoteClaim['kind']): Promise<void> {
    const ticket = (await this.d.tickets.readSnapshot(event.ticketId))?.doc;
    if (!ticket) return;
    const crmId =
      ticket.customer?.crmId ??
      (await this.d.cache.get(ticket.requester.email, 5_000).then((l) => (l.state === 'found' ? l.contact.id : null)));
    if (!crmId) {
      // Unknown to the CRM, or the CRM is not answering: a pending lookup retries later.
      const again = await this.d.cache.peek(ticket.requester.email);
      if (!again) throw new Error(`crm write-back: no answer about ${ticket.requester.email} yet`);
      return;
    }
    const id = keyId('crm-note', `${ticket.id}:${kind}`);
    const marker = `[itil-next ${ticket.number} ${kind}]`;
    const existing = await this.d.store.read<NoteClaim>('customers', id, id);
    if (existing?.doc.status === 'written') return;
    let etag: string;
    if (existing) {
      etag = existing.etag;
      const found = await this.d.crm.findNote(crmId, marker);
      if (found) {
        await this.markWritten(existing.doc, etag, found);
        return;
      }
    } else {
      const claim: NoteClaim = {
        id,
        pk: id,
        docType: 'crm-note',
        ticketId: ticket.id,
        kind,
        status: 'writing',
        noteId: null,
        at: this.d.clock.now().toISOString(),
      };
      try {
        [etag] = (await this.d.store.batch('customers', id, [{ op: 'create', doc: claim }])) as [string];
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) throw new Error(`crm write-back: ${id} is being written`);
        throw error;
      }
    }
    const verb = kind === 'created' ? 'opened' : 'resolved';
    const body = `${marker} Ticket ${ticket.number} ${verb}: ${ticket.title}\n${this.d.ticketUrl(ticket.id)}`;
    const note = await this.d.crm.addNote({ contactId: crmId, body, at: event.occurredAt, marker });
    this.written++;
    const claimDoc = (await this.d.store.read<NoteClaim>('customers', id, id)) as { doc: NoteClaim; etag: string };
    await this.markWritten(claimDoc.doc, claimDoc.etag, note.id);
  }

  private async markWritten(claim: NoteClaim, etag: string, noteId: string): Promise<void> {
    await this.d.store.batch('customers', claim.pk, [
      { op: 'replace', doc: { ...claim, status: 'written', noteId }, ifMatch: etag },
    ]);
  }
}
