/** The reporting services (issue 19): read model projector, dashboards, drill-down and exports, scheduled report mail. */

import type { DirectoryRepository } from '../shared/directory/directory-repository.js';
import { mailKey } from '../shared/mail/mail-keys.js';
import type { Clock } from '../shared/ports/clock.js';
import type { DocumentStore } from '../shared/ports/document-store.js';
import type { MailAddress, Mailbox } from '../shared/ports/mailbox.js';
import { ReportProjector, type SlaConfigSource } from '../shared/reporting/report-projector.js';
import { ReportQueries } from '../shared/reporting/report-queries.js';
import { ReportSubscriptions } from '../shared/reporting/report-subscriptions.js';
import { ReportTickets, type TicketPresenter } from '../shared/reporting/report-tickets.js';
import type { TicketRepository } from '../shared/tickets/ticket-repository.js';
import { reportSheets } from './adapters/export/report-sheets.js';
import { xlsxBuffer } from './adapters/export/xlsx-export.js';

export interface ReportServices {
  readonly projector: ReportProjector;
  readonly queries: ReportQueries;
  readonly tickets: ReportTickets;
  readonly subscriptions: ReportSubscriptions;
  readonly timeZone: string;
}

export function wireReports(
  deps: {
    store: DocumentStore;
    tickets: TicketRepository;
    sla: SlaConfigSource;
    clock: Clock;
    presenter: TicketPresenter;
    directory: DirectoryRepository;
    mailbox: Mailbox;
    from: MailAddress;
  },
  settings: { timeZone: string; multiInstance: boolean },
): ReportServices {
  const projector = new ReportProjector(deps.store, deps.tickets, deps.sla, {
    timeZone: settings.timeZone,
    verifyAfterWrite: settings.multiInstance,
  });
  const queries = new ReportQueries(projector.repository, deps.clock, settings.timeZone);
  const domain = deps.from.address.slice(deps.from.address.lastIndexOf('@') + 1);
  return {
    projector,
    queries,
    tickets: new ReportTickets(projector.repository, deps.tickets, deps.presenter, deps.clock, settings.timeZone),
    subscriptions: new ReportSubscriptions({
      store: deps.store,
      directory: deps.directory,
      queries,
      mailbox: deps.mailbox,
      from: deps.from,
      clock: deps.clock,
      timeZone: settings.timeZone,
      messageId: (key) => `itn-report.${mailKey(key)}@${domain}`,
      workbook: (report) => xlsxBuffer(reportSheets(report)),
    }),
    timeZone: settings.timeZone,
  };
}
