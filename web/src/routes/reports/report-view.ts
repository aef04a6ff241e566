/**
 * The reports area's rules apart from its markup: the filters in the URL (the API's own query
 * parameters), the drill-down query of a chart segment or table cell, and how cells, categories
 * and counters are shown. docs/metrics.md defines the figures.
 */
import type { TReport } from '../../../../shared/api/reports.schemas.js';
// A relative import (as lib/ui/datetime.ts does) so the unit tests run these rules without the $shared alias.
import { REPORT_KINDS, type ReportKind } from '../../../../shared/reporting/report-tables.js';

export type ReportTable = TReport['tables'][number];
export type ReportRow = ReportTable['rows'][number];
export type Cell = ReportRow['cells'][string];
export type Unit = ReportTable['columns'][number]['unit'];

/** The dashboards' filters, as URL and API query parameters. */
export const FILTER_KEYS = ['from', 'to', 'team', 'priority', 'type'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The drill-down list's parameters (GET /api/reports/tickets), nothing else goes to the API. */
export const DRILL_KEYS = [...FILTER_KEYS, 'family', 'counter', 'channel', 'policy', 'agent', 'expertTeam'] as const;

export const KIND_LABELS: Record<ReportKind, string> = {
  overview: 'Overview',
  sla: 'SLA',
  escalations: 'Escalations',
  agents: 'Agents',
};

export const isReportKind = (value: string): value is ReportKind => (REPORT_KINDS as readonly string[]).includes(value);

const pick = (params: URLSearchParams, keys: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key)?.trim();
    if (value) out[key] = value;
  }
  return out;
};

export const filtersOf = (params: URLSearchParams): Filters => pick(params, FILTER_KEYS);
export const drillQueryOf = (params: URLSearchParams): Record<string, string> => pick(params, DRILL_KEYS);

/** `?from=..&team=..` of the filters (empty values left out), for links that keep them. */
export const searchOf = (query: Readonly<Record<string, string | undefined>>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const s = params.toString();
  return s ? `?${s}` : '';
};

/**
 * The ticket list behind one figure: the dashboard's filters, then the row's own drill filter
 * (a team row names its team, a day row its day), then the counter of the series clicked. A row's
 * own `counter` wins (the backlog's `open`, a breach row's `sla.*.breached`).
 */
export function drillQuery(table: ReportTable, row: ReportRow, seriesKey: string | undefined, filters: Filters) {
  if (!row.drill) return null;
  const counter =
    row.drill.counter ??
    (seriesKey ? table.drillCounters[seriesKey] : undefined) ??
    table.drillCounters[table.seriesKeys[0] ?? ''];
  const query: Record<string, string> = { ...(filters as Record<string, string>), ...row.drill };
  if (counter) query.counter = counter;
  else delete query.counter;
  return query;
}

export const drillHref = (query: Record<string, string> | null): string | null =>
  query ? `/reports/tickets${searchOf(query)}` : null;

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en');

/** A duration for people: "45 min", "3 h 20 min", "2 d 4 h" (days of 24 hours). */
export function durationText(ms: number): string {
  if (ms < 59_500) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const perTicket = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/**
 * A cell as text; `null` (no tickets to measure) is a dash. Ratios are shares (percent) except
 * a per-ticket average such as `transfersPerTicket`, which is a plain number.
 */
export function cellText(unit: Unit, value: Cell, label: (value: string) => string = (v) => v, key = ''): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') {
    if (unit === 'ratio') return key.endsWith('PerTicket') ? perTicket.format(value) : percent.format(value);
    if (unit === 'ms') return durationText(value);
    return count.format(value);
  }
  return unit === 'text' ? label(value) : value;
}

/** A chart's value axis: ratios as percent, durations in hours, counts as they are. */
export function chartValue(unit: Unit, value: Cell): number | null {
  if (typeof value !== 'number') return null;
  if (unit === 'ratio') return Math.round(value * 1000) / 10;
  if (unit === 'ms') return Math.round(value / 36_000) / 100;
  return value;
}

export const axisTitle = (unit: Unit): string => (unit === 'ratio' ? 'Percent' : unit === 'ms' ? 'Hours' : 'Tickets');

const TARGETS: Record<string, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
  all: 'All targets',
};
const CHANNELS: Record<string, string> = { email: 'Email', web: 'Web', phone: 'Phone', api: 'API', chat: 'Chat' };

export interface Names {
  team(id: string): string;
  agent(id: string): string;
}

/** The text of a category value in a given column (team and agent ids become names). */
export function categoryLabel(key: string, value: string, names: Names): string {
  if (value === 'none') {
    if (key === 'team' || key === 'expertTeam') return 'No team';
    return 'None';
  }
  switch (key) {
    case 'team':
    case 'expertTeam':
      return names.team(value);
    case 'agent':
      return names.agent(value);
    case 'target':
      return TARGETS[value] ?? value;
    case 'channel':
      return CHANNELS[value] ?? value;
    default:
      return value;
  }
}

/** A row's name: its text and day cells joined (a backlog row is team and priority). */
export function rowName(table: ReportTable, row: ReportRow, names: Names): string {
  return table.columns
    .filter((c) => (c.unit === 'text' || c.unit === 'day') && !table.seriesKeys.includes(c.key))
    .map((c) => categoryLabel(c.key, String(row.cells[c.key] ?? ''), names))
    .join(' · ');
}

const COUNTERS: Record<string, string> = {
  created: 'Created',
  resolved: 'Resolved',
  reopened: 'Reopened',
  reopenedResolved: 'Resolved after a reopen',
  open: 'Open',
  escalated: 'With assists',
  fcr: 'Resolved at first contact',
  requested: 'Assists requested',
  answered: 'Assists answered',
  declined: 'Assists declined',
  withdrawn: 'Assists withdrawn',
  timedOut: 'Assists timed out',
  olaMet: 'OLA met',
  olaBreached: 'OLA breached',
  replies: 'Replied to',
};

/** What a drill-down list holds, in words: "First response SLA breached". */
export function counterLabel(counter: string): string {
  const sla = /^sla\.(\w+)\.(met|breached)$/.exec(counter);
  if (sla) return `${TARGETS[sla[1] as string] ?? sla[1]} SLA ${sla[2]}`;
  return COUNTERS[counter] ?? counter;
}

/** The last `days` days up to today (local calendar), as from/to. */
export function lastDays(days: number, today = new Date()): { from: string; to: string } {
  const iso = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const from = new Date(today);
  from.setDate(from.getDate() - (days - 1));
  return { from: iso(from), to: iso(today) };
}
