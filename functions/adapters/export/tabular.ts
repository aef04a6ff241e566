/**
 * Export files (CSV and XLSX) written as streams from pages of rows, so an export of any size
 * holds one page in memory. Durations (unit `ms`) are written in minutes, labelled so.
 */
import type { CellValue, ReportColumn } from '../../../shared/reporting/report-tables.js';

export interface TabularSheet {
  readonly name: string;
  readonly columns: readonly ReportColumn[];
  readonly pages: AsyncIterable<readonly (readonly CellValue[])[]>;
}

export const headerOf = (column: ReportColumn): string =>
  column.unit === 'ms' ? `${column.label} (minutes)` : column.label;

/** A cell as written to a file: durations in minutes with two decimals. */
export const fileValue = (column: ReportColumn, value: CellValue): CellValue =>
  column.unit === 'ms' && typeof value === 'number' ? Math.round(value / 600) / 100 : value;

export async function* singlePage<T>(rows: readonly T[]): AsyncIterable<readonly T[]> {
  yield rows;
}
