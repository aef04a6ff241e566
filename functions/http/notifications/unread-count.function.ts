/** GET /api/notifications/unread-count: what the bell shows. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const unreadCountFunction: FunctionDefinition<Services> = {
  name: 'notifications-unread-count',
  trigger: { type: 'http', route: 'notifications/unread-count', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (_request, principal) =>
      json(200, { unread: await s.orchestra.notifications.unreadCount(principal.agent.id) }),
    ),
};
