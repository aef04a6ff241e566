/** POST /api/notifications/{id}/read: marks one of the caller's notifications read. */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { json } from '../kit/respond.js';

export const markNotificationReadFunction: FunctionDefinition<Services> = {
  name: 'notifications-read',
  trigger: { type: 'http', route: 'notifications/{id}/read', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      // Notification ids carry ':' (n:<source>), which the generic id pattern refuses.
      const id = request.params.id ?? '';
      if (id === '' || id.length > 300) return problem('REQUEST.NOT_FOUND', 'No such notification');
      const n = s.orchestra.notifications;
      if (!(await n.markRead(principal.agent.id, id))) return problem('REQUEST.NOT_FOUND', `No notification ${id}`);
      return json(200, { unread: await n.unreadCount(principal.agent.id) });
    }),
};
