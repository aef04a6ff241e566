/** The customer directory's functions (issue 14), spread into THE catalog. */
import {
  createCompanyFunction,
  getCompanyFunction,
  listCompaniesFunction,
  updateCompanyFunction,
} from '../http/customers/companies.functions.js';
import {
  createContactFunction,
  createContactInCrmFunction,
  getContactFunction,
  listContactsFunction,
  updateContactFunction,
} from '../http/customers/contacts.functions.js';
import { crmCheckFunction, crmStatusFunction } from '../http/customers/crm-admin.functions.js';
import { hubspotWebhookFunction } from '../http/customers/hubspot-webhook.function.js';
import { reevaluateSlaFunction, ticketCustomerPanelFunction } from '../http/customers/ticket-customer.functions.js';
import type { Services } from '../services.js';
import { customerEnrichmentFunction } from '../timers/customer-enrichment.function.js';
import type { FunctionDefinition } from './function-definition.js';

export const CUSTOMER_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  listContactsFunction,
  createContactFunction,
  getContactFunction,
  updateContactFunction,
  createContactInCrmFunction,
  listCompaniesFunction,
  createCompanyFunction,
  getCompanyFunction,
  updateCompanyFunction,
  ticketCustomerPanelFunction,
  reevaluateSlaFunction,
  crmStatusFunction,
  crmCheckFunction,
  hubspotWebhookFunction,
  customerEnrichmentFunction,
];
