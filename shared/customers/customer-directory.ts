/**
 * The built-in customer directory on the DocumentStore (`customers` container, one partition per
 * document). A contact's addresses and a company's domains are claimed by key documents
 * (`email:<address>` -> contact, `domain:<domain>` -> company), created before the record, so two
 * contacts never share an address and the mail path resolves a sender with point reads. A key
 * left behind by a crash between the claim and the record points at nothing and is taken over.
 */

import { fail, ok, type Result } from '../kernel/result.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { keyId } from './customer-keys.js';
import type { CompanySnapshot, ContactSnapshot } from './customer-types.js';
import type { CompanyInput, ContactInput } from './customer-validation.js';
import { domainCandidates, normalizeEmail } from './mail-domain.js';

type ContactDoc = ContactSnapshot &
  StoredDocument & { docType: 'contact'; pk: string; nameKey: string; search: string };
type CompanyDoc = CompanySnapshot &
  StoredDocument & { docType: 'company'; pk: string; nameKey: string; search: string };
type KeyDoc = StoredDocument & {
  docType: 'contact-email' | 'company-domain';
  pk: string;
  targetId: string;
  /** When the claim was made: a claim without its record is taken over only after STALE_CLAIM_MS. */
  at?: string;
};

/**
 * A claim whose record is still missing after this long was left by a crash: the claim and the
 * record are written one right after the other, so a live creator finishes within milliseconds.
 * Short enough that the redelivery of mail killed between the two writes lands at once (the crash
 * test kills the host there).
 */
const STALE_CLAIM_MS = 5_000;

export interface ListPage<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

const contactOf = (d: ContactDoc): ContactSnapshot => {
  const { docType: _t, pk: _p, nameKey: _n, search: _s, ...rest } = d;
  return rest as ContactSnapshot;
};
const companyOf = (d: CompanyDoc): CompanySnapshot => {
  const { docType: _t, pk: _p, nameKey: _n, search: _s, ...rest } = d;
  return rest as CompanySnapshot;
};

const contactDoc = (c: ContactSnapshot): ContactDoc => ({
  ...c,
  docType: 'contact',
  pk: c.id,
  nameKey: c.name.toLowerCase(),
  search: [c.name, ...c.emails, c.phone ?? ''].join(' ').toLowerCase(),
});
const companyDoc = (c: CompanySnapshot): CompanyDoc => ({
  ...c,
  docType: 'company',
  pk: c.id,
  nameKey: c.name.toLowerCase(),
  search: [c.name, ...c.domains, c.tier ?? ''].join(' ').toLowerCase(),
});

export class CustomerDirectory {
  constructor(private readonly store: DocumentStore) {}

  async contact(id: string): Promise<{ contact: ContactSnapshot; etag: string } | undefined> {
    const found = await this.store.read<ContactDoc>('customers', id, id);
    return found && found.doc.docType === 'contact' ? { contact: contactOf(found.doc), etag: found.etag } : undefined;
  }

  async company(id: string): Promise<{ company: CompanySnapshot; etag: string } | undefined> {
    const found = await this.store.read<CompanyDoc>('customers', id, id);
    return found && found.doc.docType === 'company' ? { company: companyOf(found.doc), etag: found.etag } : undefined;
  }

  async contactByEmail(email: string): Promise<ContactSnapshot | undefined> {
    const key = await this.readKey('email', normalizeEmail(email));
    if (!key) return undefined;
    return (await this.contact(key.targetId))?.contact;
  }

  /** The company listing the sender's domain or a parent of it (most specific first). */
  async companyForEmail(email: string): Promise<CompanySnapshot | undefined> {
    for (const domain of domainCandidates(email)) {
      const key = await this.readKey('domain', domain);
      if (!key) continue;
      const company = await this.company(key.targetId);
      if (company) return company.company;
    }
    return undefined;
  }

  async createContact(
    input: ContactInput,
    source: ContactSnapshot['source'],
    at: { now: Date; ids: IdGenerator },
  ): Promise<Result<ContactSnapshot>> {
    const id = at.ids.next('ct_');
    const now = at.now.toISOString();
    const contact: ContactSnapshot = {
      id,
      name: input.name,
      emails: input.emails,
      phone: input.phone ?? null,
      language: input.language ?? null,
      timeZone: input.timeZone ?? null,
      companyId: input.companyId ?? null,
      notes: input.notes ?? '',
      crmId: input.crmId ?? null,
      source,
      createdAt: now,
      updatedAt: now,
    };
    const claimed = await this.claimAll('email', contact.emails, id, at.now);
    if (!claimed.ok) return claimed;
    await this.store.batch('customers', id, [{ op: 'create', doc: contactDoc(contact) }]);
    return ok(contact);
  }

  /**
   * The contact of an inbound sender, created on first contact with the company their domain
   * names; `created` tells whether this call made it.
   */
  async ensureContactForSender(
    email: string,
    name: string,
    source: ContactSnapshot['source'],
    at: { now: Date; ids: IdGenerator },
  ): Promise<{ contact: ContactSnapshot; created: boolean }> {
    const address = normalizeEmail(email);
    const existing = await this.contactByEmail(address);
    if (existing) return { contact: existing, created: false };
    const company = await this.companyForEmail(address);
    const created = await this.createContact(
      { name: name.trim() || (address.split('@')[0] as string), emails: [address], companyId: company?.id ?? null },
      source,
      at,
    );
    if (created.ok) return { contact: created.value, created: true };
    // Another delivery from the same sender is creating it: its record lands in a moment. If it
    // never does, a crash left the claim alone; once stale, the claim is taken over by creating again.
    const started = Date.now();
    while (Date.now() - started < STALE_CLAIM_MS + 1_000) {
      const raced = await this.contactByEmail(address);
      if (raced) return { contact: raced, created: false };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const retried = await this.createContact(
      { name: name.trim() || (address.split('@')[0] as string), emails: [address], companyId: company?.id ?? null },
      source,
      { now: new Date(at.now.getTime() + (Date.now() - started)), ids: at.ids },
    );
    if (retried.ok) return { contact: retried.value, created: true };
    const raced = await this.contactByEmail(address);
    if (raced) return { contact: raced, created: false };
    throw new Error(`contact for ${address}: ${retried.error.message}`);
  }

  async replaceContact(
    next: ContactSnapshot,
    etag: string,
    previous: ContactSnapshot,
  ): Promise<Result<ContactSnapshot>> {
    const added = next.emails.filter((e) => !previous.emails.includes(e));
    const removed = previous.emails.filter((e) => !next.emails.includes(e));
    const claimed = await this.claimAll('email', added, next.id, new Date(next.updatedAt));
    if (!claimed.ok) return claimed;
    try {
      await this.store.batch('customers', next.id, [{ op: 'replace', doc: contactDoc(next), ifMatch: etag }]);
    } catch (error) {
      await this.release('email', added, next.id);
      throw error;
    }
    await this.release('email', removed, next.id);
    return ok(next);
  }

  async createCompany(input: CompanyInput, at: { now: Date; ids: IdGenerator }): Promise<Result<CompanySnapshot>> {
    const id = at.ids.next('co_');
    const now = at.now.toISOString();
    const company: CompanySnapshot = {
      id,
      name: input.name,
      domains: input.domains,
      tier: input.tier ?? null,
      accountManagerId: input.accountManagerId ?? null,
      notes: input.notes ?? '',
      crmId: input.crmId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const claimed = await this.claimAll('domain', company.domains, id, at.now);
    if (!claimed.ok) return claimed;
    await this.store.batch('customers', id, [{ op: 'create', doc: companyDoc(company) }]);
    return ok(company);
  }

  async replaceCompany(
    next: CompanySnapshot,
    etag: string,
    previous: CompanySnapshot,
  ): Promise<Result<CompanySnapshot>> {
    const added = next.domains.filter((d) => !previous.domains.includes(d));
    const removed = previous.domains.filter((d) => !next.domains.includes(d));
    const claimed = await this.claimAll('domain', added, next.id, new Date(next.updatedAt));
    if (!claimed.ok) return claimed;
    try {
      await this.store.batch('customers', next.id, [{ op: 'replace', doc: companyDoc(next), ifMatch: etag }]);
    } catch (error) {
      await this.release('domain', added, next.id);
      throw error;
    }
    await this.release('domain', removed, next.id);
    return ok(next);
  }

  async listContacts(filter: {
    q?: string;
    companyId?: string;
    limit: number;
    cursor?: string;
  }): Promise<ListPage<ContactSnapshot>> {
    const page = await this.store.query<ContactDoc>('customers', {
      where: [
        { field: 'docType', op: 'eq', value: 'contact' },
        ...(filter.companyId ? [{ field: 'companyId', op: 'eq' as const, value: filter.companyId }] : []),
        ...(filter.q ? [{ field: 'search', op: 'contains' as const, value: filter.q.toLowerCase() }] : []),
      ],
      orderBy: [{ field: 'nameKey', direction: 'asc' }],
      limit: filter.limit,
      ...(filter.cursor ? { cursor: filter.cursor } : {}),
    });
    return { items: page.items.map((i) => contactOf(i.doc)), nextCursor: page.nextCursor };
  }

  async listCompanies(filter: {
    q?: string;
    tier?: string;
    limit: number;
    cursor?: string;
  }): Promise<ListPage<CompanySnapshot>> {
    const page = await this.store.query<CompanyDoc>('customers', {
      where: [
        { field: 'docType', op: 'eq', value: 'company' },
        ...(filter.tier ? [{ field: 'tier', op: 'eq' as const, value: filter.tier }] : []),
        ...(filter.q ? [{ field: 'search', op: 'contains' as const, value: filter.q.toLowerCase() }] : []),
      ],
      orderBy: [{ field: 'nameKey', direction: 'asc' }],
      limit: filter.limit,
      ...(filter.cursor ? { cursor: filter.cursor } : {}),
    });
    return { items: page.items.map((i) => companyOf(i.doc)), nextCursor: page.nextCursor };
  }

  /** The company whose CRM id this is (companies linked to HubSpot), if any. */
  async companyByCrmId(crmId: string): Promise<CompanySnapshot | undefined> {
    const page = await this.store.query<CompanyDoc>('customers', {
      where: [
        { field: 'docType', op: 'eq', value: 'company' },
        { field: 'crmId', op: 'eq', value: crmId },
      ],
      limit: 1,
    });
    const doc = page.items[0]?.doc;
    return doc ? companyOf(doc) : undefined;
  }

  private async readKey(kind: 'email' | 'domain', value: string): Promise<KeyDoc | undefined> {
    const id = keyId(kind, value);
    return (await this.store.read<KeyDoc>('customers', id, id))?.doc;
  }

  /** Claims every value for `targetId`; on the first one taken, releases what it claimed and fails. */
  private async claimAll(
    kind: 'email' | 'domain',
    values: readonly string[],
    targetId: string,
    now: Date,
  ): Promise<Result<void>> {
    const done: string[] = [];
    for (const value of values) {
      const claimed = await this.claim(kind, value, targetId, now);
      if (!claimed.ok) {
        await this.release(kind, done, targetId);
        return claimed;
      }
      done.push(value);
    }
    return ok(undefined);
  }

  private async claim(kind: 'email' | 'domain', value: string, targetId: string, now: Date): Promise<Result<void>> {
    const id = keyId(kind, value);
    const doc: KeyDoc = {
      id,
      pk: id,
      docType: kind === 'email' ? 'contact-email' : 'company-domain',
      targetId,
      at: now.toISOString(),
    };
    const taken = (holderId: string): Result<void> =>
      kind === 'email'
        ? fail('CUSTOMER.EMAIL_TAKEN', `${value} belongs to another contact`, { contactId: holderId })
        : fail('COMPANY.DOMAIN_TAKEN', `${value} is listed by another company`, { companyId: holderId });
    try {
      await this.store.batch('customers', id, [{ op: 'create', doc }]);
      return ok(undefined);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    }
    const existing = await this.store.read<KeyDoc>('customers', id, id);
    if (existing && existing.doc.targetId !== targetId) {
      const holder = await this.store.read<StoredDocument>('customers', existing.doc.targetId, existing.doc.targetId);
      const age = now.getTime() - Date.parse(existing.doc.at ?? '1970-01-01T00:00:00Z');
      // A claim whose record is being written right now is taken; one left by a crash is taken over.
      if (holder || age < STALE_CLAIM_MS) return taken(existing.doc.targetId);
      try {
        await this.store.batch('customers', id, [{ op: 'replace', doc, ifMatch: existing.etag }]);
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) return taken(existing.doc.targetId);
        throw error;
      }
    }
    return ok(undefined);
  }

  private async release(kind: 'email' | 'domain', values: readonly string[], targetId: string): Promise<void> {
    for (const value of values) {
      const id = keyId(kind, value);
      const existing = await this.store.read<KeyDoc>('customers', id, id);
      if (existing?.doc.targetId === targetId)
        await this.store.batch('customers', id, [{ op: 'delete', id, ifMatch: existing.etag }]).catch(() => {});
    }
  }
}
