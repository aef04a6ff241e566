/**
 * Where the calendar's changes come from: the schedule API's calendar for the range shown (at most
 * 62 days, which covers a month grid), with each change's conflict flags and the windows to shade.
 * The flags say what kind of conflict a change has; the screen adds which change it overlaps on a
 * shared CI (calendar-layout.ts) so the reason names it.
 */
import { changesApi } from '$lib/api/change-endpoints';
import type { CalendarChange, CalendarWindow, Conflict } from './calendar-layout';
import { overlapConflicts } from './calendar-layout';

const KIND_REASONS: Record<string, string> = {
  ci_overlap: 'Overlaps another change on the same CI',
  neighbour_overlap: 'Overlaps a change on a neighbouring CI',
  blackout: 'Inside a blackout window',
  outside_maintenance: 'Outside the maintenance window',
  open_incident: 'Open P1/P2 incident on its CIs',
  assignee_booked: 'The owner is booked on another change',
};

export interface CalendarData {
  readonly changes: CalendarChange[];
  readonly windows: CalendarWindow[];
  readonly conflicts: Map<string, Conflict[]>;
}

export async function calendarIn(range: { from: string; to: string }, signal?: AbortSignal): Promise<CalendarData> {
  const answer = await changesApi.calendar(range, signal);
  const changes: CalendarChange[] = answer.changes;
  // The calendar names no CIs; the reason names the other change.
  const overlaps = overlapConflicts(changes, () => 'a shared CI');
  const conflicts = new Map<string, Conflict[]>();
  for (const c of answer.changes) {
    if (c.conflicts.length === 0) continue;
    const named = overlaps.get(c.id) ?? [];
    const reasons: Conflict[] = [...named];
    for (const kind of c.conflicts)
      if (kind !== 'ci_overlap' || named.length === 0)
        reasons.push({ changeId: c.id, otherNumber: '', reason: KIND_REASONS[kind] ?? kind.replaceAll('_', ' ') });
    conflicts.set(c.id, reasons);
  }
  const windows: CalendarWindow[] = answer.windows.map((w) => ({
    id: `${w.windowId}@${w.start}`,
    kind: w.kind,
    name: w.name,
    start: w.start,
    end: w.end,
  }));
  return { changes, windows, conflicts };
}
