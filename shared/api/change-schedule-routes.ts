/** The change schedule's routes (issue 16, ADR 0031), spread into API_ROUTES. */
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';
import {
  ZAddChangeTask,
  ZCalendar,
  ZCalendarQuery,
  ZChangeWindow,
  ZChangeWindowInput,
  ZConflictReport,
  ZConflictsQuery,
  ZNextFreeSlot,
  ZNextFreeSlotQuery,
  ZUpdateChangeTask,
} from './change-schedule.schemas.js';
import { ZChange } from './changes.schemas.js';

export const CHANGE_SCHEDULE_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'changes/{id}/conflicts',
    summary: "The conflicts of the change's planned window (or of ?start&end), each with its reason",
    auth: true,
    query: ZConflictsQuery,
    response: ZConflictReport,
  },
  {
    method: 'GET',
    path: 'changes/next-free-slot',
    summary: 'The earliest window within 90 days without a time-bound conflict (?change&after&durationMinutes)',
    auth: true,
    query: ZNextFreeSlotQuery,
    response: ZNextFreeSlot,
  },
  {
    method: 'GET',
    path: 'changes/calendar',
    summary: 'Changes planned in [from, to) with conflict flags, and the windows shaded in it (at most 62 days)',
    auth: true,
    query: ZCalendarQuery,
    response: ZCalendar,
  },
  {
    method: 'POST',
    path: 'changes/{id}/tasks',
    summary: 'Add an implementation task (owner or lead/admin)',
    auth: true,
    body: ZAddChangeTask,
    response: ZChange,
  },
  {
    method: 'PATCH',
    path: 'changes/{id}/tasks/{taskId}',
    summary: 'Edit or move an implementation task (its assignee may move it)',
    auth: true,
    body: ZUpdateChangeTask,
    response: ZChange,
  },
  {
    method: 'GET',
    path: 'change-windows',
    summary: 'Blackout and maintenance windows',
    auth: true,
    response: z.object({ items: z.array(ZChangeWindow) }),
  },
  {
    method: 'POST',
    path: 'change-windows',
    summary: 'Create a window (lead/admin)',
    auth: true,
    body: ZChangeWindowInput,
    response: ZChangeWindow,
    status: 201,
  },
  {
    method: 'GET',
    path: 'change-windows/{id}',
    summary: 'A window, with its ETag',
    auth: true,
    response: ZChangeWindow,
  },
  {
    method: 'PUT',
    path: 'change-windows/{id}',
    summary: 'Replace a window (lead/admin, If-Match required)',
    auth: true,
    body: ZChangeWindowInput,
    response: ZChangeWindow,
  },
  {
    method: 'DELETE',
    path: 'change-windows/{id}',
    summary: 'Delete a window (lead/admin, If-Match required)',
    auth: true,
    response: z.null(),
    status: 204,
  },
];
