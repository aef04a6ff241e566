/**
 * The reports area's rules (web/src/routes/reports/report-view.ts): which tickets a chart segment
 * or table cell opens, what reaches the API from the URL, and how figures read.
 */
import { describe, expect, it } from 'vitest';
import {
  cellText,
  counterLabel,
  drillHref,
  drillQuery,
  drillQueryOf,
  durationText,
  filtersOf,
  lastDays,
  type Names,
  type ReportTable,
  rowName,
} from '../../web/src/routes/reports/report-view.js';

const names: Names = { team: (id) => `Team ${id}`, agent: (id) => `Agent ${id}` };

const table = (over: Partial<ReportTable>): ReportTable => ({
  id: 't',
  title: 'T',
  categoryKey: 'team',
  seriesKeys: ['created', 'resolved'],
  chart: 'bar',
  drillCounters: { created: 'created', resolved: 'resolved' },
  columns: [
    { key: 'team', label: 'Team', unit: 'text' },
    { key: 'created', label: 'Created', unit: 'count' },
    { key: 'resolved', label: 'Resolved', unit: 'count' },
  ],
  rows: [],
  ...over,
});

describe('Report drill-down', () => {
  const byTeam = table({});
  const row = {
    cells: { team: 'desk', created: 3, resolved: 1 },
    drill: { family: 'tickets', team: 'desk', from: '2026-11-01', to: '2026-11-30' },
  };

  it("opens the clicked series' counter with the dashboard's filters under the row's own", () => {
    const q = drillQuery(byTeam, row, 'resolved', { priority: 'P2', team: 'other', from: '2026-11-01' });
    expect(q).toEqual({
      priority: 'P2',
      team: 'desk',
      family: 'tickets',
      from: '2026-11-01',
      to: '2026-11-30',
      counter: 'resolved',
    });
    expect(drillHref(q)).toBe(
      '/reports/tickets?priority=P2&team=desk&from=2026-11-01&family=tickets&to=2026-11-30&counter=resolved',
    );
  });

  it("lets a row's own counter win and falls back to the first series", () => {
    const backlog = { cells: { team: 'desk' }, drill: { family: 'tickets', team: 'desk', counter: 'open' } };
    expect(drillQuery(byTeam, backlog, 'created', {})?.counter).toBe('open');
    expect(drillQuery(byTeam, row, undefined, {})?.counter).toBe('created');
    expect(drillQuery(byTeam, { cells: {} }, 'created', {})).toBeNull();
    expect(drillHref(null)).toBeNull();
  });

  it('sends the API only the parameters it knows', () => {
    const params = new URLSearchParams('team=desk&counter=open&view=table&from=&limit=9999&channel=web');
    expect(drillQueryOf(params)).toEqual({ team: 'desk', counter: 'open', channel: 'web' });
    expect(filtersOf(params)).toEqual({ team: 'desk' });
  });
});

describe('Report figures', () => {
  it('shows shares as percent, per-ticket averages as numbers, durations for people and nothing as a dash', () => {
    expect(cellText('ratio', 0.6667)).toBe('66.7%');
    expect(cellText('ratio', 1.5, undefined, 'transfersPerTicket')).toBe('1.5');
    expect(cellText('count', 12_345)).toBe('12,345');
    expect(cellText('ms', 3 * 3_600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(cellText('ratio', null)).toBe('–');
    expect(cellText('text', 'desk', (v) => names.team(v))).toBe('Team desk');
    expect(durationText(45_000)).toBe('45 s');
    expect(durationText(26 * 3_600_000)).toBe('1 d 2 h');
  });

  it('names a row by its text and day cells, with team and agent names', () => {
    const backlog = table({
      seriesKeys: ['age0'],
      columns: [
        { key: 'team', label: 'Team', unit: 'text' },
        { key: 'priority', label: 'Priority', unit: 'text' },
        { key: 'age0', label: 'Under 1 day', unit: 'count' },
      ],
    });
    expect(rowName(backlog, { cells: { team: 'desk', priority: 'P2', age0: 1 } }, names)).toBe('Team desk · P2');
    expect(rowName(backlog, { cells: { team: 'none', priority: 'P4', age0: 1 } }, names)).toBe('No team · P4');
  });

  it('says what a drill-down holds', () => {
    expect(counterLabel('sla.firstResponse.breached')).toBe('First response SLA breached');
    expect(counterLabel('open')).toBe('Open');
    expect(counterLabel('somethingNew')).toBe('somethingNew');
  });

  it('gives the last n days up to today', () => {
    expect(lastDays(7, new Date(2026, 11, 3))).toEqual({ from: '2026-11-27', to: '2026-12-03' });
  });
});
