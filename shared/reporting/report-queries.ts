/**
 * Dashboards computed from the read model's bucket totals (never from tickets): overview, SLA,
 * escalations (assists) and agents, each as key figures and tables (report-tables.ts). The KPI
 * arithmetic lives in kpi.ts; docs/metrics.md defines every figure.
 */
import type { Clock } from '../ports/clock.js';
import { SLA_TARGET_KINDS } from '../sla/sla-policy.js';
import { AGE_BUCKETS, ageBucketOf, durationStats, sumTallies } from './kpi.js';
import { NONE, type Tally } from './report-model.js';
import type { BucketDoc, ReportRepository } from './report-repository.js';
import {
  type KeyFigure,
  type Report,
  type ReportColumn,
  type ReportFilters,
  type ReportKind,
  type ReportRow,
  type ReportTable,
  ratio,
} from './report-tables.js';
import { dayOf } from './ticket-facts.js';

const col = (key: string, label: string, unit: ReportColumn['unit']): ReportColumn => ({ key, label, unit });
const n = (t: Tally | undefined, name: string): number => t?.n[name] ?? 0;

const TITLES: Record<ReportKind, string> = {
  overview: 'Overview',
  sla: 'SLA compliance',
  escalations: 'Escalations (assists)',
  agents: 'Agents',
};

const TARGET_LABEL: Record<(typeof SLA_TARGET_KINDS)[number], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

/** Days from..to inclusive (YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

const groupBy = (buckets: readonly BucketDoc[], keyOf: (b: BucketDoc) => string): Map<string, Tally> => {
  const groups = new Map<string, BucketDoc[]>();
  for (const b of buckets) {
    const key = keyOf(b);
    const list = groups.get(key);
    if (list) list.push(b);
    else groups.set(key, [b]);
  }
  return new Map([...groups].map(([k, list]) => [k, sumTallies(list)]));
};

const dim = (b: BucketDoc, name: string): string => (b[name] as string | undefined) ?? NONE;

const durationCells = (t: Tally | undefined, name: string, prefix: string) => {
  const s = durationStats(t, name);
  return {
    [`${prefix}Count`]: s.count,
    [`${prefix}Median`]: s.median,
    [`${prefix}P90`]: s.p90,
    [`${prefix}Mean`]: s.mean,
  };
};
const durationColumns = (prefix: string, label: string): ReportColumn[] => [
  col(`${prefix}Count`, `${label}: tickets measured`, 'count'),
  col(`${prefix}Median`, `${label}: median`, 'ms'),
  col(`${prefix}P90`, `${label}: p90`, 'ms'),
  col(`${prefix}Mean`, `${label}: mean`, 'ms'),
];

export class ReportQueries {
  constructor(
    private readonly repository: ReportRepository,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  async report(kind: ReportKind, filters: ReportFilters): Promise<Report> {
    const { figures, tables } = await this.build(kind, filters);
    return {
      kind,
      title: TITLES[kind],
      filters,
      generatedAt: this.clock.now().toISOString(),
      timeZone: this.timeZone,
      figures,
      tables,
    };
  }

  private dims(filters: ReportFilters) {
    return { teamId: filters.teamIds, priority: filters.priorities, type: filters.types };
  }

  private build(kind: ReportKind, f: ReportFilters): Promise<{ figures: KeyFigure[]; tables: ReportTable[] }> {
    switch (kind) {
      case 'overview':
        return this.overview(f);
      case 'sla':
        return this.sla(f);
      case 'escalations':
        return this.escalations(f);
      case 'agents':
        return this.agents(f);
    }
  }

  private async overview(f: ReportFilters) {
    const [buckets, open] = await Promise.all([
      this.repository.buckets({ family: 'tickets', from: f.from, to: f.to, dims: this.dims(f) }),
      this.repository.openBuckets('tickets', this.dims(f)),
    ]);
    const all = sumTallies(buckets);
    const byDay = groupBy(buckets, (b) => b.day);
    const byChannel = groupBy(buckets, (b) => dim(b, 'channel'));
    const byTeam = groupBy(buckets, (b) => dim(b, 'teamId'));
    const byPriority = groupBy(buckets, (b) => dim(b, 'priority'));
    const fr = durationStats(all, 'frBusiness');
    const res = durationStats(all, 'resBusiness');
    const figures: KeyFigure[] = [
      { key: 'created', label: 'Created', unit: 'count', value: n(all, 'created') },
      { key: 'resolved', label: 'Resolved', unit: 'count', value: n(all, 'resolved') },
      { key: 'reopened', label: 'Reopened', unit: 'count', value: n(all, 'reopened') },
      { key: 'backlog', label: 'Open now', unit: 'count', value: open.reduce((s, b) => s + b.open, 0) },
      { key: 'frBusinessMedian', label: 'First response (business), median', unit: 'ms', value: fr.median },
      { key: 'resBusinessMedian', label: 'Resolution (business), median', unit: 'ms', value: res.median },
      {
        key: 'fcrRate',
        label: 'First contact resolution',
        unit: 'ratio',
        value: ratio(n(all, 'fcr'), n(all, 'resolved')),
      },
      {
        key: 'reopenRate',
        label: 'Reopen rate',
        unit: 'ratio',
        value: ratio(n(all, 'reopenedResolved'), n(all, 'resolved')),
      },
      {
        key: 'escalationRate',
        label: 'Escalation rate',
        unit: 'ratio',
        value: ratio(n(all, 'escalated'), n(all, 'created')),
      },
      {
        key: 'transfersPerTicket',
        label: 'Transfers per resolved ticket',
        unit: 'ratio',
        value: ratio(n(all, 'transfers'), n(all, 'resolved')),
      },
    ];
    const perDay: ReportTable = {
      id: 'per-day',
      title: 'Created, resolved and reopened per day',
      categoryKey: 'day',
      seriesKeys: ['created', 'resolved', 'reopened'],
      chart: 'line',
      drillCounters: { created: 'created', resolved: 'resolved', reopened: 'reopened' },
      columns: [
        col('day', 'Day', 'day'),
        col('created', 'Created', 'count'),
        col('resolved', 'Resolved', 'count'),
        col('reopened', 'Reopened', 'count'),
      ],
      rows: daysBetween(f.from, f.to).map((day) => {
        const t = byDay.get(day);
        return {
          cells: { day, created: n(t, 'created'), resolved: n(t, 'resolved'), reopened: n(t, 'reopened') },
          drill: { family: 'tickets', from: day, to: day },
        };
      }),
    };
    const flow = (
      id: string,
      title: string,
      groups: Map<string, Tally>,
      key: string,
      label: string,
      drillKey: string,
    ): ReportTable => ({
      id,
      title,
      categoryKey: key,
      seriesKeys: ['created', 'resolved'],
      chart: 'bar',
      drillCounters: { created: 'created', resolved: 'resolved' },
      columns: [
        col(key, label, 'text'),
        col('created', 'Created', 'count'),
        col('resolved', 'Resolved', 'count'),
        col('fcrRate', 'First contact resolution', 'ratio'),
        col('reopenRate', 'Reopen rate', 'ratio'),
        col('escalationRate', 'Escalation rate', 'ratio'),
        col('transfersPerTicket', 'Transfers per resolved ticket', 'ratio'),
        ...durationColumns('frBusiness', 'First response (business)'),
        ...durationColumns('frCalendar', 'First response (calendar)'),
        ...durationColumns('resBusiness', 'Resolution (business)'),
        ...durationColumns('resCalendar', 'Resolution (calendar)'),
      ],
      rows: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([value, t]) => ({
          cells: {
            [key]: value,
            created: n(t, 'created'),
            resolved: n(t, 'resolved'),
            fcrRate: ratio(n(t, 'fcr'), n(t, 'resolved')),
            reopenRate: ratio(n(t, 'reopenedResolved'), n(t, 'resolved')),
            escalationRate: ratio(n(t, 'escalated'), n(t, 'created')),
            transfersPerTicket: ratio(n(t, 'transfers'), n(t, 'resolved')),
            ...durationCells(t, 'frBusiness', 'frBusiness'),
            ...durationCells(t, 'frCalendar', 'frCalendar'),
            ...durationCells(t, 'resBusiness', 'resBusiness'),
            ...durationCells(t, 'resCalendar', 'resCalendar'),
          },
          drill: { family: 'tickets', [drillKey]: value, from: f.from, to: f.to },
        })),
    });
    const channel: ReportTable = {
      id: 'channels',
      title: 'Channel split (created)',
      categoryKey: 'channel',
      seriesKeys: ['created'],
      chart: 'pie',
      drillCounters: { created: 'created' },
      columns: [col('channel', 'Channel', 'text'), col('created', 'Created', 'count'), col('share', 'Share', 'ratio')],
      rows: [...byChannel.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([channelName, t]) => ({
          cells: { channel: channelName, created: n(t, 'created'), share: ratio(n(t, 'created'), n(all, 'created')) },
          drill: { family: 'tickets', channel: channelName, from: f.from, to: f.to },
        })),
    };
    return {
      figures,
      tables: [
        perDay,
        flow('teams', 'By team', byTeam, 'team', 'Team', 'team'),
        flow('priorities', 'By priority', byPriority, 'priority', 'Priority', 'priority'),
        channel,
        this.backlog(open),
      ],
    };
  }

  /** Open tickets now by age (days since creation, in the report zone) and team/priority. */
  private backlog(open: readonly BucketDoc[]): ReportTable {
    const today = dayOf(this.clock.now().getTime(), this.timeZone);
    const cells = new Map<string, Record<string, number>>();
    for (const b of open) {
      const key = `${dim(b, 'teamId')}|${dim(b, 'priority')}`;
      const row = cells.get(key) ?? {};
      const age = ageBucketOf(b.day, today);
      row[age] = (row[age] ?? 0) + b.open;
      row.total = (row.total ?? 0) + b.open;
      cells.set(key, row);
    }
    return {
      id: 'backlog',
      title: 'Backlog: open tickets by age, team and priority',
      categoryKey: 'team',
      seriesKeys: AGE_BUCKETS.map((a) => a.key),
      chart: 'stacked-bar',
      drillCounters: Object.fromEntries(AGE_BUCKETS.map((a) => [a.key, 'open'])),
      columns: [
        col('team', 'Team', 'text'),
        col('priority', 'Priority', 'text'),
        ...AGE_BUCKETS.map((a) => col(a.key, a.label, 'count')),
        col('total', 'Open', 'count'),
      ],
      rows: [...cells.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, row]) => {
          const [team, priority] = key.split('|') as [string, string];
          return {
            cells: {
              team,
              priority,
              ...Object.fromEntries(AGE_BUCKETS.map((a) => [a.key, row[a.key] ?? 0])),
              total: row.total ?? 0,
            },
            drill: { family: 'tickets', team, priority, counter: 'open' },
          };
        }),
    };
  }

  private async sla(f: ReportFilters) {
    const buckets = await this.repository.buckets({ family: 'tickets', from: f.from, to: f.to, dims: this.dims(f) });
    const all = sumTallies(buckets);
    const compliance = (t: Tally | undefined, kind: string) =>
      ratio(n(t, `sla.${kind}.met`), n(t, `sla.${kind}.met`) + n(t, `sla.${kind}.breached`));
    const figures: KeyFigure[] = SLA_TARGET_KINDS.map((kind) => ({
      key: `${kind}Compliance`,
      label: `${TARGET_LABEL[kind]} compliance`,
      unit: 'ratio' as const,
      value: compliance(all, kind),
    }));
    const targetColumns = SLA_TARGET_KINDS.flatMap((kind) => [
      col(`${kind}Met`, `${TARGET_LABEL[kind]}: met`, 'count'),
      col(`${kind}Breached`, `${TARGET_LABEL[kind]}: breached`, 'count'),
      col(`${kind}Compliance`, `${TARGET_LABEL[kind]}: compliance`, 'ratio'),
    ]);
    const targetCells = (t: Tally | undefined) =>
      Object.fromEntries(
        SLA_TARGET_KINDS.flatMap((kind) => [
          [`${kind}Met`, n(t, `sla.${kind}.met`)],
          [`${kind}Breached`, n(t, `sla.${kind}.breached`)],
          [`${kind}Compliance`, compliance(t, kind)],
        ]),
      );
    const by = (
      id: string,
      title: string,
      key: string,
      label: string,
      groups: Map<string, Tally>,
      drillKey: string,
    ): ReportTable => ({
      id,
      title,
      categoryKey: key,
      seriesKeys: SLA_TARGET_KINDS.map((k) => `${k}Compliance`),
      chart: 'bar',
      drillCounters: Object.fromEntries(SLA_TARGET_KINDS.map((k) => [`${k}Compliance`, `sla.${k}.breached`])),
      columns: [col(key, label, key === 'day' ? 'day' : 'text'), ...targetColumns],
      rows: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([value, t]) => ({
          cells: { [key]: value, ...targetCells(t) },
          drill:
            key === 'day'
              ? { family: 'tickets', from: value, to: value }
              : { family: 'tickets', ...(drillKey === 'all' ? {} : { [drillKey]: value }), from: f.from, to: f.to },
        })),
    });
    const attribution: ReportTable = {
      id: 'breach-attribution',
      title: 'Breach attribution: business time of breached targets by who the ticket waited on',
      categoryKey: 'target',
      seriesKeys: ['ownerMs', 'expertMs', 'customerMs'],
      chart: 'stacked-bar',
      drillCounters: {},
      columns: [
        col('target', 'Target', 'text'),
        col('breached', 'Breached', 'count'),
        col('ownerMs', 'With the owner', 'ms'),
        col('expertMs', 'Waiting on experts', 'ms'),
        col('customerMs', 'Waiting on the customer', 'ms'),
      ],
      rows: SLA_TARGET_KINDS.map((kind) => ({
        cells: {
          target: kind,
          breached: n(all, `sla.${kind}.breached`),
          ownerMs: n(all, `breach.${kind}.ownerMs`),
          expertMs: n(all, `breach.${kind}.expertMs`),
          customerMs: n(all, `breach.${kind}.customerMs`),
        },
        drill: { family: 'tickets', counter: `sla.${kind}.breached`, from: f.from, to: f.to },
      })),
    };
    const perDay = by(
      'per-day',
      'Compliance per day',
      'day',
      'Day',
      groupBy(buckets, (b) => b.day),
      'day',
    );
    return {
      figures,
      tables: [
        by('targets', 'Compliance per target', 'target', 'Target', new Map([['all', all]]), 'all'),
        by(
          'policies',
          'Compliance per policy',
          'policy',
          'Policy',
          groupBy(buckets, (b) => dim(b, 'policyId')),
          'policy',
        ),
        by(
          'teams',
          'Compliance per team',
          'team',
          'Team',
          groupBy(buckets, (b) => dim(b, 'teamId')),
          'team',
        ),
        { ...perDay, chart: 'line' as const },
        attribution,
      ],
    };
  }

  private async escalations(f: ReportFilters) {
    const [assists, tickets] = await Promise.all([
      this.repository.buckets({ family: 'assists', from: f.from, to: f.to, dims: this.dims(f) }),
      this.repository.buckets({ family: 'tickets', from: f.from, to: f.to, dims: this.dims(f) }),
    ]);
    const all = sumTallies(assists);
    const allTickets = sumTallies(tickets);
    const figures: KeyFigure[] = [
      {
        key: 'escalationRate',
        label: 'Escalation rate (tickets with assists / tickets)',
        unit: 'ratio',
        value: ratio(n(allTickets, 'escalated'), n(allTickets, 'created')),
      },
      { key: 'requested', label: 'Assists requested', unit: 'count', value: n(all, 'requested') },
      {
        key: 'olaCompliance',
        label: 'OLA compliance',
        unit: 'ratio',
        value: ratio(n(all, 'olaMet'), n(all, 'olaMet') + n(all, 'olaBreached')),
      },
      {
        key: 'answerBusinessMedian',
        label: 'Answer time (business), median',
        unit: 'ms',
        value: durationStats(all, 'answerBusiness').median,
      },
    ];
    const experts: ReportTable = {
      id: 'expert-teams',
      title: 'Assists per expert team against the OLA',
      categoryKey: 'expertTeam',
      seriesKeys: ['answered', 'declined', 'withdrawn', 'open'],
      chart: 'stacked-bar',
      drillCounters: { answered: 'answered', declined: 'declined', withdrawn: 'withdrawn', open: 'open' },
      columns: [
        col('expertTeam', 'Expert team', 'text'),
        col('requested', 'Requested', 'count'),
        col('answered', 'Answered', 'count'),
        col('declined', 'Declined', 'count'),
        col('withdrawn', 'Withdrawn', 'count'),
        col('open', 'Open', 'count'),
        col('timedOut', 'Timed out (still open)', 'count'),
        col('olaMet', 'OLA met', 'count'),
        col('olaBreached', 'OLA breached', 'count'),
        col('olaCompliance', 'OLA compliance', 'ratio'),
        ...durationColumns('answerBusiness', 'Answer time (business)'),
        ...durationColumns('answerCalendar', 'Answer time (calendar)'),
      ],
      rows: [...groupBy(assists, (b) => dim(b, 'expertTeamId')).entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([team, t]) => ({
          cells: {
            expertTeam: team,
            requested: n(t, 'requested'),
            answered: n(t, 'answered'),
            declined: n(t, 'declined'),
            withdrawn: n(t, 'withdrawn'),
            open: n(t, 'open'),
            timedOut: n(t, 'timedOut'),
            olaMet: n(t, 'olaMet'),
            olaBreached: n(t, 'olaBreached'),
            olaCompliance: ratio(n(t, 'olaMet'), n(t, 'olaMet') + n(t, 'olaBreached')),
            ...durationCells(t, 'answerBusiness', 'answerBusiness'),
            ...durationCells(t, 'answerCalendar', 'answerCalendar'),
          },
          drill: { family: 'assists', expertTeam: team, from: f.from, to: f.to },
        })),
    };
    const teams: ReportTable = {
      id: 'teams',
      title: 'Escalation rate per owning team',
      categoryKey: 'team',
      seriesKeys: ['escalationRate'],
      chart: 'bar',
      drillCounters: { escalationRate: 'escalated' },
      columns: [
        col('team', 'Team', 'text'),
        col('created', 'Created', 'count'),
        col('escalated', 'With assists', 'count'),
        col('escalationRate', 'Escalation rate', 'ratio'),
      ],
      rows: [...groupBy(tickets, (b) => dim(b, 'teamId')).entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([team, t]) => ({
          cells: {
            team,
            created: n(t, 'created'),
            escalated: n(t, 'escalated'),
            escalationRate: ratio(n(t, 'escalated'), n(t, 'created')),
          },
          drill: { family: 'tickets', team, from: f.from, to: f.to },
        })),
    };
    return { figures, tables: [experts, teams] };
  }

  private async agents(f: ReportFilters) {
    const [buckets, open] = await Promise.all([
      this.repository.buckets({ family: 'agents', from: f.from, to: f.to, dims: this.dims(f) }),
      this.repository.openBuckets('agents', this.dims(f)),
    ]);
    const byAgent = groupBy(buckets, (b) => dim(b, 'agentId'));
    const openByAgent = new Map<string, number>();
    for (const b of open) openByAgent.set(dim(b, 'agentId'), (openByAgent.get(dim(b, 'agentId')) ?? 0) + b.open);
    const agents = [...new Set([...byAgent.keys(), ...openByAgent.keys()])].sort();
    const all = sumTallies(buckets);
    const rows: ReportRow[] = agents.map((agent) => {
      const t = byAgent.get(agent);
      return {
        cells: {
          agent,
          open: openByAgent.get(agent) ?? 0,
          resolved: n(t, 'resolved'),
          replies: n(t, 'replies'),
          fcrRate: ratio(n(t, 'fcr'), n(t, 'resolved')),
          ...durationCells(t, 'resBusiness', 'resBusiness'),
          ...durationCells(t, 'resCalendar', 'resCalendar'),
        },
        drill: { family: 'agents', agent, from: f.from, to: f.to },
      };
    });
    return {
      figures: [
        { key: 'resolved', label: 'Resolved', unit: 'count' as const, value: n(all, 'resolved') },
        { key: 'replies', label: 'Replies sent', unit: 'count' as const, value: n(all, 'replies') },
        {
          key: 'open',
          label: 'Open tickets owned',
          unit: 'count' as const,
          value: [...openByAgent.values()].reduce((a, b) => a + b, 0),
        },
      ],
      tables: [
        {
          id: 'agents',
          title: 'Workload (open now) and throughput per agent',
          categoryKey: 'agent',
          seriesKeys: ['open', 'resolved'],
          chart: 'bar' as const,
          drillCounters: { open: 'open', resolved: 'resolved' },
          columns: [
            col('agent', 'Agent', 'text'),
            col('open', 'Open now (workload)', 'count'),
            col('resolved', 'Resolved (throughput)', 'count'),
            col('replies', 'Replies sent', 'count'),
            col('fcrRate', 'First contact resolution', 'ratio'),
            ...durationColumns('resBusiness', 'Resolution (business)'),
            ...durationColumns('resCalendar', 'Resolution (calendar)'),
          ],
          rows,
        },
      ],
    };
  }
}
