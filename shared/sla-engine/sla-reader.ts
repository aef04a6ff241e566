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

export class SlaReader {
  constructor(
    private readonly config: SlaConfigSource,
    private readonly clock: Clock,
  ) {}

  async tickets(tickets: readonly TicketSnapshot[]): Promise<(TicketSlaView | null)[]> {
    if (tickets.length === 0) return [];
    const config = await this.config.current();
    const now = this.clock.now();
    return tickets.map((ticket) => stampTicket(ticket, [], config, now).sla);
  }

  async olas(assists: readonly AssistSnapshot[]): Promise<(SlaTargetSnapshot | null)[]> {
    if (assists.length === 0) return [];
    const config = await this.config.current();
    const now = this.clock.now();
    return assists.map((assist) => olaOf(assist, config, now));
  }
}
