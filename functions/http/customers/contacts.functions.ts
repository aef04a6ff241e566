/**
 * /api/customers/contacts: list and search (name, email), create, read (with company, tickets,
 * figures and what HubSpot says), edit (any agent), and "create in HubSpot".
 */
import { ZCreateContact, ZListContactsQuery, ZUpdateContact } from '../../../shared/api/customers.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const listContactsFunction: FunctionDefinition<Services> = {
  name: 'customers-contacts-list',
  trigger: { type: 'http', route: 'customers/contacts', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZListContactsQuery);
      if (!query.ok) return query.response;
      return json(200, await s.customers.service.listContacts(query.value));
    }),
};

export const createContactFunction: FunctionDefinition<Services> = {
  name: 'customers-contacts-create',
  trigger: { type: 'http', route: 'customers/contacts', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request) => {
      const input = await readJson(request, ZCreateContact);
      if (!input.ok) return input.response;
      return fromResult(await s.customers.service.createContact(input.value), (c) => json(201, c));
    }),
};

export const getContactFunction: FunctionDefinition<Services> = {
  name: 'customers-contacts-get',
  trigger: { type: 'http', route: 'customers/contacts/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.customers.service.contactDetail(id.value), (detail) => json(200, detail));
    }),
};

export const updateContactFunction: FunctionDefinition<Services> = {
  name: 'customers-contacts-update',
  trigger: { type: 'http', route: 'customers/contacts/{id}', methods: ['PATCH'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const patch = await readJson(request, ZUpdateContact);
      if (!patch.ok) return patch.response;
      const result = await s.customers.service.updateContact(id.value, patch.value, ifMatchOf(request));
      return fromResult(result, (c) => json(200, c));
    }),
};

export const createContactInCrmFunction: FunctionDefinition<Services> = {
  name: 'customers-contacts-create-in-crm',
  trigger: { type: 'http', route: 'customers/contacts/{id}/crm', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.customers.acts.createInCrm(id.value), (c) => json(201, c));
    }),
};
