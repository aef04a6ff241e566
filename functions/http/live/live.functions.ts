/**
 * Live updates and presence (ADR 0027): GET /api/live/negotiate (where this browser connects),
 * PUT /api/tickets/{id}/presence (a tab's heartbeat: viewing or replying) and DELETE (it left).
 */
import { ZPresenceBeat, ZPresenceLeaveQuery } from '../../../shared/api/live.schemas.js';
import type { Viewer } from '../../../shared/live/presence.js';
import { HEARTBEAT_MS, PRESENCE_TTL_MS } from '../../../shared/live/presence.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readJson, readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

const presence = (ticketId: string, viewers: Viewer[]) =>
  json(200, { ticketId, viewers, heartbeatMs: HEARTBEAT_MS, ttlMs: PRESENCE_TTL_MS });

export const liveNegotiateFunction: FunctionDefinition<Services> = {
  name: 'live-negotiate',
  trigger: { type: 'http', route: 'live/negotiate', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (_request, principal) => {
      if (!s.live.enabled) return json(200, { enabled: false });
      const access = await s.live.channel.clientAccess(principal.agent.id, new Date());
      return json(200, { enabled: true, ...access });
    }),
};

export const presenceBeatFunction: FunctionDefinition<Services> = {
  name: 'tickets-presence-beat',
  trigger: { type: 'http', route: 'tickets/{id}/presence', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const body = await readJson(request, ZPresenceBeat);
      if (!body.ok) return body.response;
      const ticketId = await s.queries.resolveId(id.value);
      const beat = ticketId
        ? await s.live.presence.beat(ticketId, principal.agent.id, body.value.sessionId, body.value.activity)
        : null;
      if (!ticketId || !beat?.ok) return problem('TICKET.NOT_FOUND', `no ticket ${id.value}`);
      return presence(ticketId, beat.viewers);
    }),
};

export const presenceLeaveFunction: FunctionDefinition<Services> = {
  name: 'tickets-presence-leave',
  trigger: { type: 'http', route: 'tickets/{id}/presence', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const query = readQuery(request, ZPresenceLeaveQuery);
      if (!query.ok) return query.response;
      const ticketId = await s.queries.resolveId(id.value);
      if (!ticketId) return problem('TICKET.NOT_FOUND', `no ticket ${id.value}`);
      return presence(ticketId, await s.live.presence.leave(ticketId, principal.agent.id, query.value.sessionId));
    }),
};

export const LIVE_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  liveNegotiateFunction,
  presenceBeatFunction,
  presenceLeaveFunction,
];
