import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import type { DomainEvent } from './domain-event.js';
import { EventDispatcher, type EventSubscriber } from './event-dispatcher.js';

const clock = { now: () => new Date('2026-11-26T10:00:00Z') };
const event = (id: string, type: DomainEvent['type'] = 'ticket.created'): DomainEvent => ({
  id,
  type,
  ticketId: 't_1',
  occurredAt: '2026-11-26T10:00:00Z',
  actor: { kind: 'system', name: 'test' },
  data: {},
});

const recorder = (
  name: string,
  handles: EventSubscriber['handles'],
  calls: string[],
  failTimes = 0,
): EventSubscriber => {
  let failures = failTimes;
  return {
    name,
    handles,
    async handle(e) {
      if (failures > 0) {
        failures--;
        throw new Error(`${name} failed`);
      }
      calls.push(`${name}:${e.id}`);
    },
  };
};

describe('EventDispatcher', () => {
  it('runs each interested subscriber once per event, even when the event is delivered again', async () => {
    const calls: string[] = [];
    const dispatcher = new EventDispatcher(new InMemoryDocumentStore(), clock, [
      recorder('rules', 'all', calls),
      recorder('mailer', ['ticket.replied'], calls),
    ]);
    expect(await dispatcher.dispatch(event('ev1'))).toEqual(['rules']);
    expect(await dispatcher.dispatch(event('ev1'))).toEqual([]);
    expect(await dispatcher.dispatch(event('ev2', 'ticket.replied'))).toEqual(['rules', 'mailer']);
    expect(calls).toEqual(['rules:ev1', 'rules:ev2', 'mailer:ev2']);
  });

  it('keeps the progress of a partly failed delivery, so the retry runs only what is left', async () => {
    const calls: string[] = [];
    const dispatcher = new EventDispatcher(new InMemoryDocumentStore(), clock, [
      recorder('first', 'all', calls),
      recorder('flaky', 'all', calls, 1),
    ]);
    await expect(dispatcher.dispatch(event('ev1'))).rejects.toThrow('flaky failed');
    expect(await dispatcher.dispatch(event('ev1'))).toEqual(['flaky']);
    expect(calls).toEqual(['first:ev1', 'flaky:ev1']);
  });

  it('writes nothing for an event nobody wants', async () => {
    const store = new InMemoryDocumentStore();
    const dispatcher = new EventDispatcher(store, clock, [recorder('mailer', ['ticket.replied'], [])]);
    expect(await dispatcher.dispatch(event('ev1'))).toEqual([]);
    expect(await store.read('config', 'handled:ev1', 'ev1')).toBeUndefined();
  });

  it("gives a change's events (its assists' too) only to change subscribers, never to a ticket's", async () => {
    const calls: string[] = [];
    const changeSubscriber = { ...recorder('change-mailer', ['assist.requested'], calls), practice: 'change' as const };
    const dispatcher = new EventDispatcher(new InMemoryDocumentStore(), clock, [
      recorder('reports', 'all', calls),
      recorder('notifications', ['assist.requested'], calls),
      changeSubscriber,
    ]);
    const { ticketId: _t, ...rest } = event('ev1', 'assist.requested');
    const changeEvent = { ...rest, changeId: 'chg_1' } as unknown as DomainEvent;
    expect(await dispatcher.dispatch(changeEvent)).toEqual(['change-mailer']);
    expect(await dispatcher.dispatch(event('ev2', 'assist.requested'))).toEqual(['reports', 'notifications']);
    expect(calls).toEqual(['change-mailer:ev1', 'reports:ev2', 'notifications:ev2']);
  });
});
