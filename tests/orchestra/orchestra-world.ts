/**
 * A testWorld whose published domain events can be pumped through the EventDispatcher (the
 * in-memory bus only records them), so rules, routing and notifications run as on the queue.
 */
import type { DomainEvent } from '../../shared/events/domain-event.js';
import type { StoredDocument } from '../../shared/ports/document-store.js';
import type { TRuleInput } from '../../shared/rules/rule-schema.js';
import type { TicketSnapshot } from '../../shared/tickets/ticket-types.js';
import { type TestWorld, testWorld } from '../support/test-services.js';

export interface OrchestraWorld extends TestWorld {
  /** Dispatches every event published so far (and those they cause) until none is left. */
  pump(max?: number): Promise<DomainEvent[]>;
  rule(input: TRuleInput): Promise<string>;
  open(
    input?: Partial<{ impact: 1 | 2 | 3; urgency: 1 | 2 | 3; teamId: string; tags: string[]; title: string }>,
  ): Promise<string>;
  entries(ticketId: string): Promise<{ kind: string; body: string | null; data: Record<string, unknown> }[]>;
  /** The ticket as stored (its owner and routing's offer). */
  snapshot(ticketId: string): Promise<TicketSnapshot>;
}

export async function orchestraWorld(): Promise<OrchestraWorld> {
  const world = await testWorld();
  let cursor = 0;
  const lee = world.actor('lead@demo.local');
  return {
    ...world,
    async pump(max = 500) {
      const seen: DomainEvent[] = [];
      while (cursor < world.bus.published.length) {
        const { queue, message } = world.bus.published[cursor++] as (typeof world.bus.published)[number];
        if (queue !== 'events') continue;
        seen.push(message.body as DomainEvent);
        await world.services.events.dispatch(message.body as DomainEvent);
        if (seen.length > max) throw new Error('events kept coming: a loop was not stopped');
      }
      return seen;
    },
    async rule(input) {
      const created = await world.services.orchestra.rules.create(input);
      if (!created.ok) throw new Error(created.error.message);
      return created.value.doc.id;
    },
    async open(input = {}) {
      const created = await world.services.tickets.create(
        {
          type: 'incident',
          title: input.title ?? 'Something broke',
          description: 'details',
          requester: { email: 'carla@customer.example', name: 'Carla' },
          impact: input.impact ?? 3,
          urgency: input.urgency ?? 3,
          teamId: input.teamId ?? 'service-desk',
          tags: input.tags ?? [],
          channel: 'web',
        },
        lee,
      );
      if (!created.ok) throw new Error(created.error.message);
      return created.value.ticket.id;
    },
    async entries(ticketId) {
      const page = await world.services.queries.timeline(ticketId, 100);
      return page.items as never;
    },
    async snapshot(ticketId) {
      const found = await world.store.read<TicketSnapshot & StoredDocument>('tickets', ticketId, ticketId);
      if (!found) throw new Error(`no ticket ${ticketId}`);
      return found.doc;
    },
  };
}
