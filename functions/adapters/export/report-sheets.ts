/** A report (key figures and tables) and ticket pages as export sheets. */
import type { TTicket } from '../../../shared/api/tickets.schemas.js';
import type { CellValue, Report } from '../../../shared/reporting/report-tables.js';
import { TICKET_EXPORT_COLUMNS, ticketRow } from '../../../shared/reporting/ticket-columns.js';
import { singlePage, type TabularSheet } from './tabular.js';

export const figuresSheet = (report: Report): TabularSheet => ({
  name: 'Key figures',
  columns: [
    { key: 'figure', label: 'Figure', unit: 'text' },
    { key: 'value', label: 'Value', unit: 'text' },
    { key: 'unit', label: 'Unit', unit: 'text' },
  ],
  pages: singlePage(
    report.figures.map((f): CellValue[] => [
      f.label,
      f.unit === 'ms' && typeof f.value === 'number' ? Math.round(f.value / 600) / 100 : f.value,
      f.unit === 'ms' ? 'minutes' : f.unit,
    ]),
  ),
});

export const tableSheets = (report: Report): TabularSheet[] =>
  report.tables.map((table) => ({
    name: table.title,
    columns: table.columns,
    pages: singlePage(table.rows.map((row) => table.columns.map((c) => row.cells[c.key] ?? null))),
  }));

export const reportSheets = (report: Report): TabularSheet[] => [figuresSheet(report), ...tableSheets(report)];

export const ticketSheet = (pages: AsyncIterable<readonly TTicket[]>): TabularSheet => ({
  name: 'Tickets',
  columns: TICKET_EXPORT_COLUMNS,
  pages: (async function* () {
    for await (const page of pages) yield page.map(ticketRow);
  })(),
});
