/** Live updates and presence routes of the API description (ADR 0027), spread into API_ROUTES. */
import type { ApiRoute } from './api-routes.js';
import { ZLiveNegotiation, ZPresence, ZPresenceBeat, ZPresenceLeaveQuery } from './live.schemas.js';

export const LIVE_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'live/negotiate',
    summary:
      "Where this browser receives live updates: the local host's event stream or Azure Web PubSub, with a token",
    auth: true,
    response: ZLiveNegotiation,
  },
  {
    method: 'PUT',
    path: 'tickets/{id}/presence',
    summary: 'This tab is on the ticket (viewing or writing a reply): a heartbeat; returns who else is there',
    auth: true,
    body: ZPresenceBeat,
    response: ZPresence,
  },
  {
    method: 'DELETE',
    path: 'tickets/{id}/presence',
    summary: 'This tab left the ticket (it stops showing at once instead of when its heartbeat runs out)',
    auth: true,
    query: ZPresenceLeaveQuery,
    response: ZPresence,
  },
];
