/**
 * The one way a command changes a ticket: the kernel's load -> domain method -> save loop
 * (work-items/work-item-commands.ts), with the ticket's SLA stamp computed into the same atomic
 * batch and the events relayed after it.
 */

import type { OutboxRelay } from '../events/outbox-relay.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { SlaConfig } from '../sla-engine/sla-config.js';
import { stampTicket, type TicketSlaView } from '../sla-engine/ticket-sla.js';
import type { Ticket } from '../tickets/ticket.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import { type RunOptions, runOnWorkItem } from '../work-items/work-item-commands.js';

export interface CommandOptions extends RunOptions {
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
    const ran = await runOnWorkItem({
      noun: 'ticket',
      load: async () => {
        const loaded = await this.tickets.load(ticketId);
        return loaded ? { item: loaded.ticket, etag: loaded.etag } : undefined;
      },
      notFound: () => fail('TICKET.NOT_FOUND', `No ticket ${ticketId}`),
      context: () => ({ actor, now: this.clock.now(), ids: this.ids }),
      command,
      save: (ticket, etag) => this.save(ticket, etag, { rematch: options.slaRematch === true }),
      options,
    });
    if (!ran.ok) return ran;
    return ok({ ticket: ran.value.item.toSnapshot(), ...ran.value.saved, value: ran.value.value });
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
