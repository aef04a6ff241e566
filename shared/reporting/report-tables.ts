/**
 * The shape every report is returned in: key figures and tables. Charts, their table views and
 * the CSV/XLSX exports are all drawn from the same tables, so an export holds exactly what the
 * dashboard shows. A row may carry the ticket-list filter its figures came from (drill-down).
 */

export type CellValue = string | number | null;

export interface ReportColumn {
  readonly key: string;
  readonly label: string;
  /** count | ratio (0..1) | ms (a duration) | text | day (YYYY-MM-DD) */
  readonly unit: 'count' | 'ratio' | 'ms' | 'text' | 'day';
}

/** The ticket list a row drills down to: `family`, `from`, `to`, dimensions, maybe `counter` (TReportTicketsQuery). */
export type DrillFilter = Readonly<Record<string, string>>;

export interface ReportRow {
  readonly cells: Readonly<Record<string, CellValue>>;
  readonly drill?: DrillFilter;
}

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  /** The column charts use as categories (x axis or segments). */
  readonly categoryKey: string;
  /** The columns a chart plots; the others are shown in the table view only. */
  readonly seriesKeys: readonly string[];
  readonly chart: 'bar' | 'line' | 'stacked-bar' | 'pie';
  /**
   * Series -> the read-model counter whose tickets a click on that series opens (with the row's
   * drill filter); a row's own `counter` wins, and a table row opens its first series' tickets.
   */
  readonly drillCounters: Readonly<Record<string, string>>;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
}

export interface KeyFigure {
  readonly key: string;
  readonly label: string;
  readonly unit: ReportColumn['unit'];
  readonly value: CellValue;
}

export interface ReportFilters {
  /** Inclusive days (YYYY-MM-DD) in the report time zone. */
  readonly from: string;
  readonly to: string;
  readonly teamIds?: readonly string[];
  readonly priorities?: readonly string[];
  readonly types?: readonly string[];
}

export const REPORT_KINDS = ['overview', 'sla', 'escalations', 'agents'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Report {
  readonly kind: ReportKind;
  readonly title: string;
  readonly filters: ReportFilters;
  readonly generatedAt: string;
  readonly timeZone: string;
  readonly figures: readonly KeyFigure[];
  readonly tables: readonly ReportTable[];
}

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
