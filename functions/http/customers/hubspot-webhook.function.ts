/**
 * POST /api/crm/hubspot/webhooks: HubSpot's webhook calls. Anonymous, so the v3 signature is the
 * gate: a missing, wrong, old (> 5 min) or future signature is a 401 problem and changes nothing.
 * Valid batches invalidate the CRM cache and are answered 200 at once (HubSpot retries otherwise).
 */
import type { HttpRequest } from '@azure/functions';
import { ZHubSpotWebhookEvents } from '../../../shared/api/customers.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { problem } from '../kit/problem.js';
import { MAX_BODY_BYTES } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const hubspotWebhookFunction: FunctionDefinition<Services> = {
  name: 'crm-hubspot-webhooks',
  trigger: { type: 'http', route: 'crm/hubspot/webhooks', methods: ['POST'] },
  handler: (s) => async (request: HttpRequest) => {
    const hooks = s.hubspotWebhooks;
    if (!hooks) return problem('REQUEST.NOT_FOUND', 'No HubSpot CRM is configured (CRM_PROVIDER=hubspot)');
    const body = await request.text();
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return problem('REQUEST.TOO_LARGE', 'The body is larger than 1 MB');
    const check = hooks.verify({
      method: request.method,
      url: request.url,
      body,
      signature: request.headers.get('x-hubspot-signature-v3'),
      timestamp: request.headers.get('x-hubspot-request-timestamp'),
    });
    if (!check.ok) return problem('AUTH.UNAUTHENTICATED', `HubSpot signature refused: ${check.reason}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return problem('REQUEST.INVALID_JSON', 'The body is not valid JSON');
    }
    const events = ZHubSpotWebhookEvents.safeParse(parsed);
    if (!events.success)
      return problem('REQUEST.VALIDATION_FAILED', `Not a HubSpot event batch: ${events.error.message}`);
    return json(200, await hooks.handle(events.data));
  },
};
