/** The known error database's routes (issue 17, ADR 0034), spread into API_ROUTES. */
import type { ApiRoute } from './api-routes.js';
import { page } from './common.schemas.js';
import {
  ZAppliedWorkaround,
  ZApplyWorkaround,
  ZCandidatesQuery,
  ZCreateKnownError,
  ZEditKnownError,
  ZKnownError,
  ZKnownErrorCandidate,
  ZKnownErrorSuggestions,
  ZKnownErrorVersion,
  ZListKnownErrorsQuery,
  ZSuggestionsQuery,
  ZVersionsQuery,
} from './known-errors.schemas.js';

const move = (path: string, summary: string): ApiRoute => ({
  method: 'POST',
  path: `known-errors/{id}/${path}`,
  summary,
  auth: true,
  response: ZKnownError,
});

export const KNOWN_ERROR_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: 'known-errors',
    summary: 'Write a known error (a draft, numbered KE-)',
    auth: true,
    body: ZCreateKnownError,
    response: ZKnownError,
    status: 201,
  },
  {
    method: 'GET',
    path: 'known-errors',
    summary: 'Known errors, newest first, by status',
    auth: true,
    query: ZListKnownErrorsQuery,
    response: page(ZKnownError),
  },
  {
    method: 'GET',
    path: 'known-errors/candidates',
    summary: 'Drafts promoted from answered assists, each with how many similar incidents exist',
    auth: true,
    query: ZCandidatesQuery,
    response: page(ZKnownErrorCandidate),
  },
  {
    method: 'GET',
    path: 'known-errors/{id}',
    summary: 'A known error by id or number (KE-1001)',
    auth: true,
    response: ZKnownError,
  },
  {
    method: 'PATCH',
    path: 'known-errors/{id}',
    summary: 'Edit (If-Match): writes a new version, the old ones are kept',
    auth: true,
    body: ZEditKnownError,
    response: ZKnownError,
  },
  {
    method: 'GET',
    path: 'known-errors/{id}/versions',
    summary: 'Every version, newest first',
    auth: true,
    query: ZVersionsQuery,
    response: page(ZKnownErrorVersion),
  },
  move('publish', 'Publish a draft (then searched and suggested)'),
  move('retire', 'Retire it (leaves the search at once)'),
  move('redraft', 'Bring a retired known error back as a draft'),
  {
    method: 'POST',
    path: 'known-errors/{id}/apply',
    summary: "Apply the workaround to an incident: a note or the reply draft's text, a link, the use counted",
    auth: true,
    body: ZApplyWorkaround,
    response: ZAppliedWorkaround,
  },
  {
    method: 'GET',
    path: 'tickets/{id}/known-error-suggestions',
    summary: "Published known errors for the incident's text and newest mail, boosted by its CIs and services",
    auth: true,
    query: ZSuggestionsQuery,
    response: ZKnownErrorSuggestions,
  },
  {
    method: 'POST',
    path: 'tickets/{id}/assists/{assistId}/known-error',
    summary: 'Promote an answered assist (its question and answer) into a known-error draft (owner or expert)',
    auth: true,
    response: ZKnownError,
    status: 201,
  },
];
