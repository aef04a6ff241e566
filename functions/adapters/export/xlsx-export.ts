/**
 * XLSX through exceljs's streaming workbook writer: rows are committed as they come, so memory
 * stays flat whatever the row count. One worksheet per sheet; durations in minutes.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { fileValue, headerOf, type TabularSheet } from './tabular.js';

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
const sheetName = (name: string, taken: Set<string>): string => {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
};

export function xlsxStream(sheets: readonly TabularSheet[]): AsyncIterable<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const write = async () => {
    const taken = new Set<string>();
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheetName(sheet.name, taken));
      ws.addRow(sheet.columns.map(headerOf)).commit();
      for await (const rows of sheet.pages)
        for (const row of rows)
          ws.addRow(
            row.map((value, i) => fileValue(sheet.columns[i] ?? { key: '', label: '', unit: 'text' }, value)),
          ).commit();
      ws.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** The whole workbook in memory (a mail attachment). */
export async function xlsxBuffer(sheets: readonly TabularSheet[]): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of xlsxStream(sheets)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
