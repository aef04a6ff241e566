/**
 * The change calendar (issue 16, ADR 0031): the changes planned in a range and the windows'
 * occurrences in it, each change flagged with the conflicts the calendar can see without a CMDB
 * walk per change: overlaps with the other changes shown (same CI, same owner or task assignee),
 * blackouts and maintenance windows of its CIs (the full check, with neighbours, services and
 * incidents, is GET /api/changes/{id}/conflicts). One range query for the changes, one for the
 * windows, then in memory: a month of 2,000 changes is a few milliseconds of work after the reads.
 */
import type { TCalendar } from '../api/change-schedule.schemas.js';
import { type Booking, detectConflicts, occurrencesWithin, type ScheduleFacts } from './change-conflicts.js';
import type { ChangeScheduleRepository } from './change-schedule-repository.js';
import { MAX_CHANGE_DAYS } from './change-schedule-repository.js';
import { bookedAgents } from './change-slots.js';
import { type ChangeWindow, GLOBAL_SCOPE } from './change-windows.js';

const DAY_MS = 86_400_000;

/** The longest range one calendar read serves (a month view with its leading and trailing days). */
export const MAX_CALENDAR_DAYS = 62;

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export async function changeCalendar(schedule: ChangeScheduleRepository, from: number, to: number): Promise<TCalendar> {
  const [changes, stored] = await Promise.all([schedule.changesIn(from, to), schedule.windows()]);
  const windows: ChangeWindow[] = stored.map((w) => w.doc);
  const byCi = new Map<string, Booking[]>();
  const byAgent = new Map<string, Booking[]>();
  const agentsOf = new Map<string, string[]>();
  for (const c of changes) {
    const base = {
      changeId: c.id,
      number: c.number,
      start: Date.parse(c.plannedStart as string),
      end: Date.parse(c.plannedEnd as string),
    };
    if (c.state === 'closed' || c.state === 'cancelled' || c.state === 'rejected') continue;
    for (const ciId of c.affectedCiIds) push(byCi, ciId, { ...base, resourceId: ciId });
    const agents = bookedAgents(c);
    agentsOf.set(c.id, agents);
    for (const a of agents) push(byAgent, a, { ...base, resourceId: a });
  }
  const windowsByScope = new Map<string, ChangeWindow[]>();
  for (const w of windows) push(windowsByScope, w.scope, w);
  const global = windowsByScope.get(GLOBAL_SCOPE) ?? [];
  // Each window expanded once over the range and the longest change on either side of it.
  const occ = occurrencesWithin(windows, from - MAX_CHANGE_DAYS * DAY_MS, to + MAX_CHANGE_DAYS * DAY_MS);
  const items = changes.map((c) => {
    const start = Date.parse(c.plannedStart as string);
    const end = Date.parse(c.plannedEnd as string);
    const agentIds = agentsOf.get(c.id) ?? [];
    const facts: ScheduleFacts = {
      names: new Map(),
      neighbours: [],
      services: [],
      ciBookings: c.affectedCiIds.flatMap((id) => byCi.get(id) ?? []),
      agentBookings: agentIds.flatMap((id) => byAgent.get(id) ?? []),
      windows: [...global, ...c.affectedCiIds.flatMap((id) => windowsByScope.get(id) ?? [])],
      incidents: [],
    };
    const final = c.state === 'closed' || c.state === 'cancelled' || c.state === 'rejected';
    const kinds = final
      ? []
      : [
          ...new Set(
            detectConflicts({ changeId: c.id, start, end, ciIds: c.affectedCiIds, agentIds }, facts, occ).map(
              (k) => k.kind,
            ),
          ),
        ];
    return {
      id: c.id,
      number: c.number,
      title: c.title,
      type: c.type,
      state: c.state,
      plannedStart: c.plannedStart as string,
      plannedEnd: c.plannedEnd as string,
      ownerId: c.ownerId,
      affectedCiIds: [...c.affectedCiIds],
      riskLevel: c.risk?.level ?? null,
      conflicts: kinds,
    };
  });
  const shaded = windows.flatMap((w) =>
    occ(w, from, to).map((o) => ({
      windowId: w.id,
      kind: w.kind,
      name: w.name,
      scope: w.scope,
      start: new Date(o.start).toISOString(),
      end: new Date(o.end).toISOString(),
    })),
  );
  shaded.sort((a, b) => a.start.localeCompare(b.start));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), changes: items, windows: shaded };
}
