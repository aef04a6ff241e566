/** The routes of the CMDB's screens (issue 15), spread into API_ROUTES. */
import type { ApiRoute } from './api-routes.js';
import { ZCiTickets, ZNeighbourhood, ZNeighbourhoodQuery, ZSuggestionAction } from './ci-tickets.schemas.js';
import { ZTicket } from './tickets.schemas.js';

export const CI_TICKETS_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'cmdb/cis/{id}/tickets',
    summary: "The CI's open tickets and its most recent ones",
    auth: true,
    response: ZCiTickets,
  },
  {
    method: 'GET',
    path: 'cmdb/cis/{id}/neighbourhood',
    summary:
      'Related CIs both ways to a depth (1-3) with paths; more than ten of one kind are grouped (the dependency view)',
    auth: true,
    query: ZNeighbourhoodQuery,
    response: ZNeighbourhood,
  },
  {
    method: 'POST',
    path: 'tickets/{id}/cis/suggestions',
    summary:
      'Accept a suggested CI (it becomes affected, primary when first) or dismiss it (If-Match; a timeline entry)',
    auth: true,
    body: ZSuggestionAction,
    response: ZTicket,
  },
];
