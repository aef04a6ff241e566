/**
 * Scheduled reports: a lead subscribes to a weekly or monthly mail of one report. The
 * `reports-mail` timer sends, for each subscription, the last finished period (the week Monday to
 * Sunday, or the month) once: key figures in the body, the whole report as an XLSX attachment,
 * through the Mailbox port (the product's outbound mail). The period sent is recorded with the
 * subscription's etag; the Message-ID is derived from (subscription, period), so a retry after a
 * crash between send and record is the same message.
 */
import type { TReportSubscriptionInput } from '../api/reports.schemas.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { MailAddress, Mailbox } from '../ports/mailbox.js';
import type { ReportQueries } from './report-queries.js';
import type { KeyFigure, Report, ReportFilters } from './report-tables.js';
import { dayOf } from './ticket-facts.js';

const PK = 'report-subscriptions';

export interface ReportSubscription extends StoredDocument, TReportSubscriptionInput {
  readonly pk: typeof PK;
  readonly docType: 'report-subscription';
  readonly agentId: string;
  /** The last period mailed (`week:2026-11-23`, `month:2026-11`), or null. */
  readonly lastPeriod: string | null;
  readonly createdAt: string;
}

export interface Period {
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last finished week (Monday to Sunday) or month before `today` (YYYY-MM-DD). */
export const lastFinishedPeriod = (cadence: 'weekly' | 'monthly', today: string): Period => {
  const t = Date.parse(`${today}T00:00:00Z`);
  if (cadence === 'weekly') {
    const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
    const monday = t - (weekday + 7) * 86_400_000;
    return { key: `week:${day(monday)}`, from: day(monday), to: day(monday + 6 * 86_400_000) };
  }
  const d = new Date(t);
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - 86_400_000;
  return { key: `month:${day(first).slice(0, 7)}`, from: day(first), to: day(last) };
};

const formatFigure = (f: KeyFigure): string => {
  if (f.value === null) return 'n/a';
  if (f.unit === 'ratio' && typeof f.value === 'number') return `${(f.value * 100).toFixed(1)} %`;
  if (f.unit === 'ms' && typeof f.value === 'number') {
    const minutes = Math.round(f.value / 60_000);
    return minutes >= 120 ? `${(minutes / 60).toFixed(1)} h` : `${minutes} min`;
  }
  return String(f.value);
};

export const reportMailText = (report: Report, period: Period): string =>
  [
    `${report.title}, ${period.from} to ${period.to} (${report.timeZone})`,
    '',
    ...report.figures.map((f) => `${f.label}: ${formatFigure(f)}`),
    '',
    'The attached workbook holds every table of the report.',
  ].join('\n');

export interface ReportMailDeps {
  readonly store: DocumentStore;
  readonly directory: DirectoryRepository;
  readonly queries: ReportQueries;
  readonly mailbox: Mailbox;
  readonly from: MailAddress;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly messageId: (key: string) => string;
  /** The report as an XLSX workbook (functions/adapters/export). */
  readonly workbook: (report: Report) => Promise<Uint8Array>;
}

export class ReportSubscriptions {
  constructor(private readonly deps: ReportMailDeps) {}

  async list(agentId?: string): Promise<ReportSubscription[]> {
    const page = await this.deps.store.query<ReportSubscription>('config', {
      partitionKey: PK,
      where: [
        { field: 'pk', op: 'eq', value: PK },
        { field: 'docType', op: 'eq', value: 'report-subscription' },
      ],
      limit: 1_000,
    });
    return page.items.map((i) => i.doc).filter((s) => agentId === undefined || s.agentId === agentId);
  }

  /** Creates or replaces the caller's subscription of one report and cadence. */
  async put(agentId: string, input: TReportSubscriptionInput): Promise<ReportSubscription> {
    const id = `${agentId}.${input.kind}.${input.cadence}`;
    const existing = await this.deps.store.read<ReportSubscription>('config', PK, id);
    const doc: ReportSubscription = {
      ...input,
      id,
      pk: PK,
      docType: 'report-subscription',
      agentId,
      lastPeriod: existing?.doc.lastPeriod ?? null,
      createdAt: existing?.doc.createdAt ?? this.deps.clock.now().toISOString(),
    };
    await this.deps.store.batch('config', PK, [{ op: 'upsert', doc }]);
    return doc;
  }

  async remove(agentId: string, id: string): Promise<boolean> {
    const existing = await this.deps.store.read<ReportSubscription>('config', PK, id);
    if (!existing || existing.doc.agentId !== agentId) return false;
    await this.deps.store.batch('config', PK, [{ op: 'delete', id, ifMatch: existing.etag }]);
    return true;
  }

  /** Mails every subscription whose last finished period has not been sent; returns how many were sent. */
  async sendDue(): Promise<number> {
    const today = dayOf(this.deps.clock.now().getTime(), this.deps.timeZone);
    let sent = 0;
    for (const sub of await this.list()) {
      const period = lastFinishedPeriod(sub.cadence, today);
      if (sub.lastPeriod === period.key) continue;
      const agent = await this.deps.directory.agent(sub.agentId);
      if (!agent?.active) continue;
      const filters: ReportFilters = {
        from: period.from,
        to: period.to,
        ...(sub.team ? { teamIds: sub.team } : {}),
        ...(sub.priority ? { priorities: sub.priority } : {}),
        ...(sub.type ? { types: sub.type } : {}),
      };
      const report = await this.deps.queries.report(sub.kind, filters);
      await this.deps.mailbox.send({
        messageId: this.deps.messageId(`report.${sub.id}.${period.key}`),
        from: this.deps.from,
        to: [{ address: agent.email, name: agent.name }],
        cc: [],
        subject: `${report.title} report, ${period.from} to ${period.to}`,
        text: reportMailText(report, period),
        html: null,
        inReplyTo: null,
        references: [],
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        attachments: [
          {
            filename: `report-${sub.kind}-${period.from}-${period.to}.xlsx`,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            content: await this.deps.workbook(report),
          },
        ],
        replyToProviderMessageId: null,
      });
      const current = await this.deps.store.read<ReportSubscription>('config', PK, sub.id);
      if (current)
        await this.deps.store
          .batch('config', PK, [
            { op: 'replace', doc: { ...current.doc, lastPeriod: period.key }, ifMatch: current.etag },
          ])
          .catch((error: unknown) => {
            if (!(error instanceof ConcurrencyConflictError)) throw error;
          });
      sent++;
    }
    return sent;
  }
}
