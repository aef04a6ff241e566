/**
 * The `live-updates` event subscriber (ADR 0027): every domain event of a ticket becomes a small
 * `ticket.changed` hint to the ticket's live group (its open pages show "new activity") and to
 * `tickets` (lists and homes that show it refresh). Best effort: a live message that cannot be
 * sent is logged, not retried, since the screens also re-read on their own.
 */
import type { DomainEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import { type LiveChannel, TICKETS_GROUP, ticketGroup } from '../ports/live-channel.js';

export function liveUpdatesSubscriber(live: LiveChannel, log: (line: string) => void): EventSubscriber {
  return {
    name: 'live-updates',
    handles: 'all',
    async handle(event: DomainEvent) {
      const message = {
        type: 'ticket.changed',
        ticketId: event.ticketId,
        event: event.type,
        eventId: event.id,
        by: event.actor.kind === 'agent' ? event.actor.agentId : null,
        at: event.occurredAt,
      };
      const sent = await Promise.allSettled([
        live.publish(ticketGroup(event.ticketId), message),
        live.publish(TICKETS_GROUP, message),
      ]);
      for (const s of sent)
        if (s.status === 'rejected') log(`live: ${event.type} of ${event.ticketId} not sent: ${String(s.reason)}`);
    },
  };
}
