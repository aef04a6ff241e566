/**
 * SLA on the read side: tickets and assists the API returns carry their clocks as of the request,
 * recomputed from the stored history and the policy frozen on the ticket (cheap: pure maths on a
 * cached configuration), so elapsed/remaining/percent are never as old as the last write.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { Clock } from '../ports/clock.js';
import type { SlaTargetSnapshot } from '../sla/sla-target.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { SlaConfigSource } from '../use-cases/ticket-commands.js';
import { olaOf, stampTicket, type TicketSlaView } from './ticket-sla.js';

/** Clocks are shown to the second: a ticket read many times within one second is computed once. */
const RESOLUTION_MS = 1_000;
const MAX_CACHED = 10_000;

export class SlaReader {
  private readonly recent = new Map<string, TicketSlaView | null>();

  constructor(
    private readonly config: SlaConfigSource,
    private readonly clock: Clock,
  ) {}

  async tickets(tickets: readonly TicketSnapshot[]): Promise<(TicketSlaView | null)[]> {
    if (tickets.length === 0) return [];
    const config = await this.config.current();
    const now = this.clock.now();
    return tickets.map((ticket) => {
      const key = this.keyOf(ticket, now);
      const cached = this.recent.get(key);
      if (cached !== undefined) return cached;
      const view = stampTicket(ticket, [], config, now).sla;
      if (this.recent.size >= MAX_CACHED) this.recent.clear();
      this.recent.set(key, view);
      return view;
    });
  }

  /**
   * What a ticket's clocks depend on: its version and the second they are shown for. The inputs
   * only change with a write: a change moves lastSeq/updatedAt, any save (also an admin recompute,
   * which may freeze another policy) moves slaMeta.stampedAt.
   */
  keyOf(ticket: TicketSnapshot, now: Date = this.clock.now()): string {
    const second = Math.floor(now.getTime() / RESOLUTION_MS);
    return `${ticket.id}|${ticket.lastSeq}|${ticket.updatedAt}|${ticket.slaMeta?.stampedAt ?? ''}|${second}`;
  }

  async olas(assists: readonly AssistSnapshot[]): Promise<(SlaTargetSnapshot | null)[]> {
    if (assists.length === 0) return [];
    const config = await this.config.current();
    const now = this.clock.now();
    return assists.map((assist) => olaOf(assist, config, now));
  }
}
