/**
 * The one way a command changes a ticket: load -> domain method -> save (atomic batch with
 * entries and outbox) -> relay events. Stale writes are retried only when the caller says the
 * command is safe to replay (appending a note); otherwise they surface as CONCURRENCY.CONFLICT.
 */

import type { OutboxRelay } from '../events/outbox-relay.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { SlaConfig } from '../sla-engine/sla-config.js';
import { stampTicket, type TicketSlaView } from '../sla-engine/ticket-sla.js';
import type { Ticket } from '../tickets/ticket.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';

export interface CommandOptions {
  /** Replay the command on a concurrent write (only for commands whose outcome cannot depend on the race). */
  readonly retryOnConflict?: boolean;
  /** The ETag the caller last saw (If-Match); a mismatch is REQUEST.PRECONDITION_FAILED. */
  readonly ifMatch?: string;
  /** Match the SLA policy again although the ticket's facts did not change (admin recompute). */
  readonly slaRematch?: boolean;
}

/** Where the SLA configuration comes from (SlaConfigRepository); without one no SLA is stamped. */
export interface SlaConfigSource {
  current(): Promise<SlaConfig>;
}

export interface CommandOutcome<T> {
  readonly ticket: TicketSnapshot;
  readonly etag: string;
  /** The ticket's SLA clocks as of this save (null without a policy or an SLA configuration). */
  readonly sla: TicketSlaView | null;
  readonly value: T;
}

export interface SavedTicket {
  readonly etag: string;
  readonly sla: TicketSlaView | null;
}

/**
 * How long a replay-safe command keeps retrying a conflict. Found on Cosmos DB (each attempt is a
 * network round trip): 100 notes written at once to one ticket gave up after 40 attempts with
 * full jitter capped at 50 ms; capping the jitter at 250 ms spreads the writers so every one gets
 * its turn (about 6 s at worst for the last of 100).
 */
const MAX_ATTEMPTS = 60;
const MAX_BACKOFF_MS = 250;

export class TicketCommands {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly onRelayError: (error: unknown) => void = () => {},
    private readonly sla?: SlaConfigSource,
  ) {}

  async run<T>(
    ticketId: string,
    actor: Actor,
    command: (ticket: Ticket, ctx: ChangeContext) => Result<T>,
    options: CommandOptions = {},
  ): Promise<Result<CommandOutcome<T>>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.tickets.load(ticketId);
      if (!loaded) return fail('TICKET.NOT_FOUND', `No ticket ${ticketId}`);
      if (options.ifMatch !== undefined && options.ifMatch !== loaded.etag)
        return fail('REQUEST.PRECONDITION_FAILED', 'The ticket changed since you loaded it (If-Match)');
      const ctx: ChangeContext = { actor, now: this.clock.now(), ids: this.ids };
      const result = command(loaded.ticket, ctx);
      if (!result.ok) return result;
      try {
        const saved = await this.save(loaded.ticket, loaded.etag, { rematch: options.slaRematch === true });
        return ok({ ticket: loaded.ticket.toSnapshot(), ...saved, value: result.value });
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        if (!options.retryOnConflict || options.ifMatch !== undefined || attempt >= MAX_ATTEMPTS)
          return fail('CONCURRENCY.CONFLICT', 'Someone else changed the ticket at the same time; reload and retry');
        await backoff(attempt);
      }
    }
  }

  /**
   * Saves a new or loaded ticket and relays its events; returns the new etag and the SLA clocks.
   * The SLA stamp is computed here, so it is written in the same atomic batch as the change that
   * moved it.
   */
  async save(ticket: Ticket, etag: string | null, sla: { rematch?: boolean } = {}): Promise<SavedTicket> {
    let view: TicketSlaView | null = null;
    if (this.sla) {
      const config = await this.sla.current();
      const stamp = stampTicket(ticket.toSnapshot(), ticket.assists(), config, this.clock.now(), sla);
      ticket.applySla(stamp);
      view = stamp.sla;
    }
    const saved = await this.tickets.save(ticket, etag);
    // Publishing is best effort here: the outbox sweep delivers whatever this misses.
    await this.relay.relay(ticket.id, saved.outbox).catch(this.onRelayError);
    return { etag: saved.etag, sla: view };
  }
}

const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, MAX_BACKOFF_MS)));
