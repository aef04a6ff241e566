/**
 * Reports API schemas (issue 19): dashboards with filters, the tickets behind a figure (drill-down),
 * exports as CSV or XLSX, and scheduled report mail. Days are YYYY-MM-DD in REPORTS_TIME_ZONE.
 */
import { z } from 'zod';
import { REPORT_FAMILIES } from '../reporting/report-model.js';
import { REPORT_KINDS } from '../reporting/report-tables.js';
import { PRIORITIES } from '../tickets/priority.js';
import { TICKET_TYPES } from '../tickets/ticket-types.js';
import { ZCursor, ZId } from './common.schemas.js';

const ZDay = z.iso.date();
/** A list in one query parameter: `team=desk,network`. */
const split = z
  .string()
  .max(2_000)
  .transform((s) => s.split(',').filter((v) => v !== ''));
const idList = () => split.pipe(z.array(ZId).min(1).max(50));
const enumList = <T extends readonly [string, ...string[]]>(values: T) => split.pipe(z.array(z.enum(values)).min(1));

/** The longest range one report covers (two years of days). */
export const MAX_REPORT_DAYS = 731;

const withRange = <T extends { from?: string | undefined; to?: string | undefined }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from && q.to) {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must not be before `from`' });
    if (days >= MAX_REPORT_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: `a report covers at most ${MAX_REPORT_DAYS} days` });
  }
};

const reportFilterShape = {
  /** First day (default: 29 days before `to`). */
  from: ZDay.optional(),
  /** Last day, inclusive (default: today). */
  to: ZDay.optional(),
  team: idList().optional(),
  priority: enumList(PRIORITIES).optional(),
  type: enumList(TICKET_TYPES).optional(),
};

export const ZReportKind = z.enum(REPORT_KINDS);
export const ZReportQuery = z.strictObject(reportFilterShape).superRefine(withRange);
export type TReportQuery = z.infer<typeof ZReportQuery>;

export const ZExportFormat = z.enum(['csv', 'xlsx']);
export const ZReportExportQuery = z
  .strictObject({
    ...reportFilterShape,
    format: ZExportFormat.default('csv'),
    /** CSV holds one table: its id (default: the report's first table). XLSX holds them all. */
    table: z.string().min(1).max(100).optional(),
  })
  .superRefine(withRange);
export type TReportExportQuery = z.infer<typeof ZReportExportQuery>;

const drillShape = {
  ...reportFilterShape,
  family: z.enum(REPORT_FAMILIES).default('tickets'),
  /** The read-model counter whose tickets are listed (docs/metrics.md); `open`: the backlog now. */
  counter: z
    .string()
    .regex(/^[A-Za-z.]{1,60}$/, 'must be a counter name')
    .default('created'),
  channel: idList().optional(),
  policy: idList().optional(),
  agent: idList().optional(),
  expertTeam: idList().optional(),
};

/** The tickets behind a figure: GET /api/reports/tickets. */
export const ZReportTicketsQuery = z
  .strictObject({
    ...drillShape,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: ZCursor.optional(),
  })
  .superRefine(withRange);
export type TReportTicketsQuery = z.infer<typeof ZReportTicketsQuery>;

export const ZReportTicketsExportQuery = z
  .strictObject({ ...drillShape, format: ZExportFormat.default('csv') })
  .superRefine(withRange);
export type TReportTicketsExportQuery = z.infer<typeof ZReportTicketsExportQuery>;

const ZCell = z.union([z.string(), z.number(), z.null()]);
export const ZReportTable = z.object({
  id: z.string(),
  title: z.string(),
  categoryKey: z.string(),
  seriesKeys: z.array(z.string()),
  chart: z.enum(['bar', 'line', 'stacked-bar', 'pie']),
  drillCounters: z.record(z.string(), z.string()),
  columns: z.array(
    z.object({ key: z.string(), label: z.string(), unit: z.enum(['count', 'ratio', 'ms', 'text', 'day']) }),
  ),
  rows: z.array(z.object({ cells: z.record(z.string(), ZCell), drill: z.record(z.string(), z.string()).optional() })),
});
export const ZReport = z.object({
  kind: ZReportKind,
  title: z.string(),
  filters: z.object({
    from: z.string(),
    to: z.string(),
    teamIds: z.array(z.string()).optional(),
    priorities: z.array(z.string()).optional(),
    types: z.array(z.string()).optional(),
  }),
  generatedAt: z.string(),
  timeZone: z.string(),
  figures: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string(), value: ZCell })),
  tables: z.array(ZReportTable),
});
export type TReport = z.infer<typeof ZReport>;

/** A lead's scheduled report mail: PUT /api/reports/subscriptions/{id}. */
export const ZReportSubscriptionInput = z.strictObject({
  kind: ZReportKind,
  cadence: z.enum(['weekly', 'monthly']),
  team: z.array(ZId).max(50).optional(),
  priority: z.array(z.enum(PRIORITIES)).max(4).optional(),
  type: z.array(z.enum(TICKET_TYPES)).max(3).optional(),
});
export type TReportSubscriptionInput = z.infer<typeof ZReportSubscriptionInput>;
