/**
 * The CAB over HTTP (issue 16, ADR 0030): meetings (leads and admins schedule them), a meeting's
 * agenda (the changes waiting for its CAB step) and its minutes (one decision per change with the
 * attendees; a member's approve/reject is their own approval).
 */
import { ZCabDecisionInput, ZCreateCabMeeting } from '../../../shared/api/cab.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const listCabMeetingsFunction: FunctionDefinition<Services> = {
  name: 'cab-meetings-list',
  trigger: { type: 'http', route: 'cab/meetings', methods: ['GET'] },
  handler: (s) => authed(s, ALL_ROLES, async () => json(200, { items: await s.cab.list(), nextCursor: null })),
};

export const createCabMeetingFunction: FunctionDefinition<Services> = {
  name: 'cab-meetings-create',
  trigger: { type: 'http', route: 'cab/meetings', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateCabMeeting);
      if (!input.ok) return input.response;
      return fromResult(await s.cab.create(input.value, principal.actor), ({ meeting, etag }) =>
        json(201, meeting, etag),
      );
    }),
};

export const getCabMeetingFunction: FunctionDefinition<Services> = {
  name: 'cab-meetings-get',
  trigger: { type: 'http', route: 'cab/meetings/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.cab.get(id.value), ({ meeting, etag }) => json(200, meeting, etag));
    }),
};

export const cabAgendaFunction: FunctionDefinition<Services> = {
  name: 'cab-meetings-agenda',
  trigger: { type: 'http', route: 'cab/meetings/{id}/agenda', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.cab.agenda(id.value), (items) => json(200, { items, nextCursor: null }));
    }),
};

export const cabDecisionFunction: FunctionDefinition<Services> = {
  name: 'cab-meetings-decision',
  trigger: { type: 'http', route: 'cab/meetings/{id}/decisions', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readJson(request, ZCabDecisionInput);
      if (!input.ok) return input.response;
      return fromResult(await s.cab.decide(id.value, input.value, principal.actor), ({ meeting, etag }) =>
        json(200, meeting, etag),
      );
    }),
};
