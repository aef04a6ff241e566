/** POST /api/notifications/read-all: marks every notification of the caller read. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const markAllNotificationsReadFunction: FunctionDefinition<Services> = {
  name: 'notifications-read-all',
  trigger: { type: 'http', route: 'notifications/read-all', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (_request, principal) =>
      json(200, { marked: await s.orchestra.notifications.markAllRead(principal.agent.id), unread: 0 }),
    ),
};
