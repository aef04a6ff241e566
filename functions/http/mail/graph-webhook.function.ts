/**
 * POST /api/mail/graph/notifications (anonymous: Graph calls it; clientState is the proof):
 * the validation handshake, then change notifications -> `inbound-mail` queue -> 202.
 */
import { ZGraphNotificationBatch } from '../../../shared/api/mail-graph.schemas.js';
import type { HttpFunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';
import { graphNotConfigured, validationHandshake } from './graph-webhook-kit.js';

export const graphWebhookFunction: HttpFunctionDefinition<Services> = {
  name: 'graph-webhook',
  trigger: { type: 'http', route: 'mail/graph/notifications', methods: ['POST'] },
  handler: (s) => async (request, context) => {
    if (!s.graph) return graphNotConfigured();
    const handshake = validationHandshake(request);
    if (handshake) return handshake;
    const batch = await readJson(request, ZGraphNotificationBatch);
    if (!batch.ok) return batch.response;
    const outcome = await s.graph.notifications.handleChanges(batch.value);
    if (outcome.ignored > 0) context.warn(`ignored ${outcome.ignored} graph notification(s)`);
    return json(202, outcome);
  },
};
