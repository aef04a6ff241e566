/**
 * Web push (ADR 0024): GET /api/push/config (the VAPID public key browsers subscribe with),
 * GET/POST/DELETE /api/me/push-subscriptions (the caller's browsers; DELETE takes ?endpoint=).
 */
import { ZPushSubscribe } from '../../../shared/api/orchestra.schemas.js';
import type { PushSubscriptionRecord } from '../../../shared/notifications/push-notifications.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem, problemResponse } from '../kit/problem.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';

const view = (r: PushSubscriptionRecord) => ({
  id: r.id,
  endpointOrigin: new URL(r.endpoint).origin,
  device: r.device,
  createdAt: r.createdAt,
});

export const pushConfigFunction: FunctionDefinition<Services> = {
  name: 'push-config-get',
  trigger: { type: 'http', route: 'push/config', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async () => {
      const push = s.orchestra.push.notifications;
      return json(200, { enabled: push.enabled, publicKey: push.publicKey });
    }),
};

export const listPushSubscriptionsFunction: FunctionDefinition<Services> = {
  name: 'me-push-subscriptions-list',
  trigger: { type: 'http', route: 'me/push-subscriptions', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (_request, principal) =>
      json(200, {
        items: (await s.orchestra.push.subscriptions.list(principal.agent.id)).map(view),
        nextCursor: null,
      }),
    ),
};

export const addPushSubscriptionFunction: FunctionDefinition<Services> = {
  name: 'me-push-subscriptions-add',
  trigger: { type: 'http', route: 'me/push-subscriptions', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      if (!s.orchestra.push.notifications.enabled)
        return problem('REQUEST.VALIDATION_FAILED', 'push notifications are switched off here (PUSH_PROVIDER=off)');
      const body = await readJson(request, ZPushSubscribe);
      if (!body.ok) return body.response;
      const saved = await s.orchestra.push.subscriptions.save(
        principal.agent.id,
        {
          endpoint: body.value.endpoint,
          keys: body.value.keys,
          device: request.headers.get('user-agent')?.slice(0, 200) ?? null,
        },
        new Date().toISOString(),
      );
      if (!saved.ok) return problemResponse(saved.error);
      return json(201, view(saved.value));
    }),
};

export const removePushSubscriptionFunction: FunctionDefinition<Services> = {
  name: 'me-push-subscriptions-remove',
  trigger: { type: 'http', route: 'me/push-subscriptions', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const endpoint = request.query.get('endpoint');
      if (!endpoint) return problem('REQUEST.VALIDATION_FAILED', 'endpoint (query) is required');
      const removed = await s.orchestra.push.subscriptions.remove(principal.agent.id, endpoint);
      return removed ? { status: 204 } : problem('REQUEST.NOT_FOUND', 'no such push subscription of yours');
    }),
};
