/**
 * The customer directory's services, wired over the store and, when CRM_PROVIDER names one, the
 * CRM adapter (HubSpot or its simulator): directory, CRM cache, the context new tickets record,
 * late enrichment, the API's use cases, "re-evaluate SLA" / "create in CRM", write-back notes.
 */
import { CrmCache, DEFAULT_CRM_CACHE } from '../shared/customers/crm-cache.js';
import { CrmWriteBack } from '../shared/customers/crm-write-back.js';
import { CustomerActs } from '../shared/customers/customer-acts.js';
import { CustomerContext } from '../shared/customers/customer-context.js';
import { CustomerDirectory } from '../shared/customers/customer-directory.js';
import { CustomerEnrichment } from '../shared/customers/customer-enrichment.js';
import { CustomerService } from '../shared/customers/customer-service.js';
import { CustomerTickets } from '../shared/customers/customer-tickets.js';
import type { DirectoryRepository } from '../shared/directory/directory-repository.js';
import type { EventSubscriber } from '../shared/events/event-dispatcher.js';
import type { Clock } from '../shared/ports/clock.js';
import type { Crm } from '../shared/ports/crm.js';
import type { DocumentStore } from '../shared/ports/document-store.js';
import type { IdGenerator } from '../shared/ports/id-generator.js';
import type { TicketRepository } from '../shared/tickets/ticket-repository.js';
import type { TicketCommands } from '../shared/use-cases/ticket-commands.js';

export interface CustomerSettings {
  readonly waitMs: number;
  /** Ticket creations that may wait for the CRM at once; the rest go on with local data. */
  readonly maxWaiting: number;
  readonly ttlMs: number;
  readonly writeBack: boolean;
  /** How a CRM note links back to a ticket. */
  readonly ticketUrl: (ticketId: string) => string;
}

export const DEFAULT_CUSTOMER_SETTINGS: CustomerSettings = {
  waitMs: 1_500,
  maxWaiting: 2,
  ttlMs: DEFAULT_CRM_CACHE.ttlMs,
  writeBack: false,
  ticketUrl: (id) => `/tickets/${id}`,
};

export interface CustomerServices {
  readonly directory: CustomerDirectory;
  readonly context: CustomerContext;
  readonly service: CustomerService;
  readonly acts: CustomerActs;
  readonly enrichment: CustomerEnrichment;
  /** Present when a CRM is configured. */
  readonly crm: Crm | null;
  readonly cache: CrmCache | null;
  readonly writeBack: CrmWriteBack | null;
  /** For the EventDispatcher (after rules, routing and notifications). */
  readonly subscribers: readonly EventSubscriber[];
}

export function wireCustomers(
  d: {
    store: DocumentStore;
    clock: Clock;
    ids: IdGenerator;
    agents: DirectoryRepository;
    tickets: TicketRepository;
    commands: TicketCommands;
    log: (line: string) => void;
  },
  crm: Crm | null,
  settings: CustomerSettings = DEFAULT_CUSTOMER_SETTINGS,
): CustomerServices {
  const directory = new CustomerDirectory(d.store);
  const cache = crm
    ? new CrmCache(d.store, crm, d.clock, { ...DEFAULT_CRM_CACHE, ttlMs: settings.ttlMs }, d.log)
    : null;
  const context = new CustomerContext({
    customers: directory,
    crm: cache,
    agents: d.agents,
    clock: d.clock,
    ids: d.ids,
    settings: { waitMs: settings.waitMs, maxWaiting: settings.maxWaiting },
    log: d.log,
  });
  const enrichment = new CustomerEnrichment({
    store: d.store,
    tickets: d.tickets,
    commands: d.commands,
    context,
    subscriberWaitMs: 3_000,
  });
  const writeBack =
    crm && cache && settings.writeBack
      ? new CrmWriteBack({
          store: d.store,
          tickets: d.tickets,
          crm,
          cache,
          clock: d.clock,
          ticketUrl: settings.ticketUrl,
        })
      : null;
  return {
    directory,
    context,
    service: new CustomerService({
      customers: directory,
      tickets: new CustomerTickets(d.store),
      agents: d.agents,
      context,
      crm: cache,
      clock: d.clock,
      ids: d.ids,
    }),
    acts: new CustomerActs({
      tickets: d.tickets,
      commands: d.commands,
      context,
      customers: directory,
      crm,
      cache,
      clock: d.clock,
    }),
    enrichment,
    crm,
    cache,
    writeBack,
    subscribers: [...(cache ? [enrichment.subscriber] : []), ...(writeBack ? [writeBack.subscriber] : [])],
  };
}
