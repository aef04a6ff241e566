import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { RecordingBus } from '../../tests/fakes/recording-bus.js';
import { CountingIds, ManualClock } from '../../tests/support/test-services.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { systemActor } from '../kernel/actor.js';
import { Ticket } from '../tickets/ticket.js';
import { TicketRepository } from '../tickets/ticket-repository.js';
import { TicketCommands } from '../use-cases/ticket-commands.js';
import { SlaEvaluator } from './sla-evaluator.js';
import { testSlaConfig } from './test-config.js';

const T0 = new Date('2026-06-01T08:00:00Z'); // a Monday, inside the test calendar's hours
const MIN = 60_000;

async function dueTickets(count: number) {
  const store = new InMemoryDocumentStore();
  const clock = new ManualClock(T0);
  const ids = new CountingIds();
  const config = { current: async () => testSlaConfig() };
  const commands = new TicketCommands(
    new TicketRepository(store),
    new OutboxRelay(store, new RecordingBus()),
    clock,
    ids,
    () => {},
    config,
  );
  for (let i = 0; i < count; i++) {
    const created = Ticket.create(
      {
        number: `INC-${i}`,
        type: 'incident',
        title: `Down ${i}`,
        description: '',
        requester: { email: 'c@x.example', name: 'C' },
        impact: 1,
        urgency: 1,
        channel: 'web',
      },
      { actor: systemActor('test'), now: clock.now(), ids },
    );
    if (!created.ok) throw new Error(created.error.message);
    await commands.save(created.value, null);
  }
  clock.advance(50 * MIN); // past the P1 policy's 75% warning
  return { store, clock, commands, config };
}

describe('SlaEvaluator', () => {
  it('evaluates several tickets at a time but never more than maxPerRun in one run', async () => {
    const { store, clock, commands, config } = await dueTickets(10);
    const bounded = new SlaEvaluator(store, commands, config, clock, { maxPerRun: 3, concurrency: 8 });
    expect(await bounded.run()).toEqual({ read: 3, evaluated: 3, notices: 3, failed: 0 });
    const rest = new SlaEvaluator(store, commands, config, clock, { concurrency: 4 });
    expect(await rest.run()).toEqual({ read: 7, evaluated: 7, notices: 7, failed: 0 });
    expect(await rest.run()).toEqual({ read: 0, evaluated: 0, notices: 0, failed: 0 });
  });
});
