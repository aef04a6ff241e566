/**
 * The SLA timer's use case: reads ONLY the tickets whose indexed `slaNextEvaluationAt` has passed,
 * and for each sends the due notices and re-stamps the SLA (which sets the next evaluation time),
 * in one etag-guarded save. The notified keys live on the ticket and are written in that same save,
 * so two runs racing on one ticket (two instances, a slow run and the next tick) cannot both send:
 * the loser's save conflicts, it reloads, and then finds nothing left to send.
 */
import { type Actor, systemActor } from '../kernel/actor.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { SlaConfigSource, TicketCommands } from '../use-cases/ticket-commands.js';
import { stampTicket } from './ticket-sla.js';

export interface SlaEvaluationReport {
  /** Ticket documents the due query returned (what the run read from the index). */
  readonly read: number;
  readonly evaluated: number;
  /** Warnings, breaches and assist time-outs sent. */
  readonly notices: number;
  readonly failed: number;
}

export interface SlaEvaluatorOptions {
  readonly pageSize?: number;
  /** Upper bound per run so one run stays well inside its minute; the rest waits for the next tick. */
  readonly maxPerRun?: number;
  /** Tickets evaluated at the same time (each is its own load-change-save; 8 by default). */
  readonly concurrency?: number;
  readonly onError?: (ticketId: string, error: unknown) => void;
}

export const SLA_ACTOR: Actor = systemActor('sla-engine');

export class SlaEvaluator {
  constructor(
    private readonly store: DocumentStore,
    private readonly commands: TicketCommands,
    private readonly config: SlaConfigSource,
    private readonly clock: Clock,
    private readonly options: SlaEvaluatorOptions = {},
  ) {}

  /** The due tickets, oldest evaluation time first, one page at a time. */
  async *dueTickets(now: Date): AsyncGenerator<TicketSnapshot> {
    let cursor: string | undefined;
    do {
      const page = await this.store.query<TicketSnapshot & StoredDocument>('tickets', {
        where: [
          { field: 'docType', op: 'eq', value: 'ticket' },
          { field: 'slaNextEvaluationAt', op: 'lte', value: now.toISOString() },
        ],
        orderBy: [{ field: 'slaNextEvaluationAt', direction: 'asc' }],
        limit: this.options.pageSize ?? 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const item of page.items) yield item.doc;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async run(): Promise<SlaEvaluationReport> {
    const now = this.clock.now();
    const config = await this.config.current();
    const max = this.options.maxPerRun ?? 5_000;
    const due = this.dueTickets(now);
    let claimed = 0;
    let read = 0;
    let evaluated = 0;
    let notices = 0;
    let failed = 0;
    // A few tickets at a time: their saves overlap (SQLite commits them together, Cosmos in parallel).
    // A worker claims its place under the per-run bound before it waits for the next ticket.
    const worker = async (): Promise<void> => {
      while (claimed < max) {
        claimed++;
        const next = await due.next();
        if (next.done) return;
        read++;
        try {
          const outcome = await this.commands.run(
            next.value.id,
            SLA_ACTOR,
            (t, ctx) => t.applySlaNotices(stampTicket(t.toSnapshot(), t.assists(), config, ctx.now).notices, ctx),
            { retryOnConflict: true },
          );
          if (outcome.ok) {
            evaluated++;
            notices += outcome.value.value;
          } else failed++;
        } catch (error) {
          failed++;
          this.options.onError?.(next.value.id, error);
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 8 }, worker));
    await due.return(undefined);
    return { read, evaluated, notices, failed };
  }
}
