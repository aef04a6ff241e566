/** The SLA engine's services as the edge sees them, wired once by the composition root. */
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { PublicHolidays } from '../ports/public-holidays.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import { SlaAdmin } from './sla-admin.js';
import type { SlaConfigRepository } from './sla-config-repository.js';
import { SlaEvaluator } from './sla-evaluator.js';

export interface SlaServices {
  readonly config: SlaConfigRepository;
  readonly admin: SlaAdmin;
  readonly evaluator: SlaEvaluator;
  /** Public holidays by country and region, for the calendar editor (added only when an admin saves them). */
  readonly holidays: PublicHolidays;
}

export const slaServices = (
  store: DocumentStore,
  commands: TicketCommands,
  config: SlaConfigRepository,
  clock: Clock,
  log: (line: string) => void,
  holidays: PublicHolidays,
): SlaServices => ({
  config,
  holidays,
  admin: new SlaAdmin(config, store, commands, clock),
  evaluator: new SlaEvaluator(store, commands, config, clock, {
    onError: (ticketId, error) => log(`sla evaluation of ${ticketId} failed: ${String(error)}`),
  }),
});
