/** GET and PUT /api/me/notification-preferences: which kinds reach the caller in-app and by email. */
import { ZNotificationPreferences } from '../../../shared/api/orchestra.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const getNotificationPreferencesFunction: FunctionDefinition<Services> = {
  name: 'me-notification-preferences-get',
  trigger: { type: 'http', route: 'me/notification-preferences', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (_request, principal) =>
      json(200, await s.orchestra.notifications.preferences(principal.agent.id)),
    ),
};

export const putNotificationPreferencesFunction: FunctionDefinition<Services> = {
  name: 'me-notification-preferences-put',
  trigger: { type: 'http', route: 'me/notification-preferences', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const body = await readJson(request, ZNotificationPreferences);
      if (!body.ok) return body.response;
      return json(200, await s.orchestra.notifications.savePreferences(principal.agent.id, body.value));
    }),
};
