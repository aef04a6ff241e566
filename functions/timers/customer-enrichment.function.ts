/**
 * The `customer-enrichment` timer: tickets created while the CRM was slow or down get the CRM's
 * answer once it comes (shared/customers/customer-enrichment.ts), and the token is checked again
 * when due (health and the admin page show it). Nothing to do without a CRM.
 */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import { tokenCheckDue } from '../http/customers/crm-status.js';
import type { Services } from '../services.js';

export const customerEnrichmentFunction: TimerFunctionDefinition<Services> = {
  name: 'customer-enrichment',
  trigger: { type: 'timer', schedule: '50 * * * * *' },
  handler: (s) => async (_timer, context) => {
    if (!s.customers.cache) return;
    const crm = s.customers.crm;
    if (crm && tokenCheckDue(crm, Date.now()))
      await crm.checkToken().catch((error: unknown) => context.log(`crm: token check failed: ${String(error)}`));
    const counts = await s.customers.enrichment.sweep();
    if (counts.enriched + counts['tier-applied'] > 0)
      context.log(`customer enrichment: ${counts.enriched + counts['tier-applied']} ticket(s) enriched`);
  },
};
