/**
 * Delivers domain events from the `events` queue to the subscribers that want them (rules,
 * routing, notifications, SLA scheduling as they arrive). Delivery is at least once, so each
 * subscriber's success is recorded per event id and a redelivered event skips subscribers that
 * already handled it; a failing subscriber makes the message retry (and dead-letter eventually).
 */

import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { WorkItemPracticeName } from '../work-items/work-item-links.js';
import type { DomainEvent, EventType } from './domain-event.js';

export interface EventSubscriber {
  readonly name: string;
  readonly handles: readonly EventType[] | 'all';
  /**
   * Whose events it takes (ADR 0025): every work item raises `assist.*` events, and a ticket
   * subscriber must never see a change's. Absent: tickets'.
   */
  readonly practice?: WorkItemPracticeName;
  handle(event: DomainEvent): Promise<void>;
}

/** The practice whose work item raised the event, told by the partition field it carries. */
export const practiceOfEvent = (event: object): WorkItemPracticeName =>
  'changeId' in event
    ? 'change'
    : 'problemId' in event
      ? 'problem'
      : 'knownErrorId' in event
        ? 'known_error'
        : 'ticket';

interface HandledMarker extends StoredDocument {
  readonly pk: string;
  readonly docType: 'handled-event';
  readonly done: readonly string[];
  readonly at: string;
}

export class EventDispatcher {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly subscribers: readonly EventSubscriber[],
  ) {}

  /**
   * Returns the names of the subscribers that ran now (not those that had already run).
   * One marker per event (its own partition, so no partition grows hot) lists the subscribers
   * done with it: one read and at most one write per delivery, whatever the subscriber count.
   */
  async dispatch(event: DomainEvent): Promise<string[]> {
    const practice = practiceOfEvent(event);
    const wanted = this.subscribers.filter(
      (s) => (s.practice ?? 'ticket') === practice && (s.handles === 'all' || s.handles.includes(event.type)),
    );
    if (wanted.length === 0) return [];
    const pk = `handled:${event.id}`;
    const marker = await this.store.read<HandledMarker>('config', pk, event.id);
    const done = new Set(marker?.doc.done ?? []);
    const ran: string[] = [];
    try {
      for (const subscriber of wanted) {
        if (done.has(subscriber.name)) continue;
        await subscriber.handle(event);
        done.add(subscriber.name);
        ran.push(subscriber.name);
      }
    } finally {
      // Record progress even when a later subscriber fails, so the retry skips the finished ones.
      if (ran.length > 0) {
        const doc: HandledMarker = {
          id: event.id,
          pk,
          docType: 'handled-event',
          done: [...done],
          at: this.clock.now().toISOString(),
        };
        await this.store.batch('config', pk, [{ op: 'upsert', doc }]);
      }
    }
    return ran;
  }
}
