/**
 * Delta catch-up over each support mailbox's inbox: the safety net for dropped notifications and
 * the only path when no webhook is reachable. Follows `@odata.nextLink` pages to the
 * `@odata.deltaLink`, enqueues every message seen (ingestion is idempotent, the queue dedupes by
 * id) page by page, then stores the deltaLink for the next run. A first run (no deltaLink) only
 * enqueues recent mail, so connecting a mailbox does not turn years of history into tickets.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Clock } from '../../../shared/ports/clock.js';
import type { MessageBus } from '../../../shared/ports/message-bus.js';
import type { GraphConnection } from './graph-client.js';
import { graphInboundMessage } from './graph-inbound.js';
import { userPath } from './graph-mailbox.js';
import type { GraphStateRepository } from './graph-state.js';

export interface DeltaOptions {
  readonly mailboxes: readonly string[];
  /** First run only: messages received longer ago than this are not enqueued. */
  readonly initialWindowMs?: number;
  readonly pageSize?: number;
  /** A guard against a server that never ends the round. */
  readonly maxPages?: number;
  readonly log?: (line: string) => void;
}

interface DeltaItem {
  readonly id: string;
  readonly receivedDateTime?: string;
  readonly '@removed'?: unknown;
}

interface DeltaPage {
  readonly value?: DeltaItem[];
  readonly '@odata.nextLink'?: string;
  readonly '@odata.deltaLink'?: string;
}

export interface DeltaRun {
  readonly mailbox: string;
  readonly pages: number;
  readonly enqueued: number;
}

/** 410 Gone (or a SyncStateNotFound error) means the stored deltaLink expired: start a new round. */
const isExpiredToken = (error: unknown) =>
  error instanceof GraphError && (error.statusCode === 410 || /SyncState|resync/i.test(error.code ?? ''));

export class GraphDeltaSync {
  readonly #running = new Map<string, Promise<DeltaRun>>();

  constructor(
    private readonly graph: GraphConnection,
    private readonly state: GraphStateRepository,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly options: DeltaOptions,
  ) {}

  async catchUpAll(): Promise<DeltaRun[]> {
    const runs: DeltaRun[] = [];
    const failures: unknown[] = [];
    // One failing mailbox must not starve the others; the failure still surfaces to the timer.
    for (const mailbox of this.options.mailboxes)
      await this.catchUp(mailbox).then(
        (run) => runs.push(run),
        (error: unknown) => failures.push(error),
      );
    if (failures.length > 0)
      throw new AggregateError(failures, `graph delta failed for ${failures.length} mailbox(es)`);
    return runs;
  }

  /** Concurrent calls for one mailbox (timer + lifecycle event) share one run. */
  catchUp(mailbox: string): Promise<DeltaRun> {
    const running = this.#running.get(mailbox);
    if (running) return running;
    const run = this.run(mailbox).finally(() => this.#running.delete(mailbox));
    this.#running.set(mailbox, run);
    return run;
  }

  private async run(mailbox: string): Promise<DeltaRun> {
    const stored = await this.state.readDelta(mailbox);
    const link = stored?.doc.deltaLink ?? null;
    try {
      return await this.round(mailbox, link);
    } catch (error) {
      if (!link || !isExpiredToken(error)) throw error;
      (this.options.log ?? (() => {}))(`graph delta token for ${mailbox} expired; starting a new round`);
      return this.round(mailbox, null);
    }
  }

  private async round(mailbox: string, deltaLink: string | null): Promise<DeltaRun> {
    const startedAt = this.clock.now();
    const since = deltaLink ? undefined : startedAt.getTime() - (this.options.initialWindowMs ?? 24 * 3_600_000);
    let path = deltaLink
      ? this.graph.pathOf(deltaLink)
      : `${userPath(mailbox)}/mailFolders/inbox/messages/delta?$select=id,receivedDateTime,internetMessageId`;
    let pages = 0;
    let enqueued = 0;
    for (;;) {
      if (++pages > (this.options.maxPages ?? 1_000))
        throw new Error(`graph delta for ${mailbox} exceeded ${this.options.maxPages ?? 1_000} pages`);
      const page = (await this.graph.client
        .api(path)
        .header('Prefer', `odata.maxpagesize=${this.options.pageSize ?? 50}`)
        .get()) as DeltaPage;
      const fresh = (page.value ?? []).filter(
        (m) =>
          m.id &&
          m['@removed'] === undefined &&
          (since === undefined || !m.receivedDateTime || Date.parse(m.receivedDateTime) >= since),
      );
      if (fresh.length > 0) {
        await this.bus.publish(
          'inbound-mail',
          fresh.map((m) => graphInboundMessage(mailbox, m.id)),
        );
        enqueued += fresh.length;
      }
      const next = page['@odata.nextLink'];
      if (next) {
        path = this.graph.pathOf(next);
        continue;
      }
      const newLink = page['@odata.deltaLink'];
      if (!newLink) throw new Error(`graph delta for ${mailbox} ended without a deltaLink`);
      await this.state.saveDelta({
        mailbox,
        deltaLink: newLink,
        lastRunAt: startedAt.toISOString(),
        lastEnqueued: enqueued,
      });
      return { mailbox, pages, enqueued };
    }
  }
}
