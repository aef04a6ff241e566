/**
 * GET /api/admin/crm (admin): the CRM's state (provider, token valid, scopes, last error, daily
 * calls left, circuit, cache figures); POST /api/admin/crm/check asks HubSpot about the token now.
 */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';
import { crmStatusOf } from './crm-status.js';

export const crmStatusFunction: FunctionDefinition<Services> = {
  name: 'admin-crm-status',
  trigger: { type: 'http', route: 'admin/crm', methods: ['GET'] },
  handler: (s) => authed(s, ADMIN_ONLY, async () => json(200, crmStatusOf(s))),
};

export const crmCheckFunction: FunctionDefinition<Services> = {
  name: 'admin-crm-check',
  trigger: { type: 'http', route: 'admin/crm/check', methods: ['POST'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async () => {
      await s.customers.crm?.checkToken();
      return json(200, crmStatusOf(s));
    }),
};
