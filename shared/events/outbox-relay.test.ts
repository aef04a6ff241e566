import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { RecordingBus } from '../../tests/fakes/recording-bus.js';
import type { DomainEvent } from './domain-event.js';
import { OutboxRelay } from './outbox-relay.js';

const event = (id: string, type = 'ticket.updated'): DomainEvent =>
  ({ id, type, ticketId: 'T1', at: '2026-11-27T08:00:00.000Z' }) as unknown as DomainEvent;

describe('OutboxRelay', () => {
  it('publishes every event of a save, in order, then deletes its one outbox document', async () => {
    const store = new InMemoryDocumentStore();
    const bus = new RecordingBus();
    const outbox = { id: 'outbox-e1', ticketId: 'T1', docType: 'outbox' as const, events: [event('e1'), event('e2')] };
    await store.batch('tickets', 'T1', [{ op: 'create', doc: outbox }]);
    await new OutboxRelay(store, bus).relay('T1', [outbox]);
    expect(bus.published.map((p) => [p.queue, p.message.id])).toEqual([
      ['events', 'e1'],
      ['events', 'e2'],
    ]);
    expect(await store.read('tickets', 'T1', 'outbox-e1')).toBeUndefined();
  });

  it('sweeps leftovers, including documents of the older one-event shape', async () => {
    const store = new InMemoryDocumentStore();
    const bus = new RecordingBus();
    await store.batch('tickets', 'T1', [
      { op: 'create', doc: { id: 'outbox-e1', ticketId: 'T1', docType: 'outbox', events: [event('e1'), event('e2')] } },
      { op: 'create', doc: { id: 'outbox-e3', ticketId: 'T1', docType: 'outbox', event: event('e3') } },
    ]);
    expect(await new OutboxRelay(store, bus).sweep()).toBe(2);
    expect(bus.published.map((p) => p.message.id).sort()).toEqual(['e1', 'e2', 'e3']);
    expect(await new OutboxRelay(store, bus).sweep()).toBe(0);
  });

  it("sweeps the changes' partitions too, deleting from the container each outbox lives in", async () => {
    const store = new InMemoryDocumentStore();
    const bus = new RecordingBus();
    const changeEvent = { id: 'c1', type: 'change.created', changeId: 'chg_1' } as unknown as DomainEvent;
    await store.batch('tickets', 'T1', [
      { op: 'create', doc: { id: 'outbox-e1', ticketId: 'T1', docType: 'outbox', events: [event('e1')] } },
    ]);
    await store.batch('changes', 'chg_1', [
      { op: 'create', doc: { id: 'outbox-c1', changeId: 'chg_1', docType: 'outbox', events: [changeEvent] } },
    ]);
    expect(await new OutboxRelay(store, bus).sweep()).toBe(2);
    expect(bus.published.map((p) => p.message.id).sort()).toEqual(['c1', 'e1']);
    expect(await store.read('changes', 'chg_1', 'outbox-c1')).toBeUndefined();
    expect(await new OutboxRelay(store, bus).sweep()).toBe(0);
  });
});
