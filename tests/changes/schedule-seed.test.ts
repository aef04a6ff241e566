/**
 * The change schedule demo as `npm start` seeds it (ADR 0031): after the organisation, the CMDB
 * and the change demo, a weekly maintenance window on orders-db, the year-end blackout, and two
 * changes in next Sunday's window on orders-db, the second scheduled over the conflict by Lee.
 */
import { describe, expect, it } from 'vitest';
import { wireServices } from '../../functions/composition-root.js';
import { seedChanges } from '../../infra/seed/change-seed.js';
import { seedChangeSchedule } from '../../infra/seed/schedule-seed.js';
import { seedDemo } from '../../infra/seed/seed-demo.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { RecordingBus } from '../fakes/recording-bus.js';
import { CountingIds, ManualClock } from '../support/test-services.js';

describe('the change schedule demo seed', () => {
  it('seeds the windows and a scheduled change with a conflict, shown on the calendar', async () => {
    // As `npm start` on an empty store: seedDemo seeds the organisation itself.
    const clock = new ManualClock();
    const s = wireServices(
      { store: new InMemoryDocumentStore(), bus: new RecordingBus(), clock, ids: new CountingIds(), log: () => {} },
      { AUTH_MODE: 'dev', STORE: 'sqlite', QUEUE: 'local' },
    );
    const world = { clock };
    await seedDemo(
      s.directory,
      s.tickets,
      s.sla.config,
      s.orchestra.rules,
      s.customers.service,
      s.productivity,
      s.cmdb,
    );
    await seedChanges(s, world.clock.now());
    await seedChangeSchedule(s, world.clock.now());
    const windows = await s.changeWindows.list();
    expect(windows.map((w) => [w.kind, w.name, w.scopeName])).toEqual([
      ['maintenance', 'orders-db: Sunday night', 'orders-db'],
      ['blackout', 'Year-end freeze', null],
    ]);
    const now = world.clock.now().getTime();
    const calendar = await s.changeScheduling.calendar(
      new Date(now).toISOString(),
      new Date(now + 31 * 86_400_000).toISOString(),
    );
    if (!calendar.ok) throw new Error(calendar.error.message);
    const onDb = calendar.value.changes.filter((c) => c.title.includes('orders-db'));
    expect(onDb.map((c) => [c.title, c.conflicts])).toEqual([
      ['Rebuild the orders-db indexes', ['ci_overlap']],
      ['Upgrade the orders-db driver', ['ci_overlap']],
    ]);
    expect(calendar.value.windows.map((w) => w.name)).toContain('Year-end freeze');
    expect(calendar.value.windows.filter((w) => w.name === 'orders-db: Sunday night').length).toBeGreaterThanOrEqual(4);
  });
});
