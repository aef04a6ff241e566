/** The problem API's routes (issue 17, ADR 0033), spread into API_ROUTES. */
import type { z } from 'zod';
import type { ApiRoute } from './api-routes.js';
import { page } from './common.schemas.js';
import {
  ZAddProblemTask,
  ZCreateProblem,
  ZListProblemsQuery,
  ZListSuggestionsQuery,
  ZMoveProblem,
  ZProblemEntry,
  ZProblemLinks,
  ZProblemNote,
  ZProblemRecord,
  ZProblemSuggestion,
  ZTransferProblem,
  ZUpdateProblem,
  ZUpdateProblemTask,
  ZWorkaroundSent,
} from './problems.schemas.js';
import { ZTimelineQuery } from './work-items.schemas.js';

const command = (path: string, summary: string, body?: z.ZodType, response: z.ZodType = ZProblemRecord): ApiRoute => ({
  method: 'POST',
  path: `problems/{id}/${path}`,
  summary,
  auth: true,
  ...(body ? { body } : {}),
  response,
});

export const PROBLEM_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: 'problems',
    summary: 'Raise a problem: blank, from incidents (fromTickets) or from an unsuccessful change (fromChange)',
    auth: true,
    body: ZCreateProblem,
    response: ZProblemRecord,
    status: 201,
  },
  {
    method: 'GET',
    path: 'problems',
    summary: 'Problems, newest first, by state, priority or owner',
    auth: true,
    query: ZListProblemsQuery,
    response: page(ZProblemRecord),
  },
  {
    method: 'GET',
    path: 'problems/{id}',
    summary: 'A problem by id or number (PRB-1001)',
    auth: true,
    response: ZProblemRecord,
  },
  {
    method: 'GET',
    path: 'problems/{id}/timeline',
    summary: "The problem's timeline in order",
    auth: true,
    query: ZTimelineQuery,
    response: page(ZProblemEntry),
  },
  command('accept', 'Become the owner of an unowned problem'),
  command('transfer', 'Transfer the problem (owner or lead/admin, with a reason)', ZTransferProblem),
  command(
    'state',
    'Move the problem along its table (root cause before the fix; linked owners told on resolve)',
    ZMoveProblem,
  ),
  command('fields', 'Edit fields, root cause, workaround, known-error flag (If-Match)', ZUpdateProblem),
  command('links', 'Link incidents (symptoms) and changes (the fix), both ways', ZProblemLinks),
  command('unlink', 'Unlink incidents and changes, both ways', ZProblemLinks),
  command('tasks', 'Add a problem task (root-cause analysis or general)', ZAddProblemTask),
  command('tasks/{taskId}', 'Edit a task (the assignee moves its state)', ZUpdateProblemTask),
  command('notes', 'Add an internal work note', ZProblemNote),
  command(
    'communicate-workaround',
    'Send the workaround to every linked incident (a note suggested as the reply) and tell their owners',
    undefined,
    ZWorkaroundSent,
  ),
  {
    method: 'GET',
    path: 'problem-suggestions',
    summary: 'Suggested problems: clusters of recurring incidents or repeated assists (the timer fills it)',
    auth: true,
    query: ZListSuggestionsQuery,
    response: page(ZProblemSuggestion),
  },
  {
    method: 'POST',
    path: 'problem-suggestions/{id}/accept',
    summary: "Create the problem with the cluster's incidents linked",
    auth: true,
    response: ZProblemRecord,
    status: 201,
  },
  {
    method: 'POST',
    path: 'problem-suggestions/{id}/dismiss',
    summary: 'Dismiss the suggestion; the same cluster is not suggested again',
    auth: true,
    response: ZProblemSuggestion,
  },
];
