import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../../shared/ports/document-store.js';
import { ReportProjector } from '../../../shared/reporting/report-projector.js';
import { ReportQueries } from '../../../shared/reporting/report-queries.js';
import { aReportTicket } from '../../../shared/reporting/test-fixtures.js';
import { testSlaConfig } from '../../../shared/sla-engine/test-config.js';
import { TicketRepository } from '../../../shared/tickets/ticket-repository.js';
import { InMemoryDocumentStore } from '../../../tests/fakes/in-memory-document-store.js';
import { csvStream } from './csv-export.js';
import { reportSheets, tableSheets } from './report-sheets.js';
import { xlsxBuffer } from './xlsx-export.js';

const config = testSlaConfig();
const clock = { now: () => new Date('2026-03-10T12:00:00.000Z') };

const seeded = async () => {
  const store = new InMemoryDocumentStore();
  const projector = new ReportProjector(
    store,
    new TicketRepository(store),
    { current: async () => config },
    { timeZone: 'UTC' },
  );
  const std = config.policies.find((p) => p.id === 'std') ?? null;
  for (let i = 0; i < 12; i++) {
    const created = `2026-03-0${2 + (i % 5)}T09:00:00.000Z`;
    const resolved = `2026-03-0${2 + (i % 5)}T1${i % 8}:30:00.000Z`;
    const done = i % 3 !== 0;
    const ticket = aReportTicket(
      {
        id: `t${i}`,
        createdAt: created,
        updatedAt: done ? resolved : created,
        status: done ? 'resolved' : 'open',
        teamId: i % 2 ? 'desk' : 'network',
        ownerId: 'alice',
      },
      [
        { type: 'created', at: created, priority: 'P3', status: 'open' },
        ...(done ? [{ type: 'status_changed' as const, at: resolved, from: 'open', to: 'resolved' }] : []),
      ],
      std,
    );
    await store.batch('tickets', ticket.id, [{ op: 'upsert', doc: ticket as typeof ticket & StoredDocument }]);
    await projector.refresh(ticket.id);
  }
  return new ReportQueries(projector.repository, clock, 'UTC');
};

const text = async (stream: AsyncIterable<Uint8Array>) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
};

const fileCell = (unit: string, v: unknown) => (unit === 'ms' && typeof v === 'number' ? Math.round(v / 600) / 100 : v);

describe('report exports', () => {
  it('CSV of every table parses back to the rows the API returns', async () => {
    const report = await (await seeded()).report('overview', { from: '2026-03-01', to: '2026-03-09' });
    expect(report.figures.find((f) => f.key === 'created')?.value).toBe(12);
    const sheets = tableSheets(report);
    for (const [i, table] of report.tables.entries()) {
      const rows = parse(await text(csvStream(sheets[i]!)), { bom: true, cast: true }) as unknown[][];
      expect(rows[0]).toEqual(table.columns.map((c) => (c.unit === 'ms' ? `${c.label} (minutes)` : c.label)));
      expect(rows.slice(1)).toEqual(
        table.rows.map((r) => table.columns.map((c) => fileCell(c.unit, r.cells[c.key] ?? null) ?? '')),
      );
    }
  });

  it('XLSX holds the key figures and every table', async () => {
    const report = await (await seeded()).report('sla', { from: '2026-03-01', to: '2026-03-09' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxBuffer(reportSheets(report))) as never);
    expect(workbook.worksheets.map((w) => w.name)).toHaveLength(report.tables.length + 1);
    const table = report.tables[0]!;
    const sheet = workbook.worksheets[1]!;
    const values = sheet
      .getSheetValues()
      .slice(2)
      .map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual(
      table.rows.map((r) => table.columns.map((c) => fileCell(c.unit, r.cells[c.key] ?? null) ?? undefined)),
    );
  });
});
