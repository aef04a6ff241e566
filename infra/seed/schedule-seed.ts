/**
 * The change schedule demo (issue 16, ADR 0031), seeded on first start after the change demo: a
 * weekly maintenance window on orders-db (Sundays 02:00-06:00, Europe/Berlin), the year-end
 * blackout for everything, and two changes on orders-db in next Sunday's window: Alice's (the
 * open slow-orders incident on orders-db is a conflict, overridden: the change is its fix), and
 * Bob's at the same time, which the check refused and Lee (a change manager) scheduled over the
 * conflicts with a reason. The calendar shows both flagged, the windows shaded.
 */
import type { Services } from '../../functions/services.js';
import type { AgentSnapshot } from '../../shared/directory/agent.js';
import type { Actor } from '../../shared/kernel/actor.js';
import type { Result } from '../../shared/kernel/result.js';
import { DEMO_AGENTS } from './demo-organisation.js';

const must = <T>(result: Result<T>, what: string): T => {
  if (!result.ok) throw new Error(`seed: ${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
};
const demo = (id: string): Actor => {
  const a = DEMO_AGENTS.find((x) => x.id === id) as AgentSnapshot;
  return { kind: 'agent', agentId: a.id, roles: a.roles, teamIds: a.teamIds };
};

/** Next Sunday at 02:00 Berlin time (00:00 or 01:00 UTC), at least a day away. */
const nextSunday = (now: Date): Date => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 1, 0));
  d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7));
  return d;
};

export async function seedChangeSchedule(
  s: Pick<Services, 'cmdb' | 'changes' | 'changeScheduling' | 'changeWindows'>,
  now: Date,
): Promise<void> {
  const [db] = (await s.cmdb.search('orders-db', 1)).filter((c) => c.name === 'orders-db');
  if (!db) return; // the CMDB demo is not there: nothing to schedule against
  must(
    await s.changeWindows.create({
      kind: 'maintenance',
      name: 'orders-db: Sunday night',
      scope: db.id,
      timeZone: 'Europe/Berlin',
      start: null,
      end: null,
      recurrence: {
        rule: 'FREQ=WEEKLY;BYDAY=SU',
        startTime: '02:00',
        durationMinutes: 240,
        from: '2026-01-01',
        until: null,
      },
    }),
    'maintenance window',
  );
  const year = now.getUTCMonth() === 0 && now.getUTCDate() < 4 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  must(
    await s.changeWindows.create({
      kind: 'blackout',
      name: 'Year-end freeze',
      scope: 'global',
      timeZone: 'Europe/Berlin',
      start: `${year}-12-20T00:00:00+01:00`,
      end: `${year + 1}-01-04T00:00:00+01:00`,
      recurrence: null,
    }),
    'year-end blackout',
  );
  const sunday = nextSunday(now);
  const window = {
    plannedStart: new Date(sunday.getTime() + 3_600_000).toISOString(),
    plannedEnd: new Date(sunday.getTime() + 3 * 3_600_000).toISOString(),
  };
  const raise = async (title: string, owner: Actor) => {
    const made = must(
      await s.changes.create(
        {
          type: 'normal',
          title,
          description: `${title} (demo).`,
          implementationPlan: 'Stop the orders app, apply, start, smoke test',
          backoutPlan: 'Restore the snapshot taken before',
          affectedCiIds: [db.id],
        },
        owner,
      ),
      `create ${title}`,
    );
    must(await s.changes.accept(made.change.id, owner), 'accept');
    return made.change.id;
  };
  const alice = demo('ag_alice');
  const first = await raise('Rebuild the orders-db indexes', alice);
  // The demo's slow-orders incident is open on orders-db: a conflict too, overridden as the fix for it.
  const checked = await s.changeScheduling.scheduleChange(first, window, alice);
  if (!checked.ok)
    must(
      await s.changeScheduling.scheduleChange(
        first,
        { ...window, override: { reason: 'The index rebuild is the fix for the slow orders incident' } },
        demo('ag_lee'),
      ),
      'schedule the index rebuild',
    );
  const bob = demo('ag_bob');
  const second = await raise('Upgrade the orders-db driver', bob);
  // Same CI, same hours: refused for Bob; Lee schedules it over the conflict with a reason.
  const refused = await s.changeScheduling.scheduleChange(second, window, bob);
  if (refused.ok || refused.error.code !== 'CHANGE.SCHEDULE_CONFLICT') throw new Error('seed: expected a conflict');
  must(
    await s.changeScheduling.scheduleChange(
      second,
      { ...window, override: { reason: 'The DBA team runs both in one session' } },
      demo('ag_lee'),
    ),
    'schedule over the conflict',
  );
}
