/**
 * Who a requester is, for a ticket: the built-in directory's contact (created on first contact)
 * and company (by the contact's link or the sender's domain), overlaid by the CRM when one is
 * configured. The CRM's company tier wins when it has one (HubSpot is the source of truth for the
 * companies it knows); otherwise the directory's. Ticket creation waits for the CRM at most
 * `waitMs`; a slower answer lands later (customer-enrichment.ts). At most `maxWaiting` creations
 * wait at once: in a burst of first mails the others go on with local data at once and are
 * enriched when the (batched) answer lands, so HubSpot's latency never holds the whole mail
 * queue's concurrency (ADR 0017).
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { CrmCache, CrmLookup } from './crm-cache.js';
import type { CustomerDirectory } from './customer-directory.js';
import type { CompanySnapshot, ContactSnapshot, TicketCustomer } from './customer-types.js';

export interface CustomerContextSettings {
  /** How long ticket creation (and mail ingestion) waits for the CRM (default 1.5 s). */
  readonly waitMs: number;
  /** How many ticket creations may wait for the CRM at the same time (default 2). */
  readonly maxWaiting: number;
}

export class CustomerContext {
  private waiting = 0;

  constructor(
    private readonly d: {
      readonly customers: CustomerDirectory;
      readonly crm: CrmCache | null;
      readonly agents: Pick<DirectoryRepository, 'agentByEmail'>;
      readonly clock: Clock;
      readonly ids: IdGenerator;
      readonly settings: CustomerContextSettings;
      readonly log?: (line: string) => void;
    },
  ) {}

  get crmEnabled(): boolean {
    return this.d.crm !== null;
  }

  /** The customer facts a new ticket records; creates the contact of a first-time requester. */
  async forNewTicket(
    requester: { email: string; name: string },
    source: ContactSnapshot['source'],
  ): Promise<TicketCustomer> {
    const { contact } = await this.d.customers.ensureContactForSender(requester.email, requester.name, source, {
      now: this.d.clock.now(),
      ids: this.d.ids,
    });
    if (this.waiting >= this.d.settings.maxWaiting) return this.resolve(contact, 0);
    this.waiting++;
    try {
      return await this.resolve(contact, this.d.settings.waitMs);
    } finally {
      this.waiting--;
    }
  }

  /** The requester's facts as of now (for a re-evaluation or a late enrichment); no contact is created. */
  async current(email: string, waitMs = this.d.settings.waitMs): Promise<TicketCustomer | null> {
    const contact = await this.d.customers.contactByEmail(email);
    return contact ? this.resolve(contact, waitMs) : null;
  }

  private async resolve(contact: ContactSnapshot, waitMs: number): Promise<TicketCustomer> {
    const primary = contact.emails[0] as string;
    const [company, lookup] = await Promise.all([
      contact.companyId
        ? this.d.customers.company(contact.companyId).then((c) => c?.company)
        : this.d.customers.companyForEmail(primary),
      this.d.crm ? this.d.crm.get(primary, waitMs) : Promise.resolve(null),
    ]);
    const customer = await this.merge(contact, company, lookup);
    if (lookup?.state === 'found' && contact.crmId !== lookup.contact.id)
      void this.linkCrm(contact.id, lookup.contact.id);
    return customer;
  }

  private async merge(
    contact: ContactSnapshot,
    company: CompanySnapshot | undefined,
    lookup: CrmLookup | null,
  ): Promise<TicketCustomer> {
    const crm = lookup?.state === 'found' ? lookup.contact : null;
    const crmCompany = crm?.companies[0] ?? null;
    const tier = crmCompany?.tier ?? company?.tier ?? null;
    // Without an account manager in the directory, the CRM's contact owner is one when they are an agent here.
    const ownerAgent =
      !company?.accountManagerId && crm?.owner?.email ? await this.d.agents.agentByEmail(crm.owner.email) : undefined;
    return {
      contactId: contact.id,
      companyId: company?.id ?? null,
      companyName: company?.name ?? crmCompany?.name ?? null,
      tier,
      tierSource: crmCompany?.tier ? 'crm' : company?.tier ? 'directory' : null,
      accountManagerId: company?.accountManagerId ?? ownerAgent?.id ?? null,
      crmId: crm?.id ?? contact.crmId,
      enrichment: lookup === null ? 'local' : lookup.state === 'pending' ? 'pending' : 'complete',
    };
  }

  private async linkCrm(contactId: string, crmId: string): Promise<void> {
    try {
      const found = await this.d.customers.contact(contactId);
      if (!found || found.contact.crmId === crmId) return;
      const next = { ...found.contact, crmId, updatedAt: this.d.clock.now().toISOString() };
      await this.d.customers.replaceContact(next, found.etag, found.contact);
    } catch (error) {
      this.d.log?.(`crm: could not link contact ${contactId}: ${String(error)}`);
    }
  }
}
