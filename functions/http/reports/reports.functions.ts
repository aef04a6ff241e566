/**
 * Reports API (issue 19): GET reports/dashboards/{kind} (overview, sla, escalations, agents) with
 * filters, its export (CSV: one table, XLSX: every table), the tickets behind a figure and their
 * export, and the export of any ticket list (GET /api/tickets filters). Leads and admins only.
 */
import {
  ZExportFormat,
  ZReportExportQuery,
  ZReportKind,
  ZReportQuery,
  ZReportTicketsExportQuery,
  ZReportTicketsQuery,
} from '../../../shared/api/reports.schemas.js';
import { ZListTicketsQuery } from '../../../shared/api/tickets.schemas.js';
import type { Role } from '../../../shared/directory/agent.js';
import { reportFilters } from '../../../shared/reporting/report-tickets.js';
import { reportSheets, tableSheets, ticketSheet } from '../../adapters/export/report-sheets.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';
import { exportResponse } from './export-response.js';

export const REPORT_ROLES: readonly Role[] = ['lead', 'admin'];

const kindOf = (value: string | undefined) => ZReportKind.safeParse(value);

export const getReportFunction: FunctionDefinition<Services> = {
  name: 'reports-dashboard',
  trigger: { type: 'http', route: 'reports/dashboards/{kind}', methods: ['GET'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (request) => {
      const kind = kindOf(request.params.kind);
      if (!kind.success) return problem('REQUEST.NOT_FOUND', `No report "${request.params.kind}"`);
      const query = readQuery(request, ZReportQuery);
      if (!query.ok) return query.response;
      const report = await s.reports.queries.report(kind.data, reportFilters(query.value, s.reports.tickets.today()));
      return json(200, report);
    }),
};

export const exportReportFunction: FunctionDefinition<Services> = {
  name: 'reports-dashboard-export',
  trigger: { type: 'http', route: 'reports/dashboards/{kind}/export', methods: ['GET'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (request) => {
      const kind = kindOf(request.params.kind);
      if (!kind.success) return problem('REQUEST.NOT_FOUND', `No report "${request.params.kind}"`);
      const query = readQuery(request, ZReportExportQuery);
      if (!query.ok) return query.response;
      const { format, table, ...filters } = query.value;
      const report = await s.reports.queries.report(kind.data, reportFilters(filters, s.reports.tickets.today()));
      const name = `report-${kind.data}-${report.filters.from}-${report.filters.to}`;
      if (format === 'xlsx') return exportResponse('xlsx', name, reportSheets(report));
      const sheets = tableSheets(report);
      const index = table ? report.tables.findIndex((t) => t.id === table) : 0;
      const sheet = sheets[index];
      if (!sheet)
        return problem(
          'REQUEST.VALIDATION_FAILED',
          `No table "${table}"; tables: ${report.tables.map((t) => t.id).join(', ')}`,
        );
      return exportResponse('csv', `${name}-${report.tables[index]?.id ?? 'table'}`, [sheet]);
    }),
};

export const reportTicketsFunction: FunctionDefinition<Services> = {
  name: 'reports-tickets',
  trigger: { type: 'http', route: 'reports/tickets', methods: ['GET'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (request) => {
      const query = readQuery(request, ZReportTicketsQuery);
      if (!query.ok) return query.response;
      return json(200, await s.reports.tickets.page(query.value));
    }),
};

export const exportReportTicketsFunction: FunctionDefinition<Services> = {
  name: 'reports-tickets-export',
  trigger: { type: 'http', route: 'reports/tickets/export', methods: ['GET'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (request) => {
      const query = readQuery(request, ZReportTicketsExportQuery);
      if (!query.ok) return query.response;
      const { format, ...drill } = query.value;
      return exportResponse(format, `tickets-${drill.family}-${drill.counter}`, [
        ticketSheet(s.reports.tickets.drillPages(drill)),
      ]);
    }),
};

const ZTicketListExportQuery = ZListTicketsQuery.omit({ limit: true, cursor: true, q: true }).extend({
  format: ZExportFormat.default('csv'),
});

export const exportTicketListFunction: FunctionDefinition<Services> = {
  name: 'tickets-export',
  trigger: { type: 'http', route: 'exports/tickets', methods: ['GET'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (request, principal) => {
      const query = readQuery(request, ZTicketListExportQuery);
      if (!query.ok) return query.response;
      const { format, ...list } = query.value;
      return exportResponse(format, 'tickets', [ticketSheet(s.reports.tickets.listPages(list, principal.actor))]);
    }),
};
