/**
 * The customer directory's use cases for the API: contacts (any agent edits them), companies
 * (agents edit names, domains and notes; only leads and admins set the tier and the account
 * manager), the detail pages with their tickets and figures, and the ticket's customer panel.
 * Nothing here touches a ticket's owner; the ticket-side acts are in customer-ticket-acts.ts.
 */
import type {
  TCompanyDetail,
  TContactDetail,
  TCreateCompany,
  TCreateContact,
  TCrmContactView,
  TCustomerPanel,
  TUpdateCompany,
  TUpdateContact,
} from '../api/customers.schemas.js';
import { isSupervisor } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { CrmCache, CrmLookup } from './crm-cache.js';
import type { CustomerContext } from './customer-context.js';
import type { CustomerDirectory, ListPage } from './customer-directory.js';
import { customerInsights } from './customer-insights.js';
import type { CustomerTickets } from './customer-tickets.js';
import type { CompanySnapshot, ContactSnapshot } from './customer-types.js';
import { normalizeDomains, normalizeEmails, normalizeTier } from './customer-validation.js';

const canSetTier = (actor: Actor): boolean => actor.kind === 'agent' && isSupervisor(actor.roles);

export const crmView = (lookup: CrmLookup | null | undefined, enabled: boolean): TCrmContactView => {
  if (!enabled) return { state: 'off', stale: false, fetchedAt: null, contact: null };
  if (!lookup) return { state: 'pending', stale: false, fetchedAt: null, contact: null };
  if (lookup.state === 'pending') return { state: 'pending', stale: false, fetchedAt: null, contact: null };
  if (lookup.state === 'missing')
    return { state: 'missing', stale: lookup.stale, fetchedAt: lookup.fetchedAt, contact: null };
  const c = lookup.contact;
  return {
    state: 'found',
    stale: lookup.stale,
    fetchedAt: lookup.fetchedAt,
    contact: {
      ...c,
      fields: { ...c.fields },
      companies: c.companies.map((co) => ({ ...co, fields: { ...co.fields } })),
      openDeals: [...c.openDeals],
    },
  };
};

export class CustomerService {
  constructor(
    private readonly d: {
      readonly customers: CustomerDirectory;
      readonly tickets: CustomerTickets;
      readonly agents: DirectoryRepository;
      readonly context: CustomerContext;
      readonly crm: CrmCache | null;
      readonly clock: Clock;
      readonly ids: IdGenerator;
    },
  ) {}

  listContacts(query: {
    q?: string;
    companyId?: string;
    limit: number;
    cursor?: string;
  }): Promise<ListPage<ContactSnapshot>> {
    return this.d.customers.listContacts(query);
  }

  listCompanies(query: {
    q?: string;
    tier?: string;
    limit: number;
    cursor?: string;
  }): Promise<ListPage<CompanySnapshot>> {
    return this.d.customers.listCompanies({
      ...query,
      ...(query.tier ? { tier: normalizeTier(query.tier) as string } : {}),
    });
  }

  async contactDetail(id: string): Promise<Result<TContactDetail>> {
    const found = await this.d.customers.contact(id);
    if (!found) return fail('CUSTOMER.NOT_FOUND', `No contact ${id}`);
    const { contact } = found;
    const [company, recent, open, lookup] = await Promise.all([
      contact.companyId ? this.d.customers.company(contact.companyId).then((c) => c?.company ?? null) : null,
      this.d.tickets.ofContact(id),
      this.d.tickets.openOfContact(id),
      // An agent opening the page waits a moment for a contact HubSpot was never asked about.
      this.d.crm ? this.d.crm.get(contact.emails[0] as string, 1_500) : null,
    ]);
    return ok({
      contact,
      company,
      insights: customerInsights(recent.items, open, this.d.clock.now(), recent.truncated),
      crm: crmView(lookup, this.d.crm !== null),
    });
  }

  async companyDetail(id: string): Promise<Result<TCompanyDetail>> {
    const found = await this.d.customers.company(id);
    if (!found) return fail('COMPANY.NOT_FOUND', `No company ${id}`);
    const [contacts, recent, open] = await Promise.all([
      this.d.customers.listContacts({ companyId: id, limit: 100 }),
      this.d.tickets.ofCompany(id),
      this.d.tickets.openOfCompany(id),
    ]);
    return ok({
      company: found.company,
      contacts: contacts.items,
      insights: customerInsights(recent.items, open, this.d.clock.now(), recent.truncated),
    });
  }

  async createContact(input: TCreateContact): Promise<Result<ContactSnapshot>> {
    const emails = normalizeEmails(input.emails);
    if (!emails.ok) return emails;
    if (input.companyId && !(await this.d.customers.company(input.companyId)))
      return fail('COMPANY.NOT_FOUND', `No company ${input.companyId}`);
    return this.d.customers.createContact({ ...input, emails: emails.value }, 'agent', this.at());
  }

  async updateContact(id: string, patch: TUpdateContact, ifMatch?: string): Promise<Result<ContactSnapshot>> {
    const found = await this.d.customers.contact(id);
    if (!found) return fail('CUSTOMER.NOT_FOUND', `No contact ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag)
      return fail('REQUEST.PRECONDITION_FAILED', 'The contact changed since you loaded it (If-Match)');
    let emails = found.contact.emails;
    if (patch.emails) {
      const normalized = normalizeEmails(patch.emails);
      if (!normalized.ok) return normalized;
      emails = normalized.value;
    }
    if (patch.companyId && !(await this.d.customers.company(patch.companyId)))
      return fail('COMPANY.NOT_FOUND', `No company ${patch.companyId}`);
    const c = found.contact;
    const next: ContactSnapshot = {
      ...c,
      name: patch.name ?? c.name,
      emails,
      phone: patch.phone === undefined ? c.phone : patch.phone,
      language: patch.language === undefined ? c.language : patch.language,
      timeZone: patch.timeZone === undefined ? c.timeZone : patch.timeZone,
      companyId: patch.companyId === undefined ? c.companyId : patch.companyId,
      notes: patch.notes ?? c.notes,
      updatedAt: this.d.clock.now().toISOString(),
    };
    return this.d.customers.replaceContact(next, found.etag, c);
  }

  async createCompany(input: TCreateCompany, actor: Actor): Promise<Result<CompanySnapshot>> {
    if ((input.tier || input.accountManagerId) && !canSetTier(actor))
      return fail('AUTH.FORBIDDEN', 'Only leads and admins set a tier or an account manager');
    const domains = normalizeDomains(input.domains);
    if (!domains.ok) return domains;
    const manager = await this.checkManager(input.accountManagerId);
    if (!manager.ok) return manager;
    return this.d.customers.createCompany(
      { ...input, domains: domains.value, tier: normalizeTier(input.tier) },
      this.at(),
    );
  }

  async updateCompany(
    id: string,
    patch: TUpdateCompany,
    actor: Actor,
    ifMatch?: string,
  ): Promise<Result<CompanySnapshot>> {
    const found = await this.d.customers.company(id);
    if (!found) return fail('COMPANY.NOT_FOUND', `No company ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag)
      return fail('REQUEST.PRECONDITION_FAILED', 'The company changed since you loaded it (If-Match)');
    const c = found.company;
    const tier = patch.tier === undefined ? c.tier : normalizeTier(patch.tier);
    const accountManagerId = patch.accountManagerId === undefined ? c.accountManagerId : patch.accountManagerId;
    if ((tier !== c.tier || accountManagerId !== c.accountManagerId) && !canSetTier(actor))
      return fail('AUTH.FORBIDDEN', 'Only leads and admins set a tier or an account manager');
    let domains = c.domains;
    if (patch.domains) {
      const normalized = normalizeDomains(patch.domains);
      if (!normalized.ok) return normalized;
      domains = normalized.value;
    }
    const manager = await this.checkManager(accountManagerId !== c.accountManagerId ? accountManagerId : null);
    if (!manager.ok) return manager;
    const next: CompanySnapshot = {
      ...c,
      name: patch.name ?? c.name,
      domains,
      tier,
      accountManagerId,
      notes: patch.notes ?? c.notes,
      updatedAt: this.d.clock.now().toISOString(),
    };
    return this.d.customers.replaceCompany(next, found.etag, c);
  }

  /** The agent's customer panel on a ticket: recorded facts beside the live records and figures. */
  async panel(ticket: TicketSnapshot): Promise<TCustomerPanel> {
    const recorded = ticket.customer ?? null;
    const contact =
      (recorded ? (await this.d.customers.contact(recorded.contactId))?.contact : undefined) ??
      (await this.d.customers.contactByEmail(ticket.requester.email)) ??
      null;
    const [current, recent, open] = await Promise.all([
      contact ? this.d.context.current(contact.emails[0] as string, 0) : null,
      contact ? this.d.tickets.ofContact(contact.id) : null,
      contact ? this.d.tickets.openOfContact(contact.id) : null,
    ]);
    const companyId = current?.companyId ?? contact?.companyId ?? null;
    const company = companyId ? ((await this.d.customers.company(companyId))?.company ?? null) : null;
    const managerId = current?.accountManagerId ?? company?.accountManagerId ?? null;
    const manager = managerId ? await this.d.agents.agent(managerId) : undefined;
    const lookup = contact && this.d.crm ? await this.d.crm.peek(contact.emails[0] as string) : null;
    const currentTier = current?.tier ?? null;
    return {
      recorded,
      contact,
      company,
      accountManager: manager ? { id: manager.id, name: manager.name, email: manager.email } : null,
      currentTier,
      tierChanged:
        current !== null && current.enrichment !== 'pending' && currentTier !== (ticket.customerTier ?? null),
      insights: recent && open ? customerInsights(recent.items, open, this.d.clock.now(), recent.truncated) : null,
      crm: crmView(lookup, this.d.crm !== null),
    };
  }

  private async checkManager(agentId: string | null | undefined): Promise<Result<void>> {
    if (!agentId) return ok(undefined);
    const agent = await this.d.agents.agent(agentId);
    return agent?.active ? ok(undefined) : fail('AGENT.NOT_FOUND', `No active agent ${agentId}`);
  }

  private at() {
    return { now: this.d.clock.now(), ids: this.d.ids };
  }
}
