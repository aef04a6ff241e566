/**
 * GET and PUT /api/me/auto-accept: the caller's own standing choice to accept tickets routed to
 * them (default off; optionally only some of their teams and priorities). Only the agent sets it.
 */
import { ZAutoAcceptInput } from '../../../shared/api/orchestra.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const getAutoAcceptFunction: FunctionDefinition<Services> = {
  name: 'me-auto-accept-get',
  trigger: { type: 'http', route: 'me/auto-accept', methods: ['GET'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (_request, principal) =>
      json(200, await s.orchestra.autoAccept.get(principal.agent.id)),
    ),
};

export const putAutoAcceptFunction: FunctionDefinition<Services> = {
  name: 'me-auto-accept-put',
  trigger: { type: 'http', route: 'me/auto-accept', methods: ['PUT'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const body = await readJson(request, ZAutoAcceptInput);
      if (!body.ok) return body.response;
      const saved = await s.orchestra.autoAccept.set(principal.agent.id, body.value);
      return fromResult(saved, (pref) => json(200, pref));
    }),
};
