/**
 * An in-memory Crm for use-case tests: contacts by address with their companies, a delay per
 * lookup, a switch to fail, and counters of what was asked.
 */
import {
  type Crm,
  type CrmContact,
  type CrmNote,
  type CrmStatus,
  CrmUnavailableError,
  type NewCrmContact,
} from '../../shared/ports/crm.js';

export class FakeCrm implements Crm {
  readonly contacts = new Map<string, CrmContact>();
  readonly notes: (CrmNote & { id: string })[] = [];
  /** Addresses of every lookup call, one array per call. */
  readonly lookups: string[][] = [];
  delayMs = 0;
  down = false;

  know(contact: Partial<CrmContact> & { email: string; tier?: string | null; companyName?: string }): this {
    const id = contact.id ?? String(1000 + this.contacts.size);
    this.contacts.set(contact.email, {
      id,
      email: contact.email,
      name: contact.name ?? null,
      phone: null,
      fields: {},
      owner: contact.owner ?? null,
      companies:
        contact.companies ??
        (contact.tier !== undefined
          ? [
              {
                id: `co${id}`,
                name: contact.companyName ?? 'CRM Co',
                domain: null,
                tier: contact.tier,
                rawTier: contact.tier,
                fields: {},
              },
            ]
          : []),
      openDeals: [],
      url: `https://app.hubspot.com/contacts/1/record/0-1/${id}`,
    });
    return this;
  }

  async lookupContacts(emails: readonly string[]): Promise<ReadonlyMap<string, CrmContact | null>> {
    this.lookups.push([...emails]);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.down) throw new CrmUnavailableError('the fake CRM is down');
    return new Map(emails.map((e) => [e, this.contacts.get(e) ?? null]));
  }

  async createContact(input: NewCrmContact): Promise<{ id: string }> {
    const id = String(5000 + this.contacts.size);
    this.know({ id, email: input.email, name: [input.firstName, input.lastName].filter(Boolean).join(' ') });
    return { id };
  }

  async findNote(contactId: string, marker: string): Promise<string | null> {
    return this.notes.find((n) => n.contactId === contactId && n.body.includes(marker))?.id ?? null;
  }

  async addNote(note: CrmNote): Promise<{ id: string }> {
    const id = `note${this.notes.length + 1}`;
    this.notes.push({ ...note, id });
    return { id };
  }

  status(): CrmStatus {
    return {
      provider: 'fake',
      tokenValid: true,
      scopes: [],
      missingScopes: [],
      lastError: null,
      dailyRemaining: null,
      dailyLimit: null,
      dailyLimitSpent: false,
      dailyResetsAt: null,
      circuit: 'closed',
      calls: this.lookups.length,
      checkedAt: null,
    };
  }

  async checkToken(): Promise<CrmStatus> {
    return this.status();
  }
}
