/**
 * Delivers domain events from the `events` queue to the subscribers that want them (rules,
 * routing, notifications, SLA scheduling as they arrive). Delivery is at least once, so each
 * subscriber's success is recorded per event id and a redelivered event skips subscribers that
 * already handled it; a failing subscriber makes the message retry (and dead-letter eventually).
 */

import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore } from '../ports/document-store.js';
import type { DomainEvent, EventType } from './domain-event.js';

export interface EventSubscriber {
  readonly name: string;
  readonly handles: readonly EventType[] | 'all';
  handle(event: DomainEvent): Promise<void>;
}

export class EventDispatcher {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly subscribers: readonly EventSubscriber[],
  ) {}

  /** Returns the names of the subscribers that ran now (not those that had already run). */
  async dispatch(event: DomainEvent): Promise<string[]> {
    const ran: string[] = [];
    for (const subscriber of this.subscribers) {
      if (subscriber.handles !== 'all' && !subscriber.handles.includes(event.type)) continue;
      const markerId = `${subscriber.name}:${event.id}`;
      if (await this.store.read('config', 'handled-events', markerId)) continue;
      await subscriber.handle(event);
      try {
        await this.store.batch('config', 'handled-events', [
          {
            op: 'create',
            doc: { id: markerId, pk: 'handled-events', docType: 'handled-event', at: this.clock.now().toISOString() },
          },
        ]);
      } catch (error) {
        // A parallel delivery recorded it first: the subscriber is idempotent, nothing to undo.
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
      ran.push(subscriber.name);
    }
    return ran;
  }
}
