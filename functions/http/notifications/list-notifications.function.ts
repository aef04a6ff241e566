/** GET /api/notifications?cursor&limit&unread=true: the caller's notifications, newest first, with the unread count. */
import { ZListNotificationsQuery } from '../../../shared/api/orchestra.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const listNotificationsFunction: FunctionDefinition<Services> = {
  name: 'notifications-list',
  trigger: { type: 'http', route: 'notifications', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZListNotificationsQuery);
      if (!query.ok) return query.response;
      const { cursor, limit, unread } = query.value;
      const n = s.orchestra.notifications;
      const page = await n.list(principal.agent.id, {
        limit,
        unreadOnly: unread === 'true',
        ...(cursor ? { cursor } : {}),
      });
      return json(200, { ...page, unread: await n.unreadCount(principal.agent.id) });
    }),
};
