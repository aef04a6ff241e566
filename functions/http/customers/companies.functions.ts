/**
 * /api/customers/companies: list and search (name, domain; by tier), create, read (contacts,
 * tickets, figures), edit. Agents edit names, domains and notes; tier and account manager are
 * for leads and admins (the use case refuses others with 403).
 */
import { ZCreateCompany, ZListCompaniesQuery, ZUpdateCompany } from '../../../shared/api/customers.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const listCompaniesFunction: FunctionDefinition<Services> = {
  name: 'customers-companies-list',
  trigger: { type: 'http', route: 'customers/companies', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZListCompaniesQuery);
      if (!query.ok) return query.response;
      return json(200, await s.customers.service.listCompanies(query.value));
    }),
};

export const createCompanyFunction: FunctionDefinition<Services> = {
  name: 'customers-companies-create',
  trigger: { type: 'http', route: 'customers/companies', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateCompany);
      if (!input.ok) return input.response;
      return fromResult(await s.customers.service.createCompany(input.value, principal.actor), (c) => json(201, c));
    }),
};

export const getCompanyFunction: FunctionDefinition<Services> = {
  name: 'customers-companies-get',
  trigger: { type: 'http', route: 'customers/companies/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.customers.service.companyDetail(id.value), (detail) => json(200, detail));
    }),
};

export const updateCompanyFunction: FunctionDefinition<Services> = {
  name: 'customers-companies-update',
  trigger: { type: 'http', route: 'customers/companies/{id}', methods: ['PATCH'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const patch = await readJson(request, ZUpdateCompany);
      if (!patch.ok) return patch.response;
      const result = await s.customers.service.updateCompany(
        id.value,
        patch.value,
        principal.actor,
        ifMatchOf(request),
      );
      return fromResult(result, (c) => json(200, c));
    }),
};
