/**
 * Agent productivity (issue 18): ticket templates, macros (rendered by liquidjs in a safe mode),
 * bulk jobs on the `bulk` queue, merging duplicates and the confirmation mail of tickets opened for a customer.
 */
import { BulkJobs } from '../shared/bulk/bulk-jobs.js';
import type { DirectoryRepository } from '../shared/directory/directory-repository.js';
import type { EventSubscriber } from '../shared/events/event-dispatcher.js';
import { NewTicketConfirmation } from '../shared/intake/new-ticket-confirmation.js';
import { TicketTemplates } from '../shared/intake/ticket-templates.js';
import { Macros } from '../shared/macros/macros.js';
import type { AlertMailer } from '../shared/notifications/email-digest.js';
import type { Clock } from '../shared/ports/clock.js';
import type { DocumentStore } from '../shared/ports/document-store.js';
import type { IdGenerator } from '../shared/ports/id-generator.js';
import type { MessageBus } from '../shared/ports/message-bus.js';
import type { TicketRepository } from '../shared/tickets/ticket-repository.js';
import type { TicketCommands } from '../shared/use-cases/ticket-commands.js';
import { TicketMerges } from '../shared/use-cases/ticket-merges.js';
import type { TicketUseCases } from '../shared/use-cases/ticket-use-cases.js';
import { LiquidTemplateEngine } from './adapters/templates/liquid-template-engine.js';

export interface ProductivityServices {
  readonly templates: TicketTemplates;
  readonly macros: Macros;
  readonly bulk: BulkJobs;
  /** Merging a duplicate into a target ticket (ADR 0035). */
  readonly merges: TicketMerges;
  /** For the EventDispatcher: the confirmation mail of a ticket opened for a customer. */
  readonly subscribers: readonly EventSubscriber[];
}

export function wireProductivity(d: {
  store: DocumentStore;
  bus: MessageBus;
  clock: Clock;
  ids: IdGenerator;
  directory: DirectoryRepository;
  tickets: TicketRepository;
  commands: TicketCommands;
  useCases: TicketUseCases;
  mailer: AlertMailer;
  ownAddresses: readonly string[];
}): ProductivityServices {
  const merges = new TicketMerges(d.tickets, d.commands);
  const macros = new Macros(d.store, d.directory, d.tickets, d.commands, new LiquidTemplateEngine(), d.clock, d.ids);
  return {
    templates: new TicketTemplates(d.store, d.directory, d.clock, d.ids),
    macros,
    bulk: new BulkJobs(d.store, d.bus, d.directory, d.useCases, merges, d.tickets, macros, d.clock, d.ids),
    merges,
    subscribers: [new NewTicketConfirmation(d.tickets, d.mailer, d.ownAddresses)],
  };
}
