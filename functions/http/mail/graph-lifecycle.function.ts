/**
 * POST /api/mail/graph/lifecycle (anonymous, clientState-checked): Graph's lifecycle events
 * (`reauthorizationRequired`, `subscriptionRemoved`, `missed`), acknowledged at once and followed
 * up in the background; the renewal and delta timers cover a follow-up that dies with the process.
 */
import { ZGraphNotificationBatch } from '../../../shared/api/mail-graph.schemas.js';
import type { HttpFunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';
import { graphNotConfigured, validationHandshake } from './graph-webhook-kit.js';

export const graphLifecycleFunction: HttpFunctionDefinition<Services> = {
  name: 'graph-lifecycle',
  trigger: { type: 'http', route: 'mail/graph/lifecycle', methods: ['POST'] },
  handler: (s) => async (request, context) => {
    if (!s.graph) return graphNotConfigured();
    const handshake = validationHandshake(request);
    if (handshake) return handshake;
    const batch = await readJson(request, ZGraphNotificationBatch);
    if (!batch.ok) return batch.response;
    const outcome = s.graph.notifications.handleLifecycle(batch.value);
    if (outcome.ignored > 0) context.warn(`ignored ${outcome.ignored} graph lifecycle notification(s)`);
    return json(202, outcome);
  },
};
