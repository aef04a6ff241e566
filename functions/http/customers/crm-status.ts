/** The CRM state as the admin page and /api/health show it. */
import type { TCrmStatusResponse } from '../../../shared/api/customers.schemas.js';
import type { Services } from '../../services.js';

export const crmStatusOf = (s: Pick<Services, 'customers'>): TCrmStatusResponse => {
  const crm = s.customers.crm;
  const cache = s.customers.cache?.stats ?? { lookups: 0, hits: 0, staleServed: 0, refreshes: 0, failures: 0 };
  if (!crm)
    return {
      provider: 'none',
      enabled: false,
      tokenValid: null,
      scopes: [],
      missingScopes: [],
      lastError: null,
      dailyRemaining: null,
      dailyLimitSpent: false,
      circuit: 'closed',
      calls: 0,
      checkedAt: null,
      cache: { ...cache },
    };
  const status = crm.status();
  return {
    ...status,
    scopes: [...status.scopes],
    missingScopes: [...status.missingScopes],
    enabled: true,
    cache: { ...cache },
  };
};
