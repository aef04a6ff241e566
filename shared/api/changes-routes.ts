/** The change API's routes (issue 16, ADR 0026), spread into API_ROUTES. */
import type { z } from 'zod';
import type { ApiRoute } from './api-routes.js';
import {
  ZChange,
  ZChangeEntry,
  ZChangeNote,
  ZCreateChange,
  ZListChangesQuery,
  ZMoveChange,
  ZScheduleChange,
  ZTransferChange,
  ZUpdateChangePlan,
} from './changes.schemas.js';
import { page } from './common.schemas.js';
import { ZTimelineQuery } from './work-items.schemas.js';

const command = (path: string, summary: string, body?: z.ZodType): ApiRoute => ({
  method: 'POST',
  path: `changes/{id}/${path}`,
  summary,
  auth: true,
  ...(body ? { body } : {}),
  response: ZChange,
});

export const CHANGE_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: 'changes',
    summary: 'Raise a change (standard from a template, normal or emergency); unowned until accepted',
    auth: true,
    body: ZCreateChange,
    response: ZChange,
    status: 201,
  },
  {
    method: 'GET',
    path: 'changes',
    summary: 'Changes, newest first, by state, type or owner',
    auth: true,
    query: ZListChangesQuery,
    response: page(ZChange),
  },
  {
    method: 'GET',
    path: 'changes/{id}',
    summary: 'A change by id or number (CHG-1001)',
    auth: true,
    response: ZChange,
  },
  {
    method: 'GET',
    path: 'changes/{id}/timeline',
    summary: "The change's timeline in order",
    auth: true,
    query: ZTimelineQuery,
    response: page(ZChangeEntry),
  },
  command('accept', 'Become the owner of an unowned change'),
  command('transfer', 'Transfer the change (owner or lead/admin, with a reason)', ZTransferChange),
  command('state', "Move the change along its type's table (close code leaving implementation)", ZMoveChange),
  command(
    'schedule',
    'Plan or move the window (before implementation); 409 CHANGE.SCHEDULE_CONFLICT lists the conflicts unless a change manager sends override.reason',
    ZScheduleChange,
  ),
  command('plan', 'Edit the plan (new and assess only)', ZUpdateChangePlan),
  command('notes', 'Add an internal work note', ZChangeNote),
];
