/** The reporting services (issue 19): read model projector, dashboards, exports, scheduled report mail. */

import type { Clock } from '../shared/ports/clock.js';
import type { DocumentStore } from '../shared/ports/document-store.js';
import type { SlaConfigSource } from '../shared/reporting/report-projector.js';
import { ReportProjector } from '../shared/reporting/report-projector.js';
import { ReportQueries } from '../shared/reporting/report-queries.js';
import type { TicketRepository } from '../shared/tickets/ticket-repository.js';

export interface ReportServices {
  readonly projector: ReportProjector;
  readonly queries: ReportQueries;
  readonly timeZone: string;
}

export function wireReports(
  deps: { store: DocumentStore; tickets: TicketRepository; sla: SlaConfigSource; clock: Clock },
  settings: { timeZone: string; multiInstance: boolean },
): ReportServices {
  const projector = new ReportProjector(deps.store, deps.tickets, deps.sla, {
    timeZone: settings.timeZone,
    verifyAfterWrite: settings.multiInstance,
  });
  return {
    projector,
    queries: new ReportQueries(projector.repository, deps.clock, settings.timeZone),
    timeZone: settings.timeZone,
  };
}
