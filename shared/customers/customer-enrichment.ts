/**
 * Late CRM answers reach their tickets: a ticket created while the CRM was slow or down records
 * `customer.enrichment = 'pending'`; when the CRM answers, the ticket gets a `customer_enriched`
 * entry, and the CRM's tier if nobody has answered the customer yet (the SLA stamp then matches
 * the policy again). A subscriber on `ticket.created` tries right away (a short wait), and the
 * `customer-enrichment` timer picks up whatever is still pending (an outage of hours included).
 */
import type { EventSubscriber } from '../events/event-dispatcher.js';
import { systemActor } from '../kernel/actor.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { CustomerContext } from './customer-context.js';

const ENRICHER = systemActor('crm-enrichment');

export type EnrichOutcome = 'enriched' | 'tier-applied' | 'still-pending' | 'nothing-to-do';

export class CustomerEnrichment {
  constructor(
    private readonly d: {
      readonly store: DocumentStore;
      readonly tickets: TicketRepository;
      readonly commands: TicketCommands;
      readonly context: CustomerContext;
      /** How long the subscriber waits for the CRM before leaving it to the timer. */
      readonly subscriberWaitMs: number;
    },
  ) {}

  readonly subscriber: EventSubscriber = {
    name: 'customer-enrichment',
    handles: ['ticket.created'],
    handle: async (event) => {
      await this.enrich(event.ticketId, this.d.subscriberWaitMs);
    },
  };

  async enrich(ticketId: string, waitMs: number): Promise<EnrichOutcome> {
    const found = await this.d.tickets.readSnapshot(ticketId);
    if (found?.doc.customer?.enrichment !== 'pending') return 'nothing-to-do';
    const next = await this.d.context.current(found.doc.requester.email, waitMs);
    if (!next) return 'nothing-to-do';
    if (next.enrichment === 'pending') return 'still-pending';
    const result = await this.d.commands.run(ticketId, ENRICHER, (t, ctx) => t.enrichCustomer(next, ctx), {
      retryOnConflict: true,
    });
    if (!result.ok) return 'nothing-to-do';
    return result.value.value.tierApplied ? 'tier-applied' : 'enriched';
  }

  /** The timer: tickets still waiting for the CRM, oldest first, a bounded number per run. */
  async sweep(limit = 50, waitMs = 2_000): Promise<Record<EnrichOutcome, number>> {
    const page = await this.d.store.query<TicketSnapshot & StoredDocument>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'ticket' },
        { field: 'customer.enrichment', op: 'eq', value: 'pending' },
      ],
      limit,
    });
    const counts: Record<EnrichOutcome, number> = {
      enriched: 0,
      'tier-applied': 0,
      'still-pending': 0,
      'nothing-to-do': 0,
    };
    for (const item of page.items) counts[await this.enrich(item.doc.id, waitMs)]++;
    return counts;
  }
}
