/**
 * The change schedule over HTTP (ADR 0031): a change's conflicts, the next free slot, the
 * calendar, and the schedule command (409 CHANGE.SCHEDULE_CONFLICT listing the conflicts, unless
 * a change manager sends `override.reason`).
 */
import { ZCalendarQuery, ZConflictsQuery, ZNextFreeSlotQuery } from '../../../shared/api/change-schedule.schemas.js';
import { SLOT_HORIZON_DAYS } from '../../../shared/changes/change-conflicts.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const changeConflictsFunction: FunctionDefinition<Services> = {
  name: 'changes-conflicts',
  trigger: { type: 'http', route: 'changes/{id}/conflicts', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZConflictsQuery);
      if (!query.ok) return query.response;
      const { start, end } = query.value;
      if ((start === undefined) !== (end === undefined))
        return problem('REQUEST.VALIDATION_FAILED', 'Give both start and end, or neither');
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      const result = await s.changeScheduling.conflicts(changeId, start && end ? { start, end } : undefined);
      return fromResult(result, (report) => json(200, report));
    }),
};

export const nextFreeSlotFunction: FunctionDefinition<Services> = {
  name: 'changes-next-free-slot',
  trigger: { type: 'http', route: 'changes/next-free-slot', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZNextFreeSlotQuery);
      if (!query.ok) return query.response;
      const { change, ...input } = query.value;
      const changeId = await s.changes.resolveId(change);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${change}`);
      const result = await s.changeScheduling.nextFreeSlot(changeId, input);
      return fromResult(result, (slot) => json(200, { slot, horizonDays: SLOT_HORIZON_DAYS }));
    }),
};

export const changeCalendarFunction: FunctionDefinition<Services> = {
  name: 'changes-calendar',
  trigger: { type: 'http', route: 'changes/calendar', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZCalendarQuery);
      if (!query.ok) return query.response;
      const result = await s.changeScheduling.calendar(query.value.from, query.value.to);
      return fromResult(result, (calendar) => json(200, calendar));
    }),
};
