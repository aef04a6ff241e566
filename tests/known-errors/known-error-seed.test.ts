/**
 * The demo's known errors as `npm start` seeds them (issue 17): three published ones that the
 * Outlook, VPN and printer incidents are offered, and one candidate from an answered assist.
 */
import { describe, expect, it } from 'vitest';
import { wireServices } from '../../functions/composition-root.js';
import { seedDemo } from '../../infra/seed/seed-demo.js';
import type { DomainEvent } from '../../shared/events/domain-event.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { RecordingBus } from '../fakes/recording-bus.js';
import { CountingIds, ManualClock } from '../support/test-services.js';

describe('the demo known errors', () => {
  it('offers each of the three demo incidents its known error, and queues one candidate', async () => {
    const bus = new RecordingBus();
    const s = wireServices(
      { store: new InMemoryDocumentStore(), bus, clock: new ManualClock(), ids: new CountingIds(), log: () => {} },
      { AUTH_MODE: 'dev', STORE: 'sqlite', QUEUE: 'local' },
    );
    const seeded = await seedDemo(
      s.directory,
      s.tickets,
      s.sla.config,
      s.orchestra.rules,
      s.customers.service,
      s.productivity,
      s.cmdb,
      s.knownErrors,
    );
    expect(seeded).toBe(true);
    for (const p of bus.published) await s.events.dispatch(p.message.body as DomainEvent);
    const published = await s.knownErrors.list({ status: ['published'], limit: 10 });
    expect(published.items).toHaveLength(3);
    const tickets = await s.queries.list({ sort: '-updated', limit: 50 }, { kind: 'system', name: 'test' });
    const byTitle = (start: string) => tickets.items.find((t) => t.title.startsWith(start))?.id as string;
    for (const [title, expected] of [
      ['Outlook keeps asking', 'Outlook keeps asking for the password'],
      ['Cannot connect to VPN', 'Cannot connect to the VPN'],
      ['Printer on floor 3', 'Printer jams on every job'],
    ] as const) {
      const suggested = await s.knownErrors.suggestFor(byTitle(title), 5);
      expect(suggested.ok && suggested.value[0]?.knownError.title.startsWith(expected)).toBe(true);
    }
    const candidates = await s.knownErrors.candidates(10);
    expect(candidates.items.map((c) => c.knownError.title)).toEqual([
      'Teams calls lose audio after docking the laptop',
    ]);
  });
});
