/** The reporting routes of the API description (issue 19), spread into API_ROUTES. */
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';
import {
  ZExportFormat,
  ZReport,
  ZReportExportQuery,
  ZReportQuery,
  ZReportSubscriptionInput,
  ZReportTicketsExportQuery,
  ZReportTicketsQuery,
} from './reports.schemas.js';
import { ZListTicketsQuery, ZTicket } from './tickets.schemas.js';

/** A CSV (text/csv) or XLSX download, streamed. */
const ZFile = z.string().describe('CSV or XLSX file (Content-Disposition: attachment)');
const ZSubscription = ZReportSubscriptionInput.extend({
  id: z.string(),
  agentId: z.string(),
  lastPeriod: z.string().nullable(),
  createdAt: z.string(),
});

export const REPORT_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'reports/dashboards/{kind}',
    summary: 'A report (overview, sla, escalations, agents): key figures and tables, from the read model',
    auth: true,
    query: ZReportQuery,
    response: ZReport,
  },
  {
    method: 'GET',
    path: 'reports/dashboards/{kind}/export',
    summary: 'A report as CSV (one table) or XLSX (every table and the key figures)',
    auth: true,
    query: ZReportExportQuery,
    response: ZFile,
  },
  {
    method: 'GET',
    path: 'reports/tickets',
    summary: 'The tickets behind a figure (drill-down), newest first',
    auth: true,
    query: ZReportTicketsQuery,
    response: z.object({ items: z.array(ZTicket), total: z.number().int(), nextCursor: z.string().nullable() }),
  },
  {
    method: 'GET',
    path: 'reports/tickets/export',
    summary: 'Every ticket behind a figure as CSV or XLSX (no row limit)',
    auth: true,
    query: ZReportTicketsExportQuery,
    response: ZFile,
  },
  {
    method: 'GET',
    path: 'exports/tickets',
    summary: 'Every ticket of a ticket list (the filters of GET /api/tickets) as CSV or XLSX (no row limit)',
    auth: true,
    query: ZListTicketsQuery.omit({ limit: true, cursor: true, q: true }).extend({
      format: ZExportFormat.default('csv'),
    }),
    response: ZFile,
  },
  {
    method: 'GET',
    path: 'reports/subscriptions',
    summary: "The caller's scheduled report mails",
    auth: true,
    response: z.object({ items: z.array(ZSubscription) }),
  },
  {
    method: 'POST',
    path: 'reports/subscriptions',
    summary: 'Subscribe to a weekly or monthly report mail (replaces the same report and cadence)',
    auth: true,
    body: ZReportSubscriptionInput,
    response: ZSubscription,
  },
  {
    method: 'DELETE',
    path: 'reports/subscriptions/{id}',
    summary: 'End a scheduled report mail',
    auth: true,
    response: z.null(),
    status: 204,
  },
];
