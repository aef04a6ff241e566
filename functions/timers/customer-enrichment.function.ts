/**
 * The `customer-enrichment` timer: tickets created while the CRM was slow or down get the CRM's
 * answer once it comes (shared/customers/customer-enrichment.ts). Nothing to do without a CRM.
 */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const customerEnrichmentFunction: TimerFunctionDefinition<Services> = {
  name: 'customer-enrichment',
  trigger: { type: 'timer', schedule: '50 * * * * *' },
  handler: (s) => async (_timer, context) => {
    if (!s.customers.cache) return;
    const counts = await s.customers.enrichment.sweep();
    if (counts.enriched + counts['tier-applied'] > 0)
      context.log(`customer enrichment: ${counts.enriched + counts['tier-applied']} ticket(s) enriched`);
  },
};
