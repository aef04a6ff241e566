/**
 * Typed calls of the customer directory (issue 14): contacts, companies, the ticket's customer
 * panel, "re-evaluate SLA", "create in HubSpot" and the CRM state. Types come from the shared schemas.
 */
import type {
  TCompany,
  TCompanyDetail,
  TContact,
  TContactDetail,
  TCreateCompany,
  TCreateContact,
  TCrmStatusResponse,
  TCustomerPanel,
  TUpdateCompany,
  TUpdateContact,
} from '$shared/api/customers.schemas';
import type { TTicket } from '$shared/api/tickets.schemas';
import { type ApiResult, request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export type { TCompany, TCompanyDetail, TContact, TContactDetail, TCrmStatusResponse, TCustomerPanel };

export const customersApi = {
  contacts: async (query: { q?: string; companyId?: string; limit?: number } = {}) =>
    (await request<Page<TContact>>('GET', 'customers/contacts', { query: { limit: 50, ...query } })).data,
  contact: (id: string) => request<TContactDetail>('GET', `customers/contacts/${enc(id)}`),
  createContact: (body: TCreateContact) => request<TContact>('POST', 'customers/contacts', { body }),
  updateContact: (id: string, body: TUpdateContact) =>
    request<TContact>('PATCH', `customers/contacts/${enc(id)}`, { body }),
  createInCrm: (id: string) => request<TContact>('POST', `customers/contacts/${enc(id)}/crm`),
  companies: async (query: { q?: string; tier?: string; limit?: number } = {}) =>
    (await request<Page<TCompany>>('GET', 'customers/companies', { query: { limit: 50, ...query } })).data,
  company: (id: string) => request<TCompanyDetail>('GET', `customers/companies/${enc(id)}`),
  createCompany: (body: TCreateCompany) => request<TCompany>('POST', 'customers/companies', { body }),
  updateCompany: (id: string, body: TUpdateCompany) =>
    request<TCompany>('PATCH', `customers/companies/${enc(id)}`, { body }),
  panel: async (ticketId: string) => (await request<TCustomerPanel>('GET', `tickets/${enc(ticketId)}/customer`)).data,
  reevaluateSla: (ticketId: string): Promise<ApiResult<TTicket>> =>
    request<TTicket>('POST', `tickets/${enc(ticketId)}/customer/reevaluate-sla`),
  crmStatus: async () => (await request<TCrmStatusResponse>('GET', 'admin/crm')).data,
  checkCrm: async () => (await request<TCrmStatusResponse>('POST', 'admin/crm/check')).data,
};
