/** The CRM state as the admin page and /api/health show it, and when to ask HubSpot about the token again. */
import type { TCrmStatusResponse } from '../../../shared/api/customers.schemas.js';
import type { Crm } from '../../../shared/ports/crm.js';
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
      dailyLimit: null,
      dailyLimitSpent: false,
      dailyResetsAt: null,
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

/** The token is asked about hourly (a revoked token or a scope removed shows within the hour), every run while unknown. */
export const TOKEN_RECHECK_MS = 60 * 60_000;

export const tokenCheckDue = (crm: Pick<Crm, 'status'>, now: number): boolean => {
  const { tokenValid, checkedAt } = crm.status();
  return tokenValid === null || checkedAt === null || now - Date.parse(checkedAt) >= TOKEN_RECHECK_MS;
};
