/**
 * The first passes of a migration: organizations become companies, groups are mapped to teams,
 * users become contacts (end users) or are matched to agents by email. An agent of the source with
 * no agent here is kept as an inactive directory entry (never lost: their entries keep an author),
 * and never becomes an owner. Every pass is idempotent: what is already here is skipped.
 */

import type { CustomerDirectory } from '../customers/customer-directory.js';
import type { TicketCustomer } from '../customers/customer-types.js';
import { normalizeDomains } from '../customers/customer-validation.js';
import type { AgentSnapshot } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { type Counts, derivedId, type MigrationLedger, type Rejection } from './migration-ledger.js';
import type { MigrationMapping } from './migration-mapping.js';
import type { MigrationSource, SourceGroup, SourceUser } from './migration-source.js';
import type { Person } from './ticket-plan.js';

export interface PeopleDeps {
  readonly directory: DirectoryRepository;
  readonly customers: CustomerDirectory;
  readonly ledger: MigrationLedger;
  readonly ids: IdGenerator;
  readonly now: () => Date;
}

export interface PassTally {
  readonly counts: Counts;
  readonly rejected: Rejection[];
  readonly dryRun: boolean;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export async function importOrganizations(source: MigrationSource, deps: PeopleDeps, tally: PassTally): Promise<void> {
  for await (const page of source.organizations()) {
    for (const org of page) {
      if (await deps.ledger.target('organization', org.id)) {
        tally.counts.organizations.skipped++;
        continue;
      }
      const domains = org.domains.filter((d) => normalizeDomains([d]).ok);
      if (tally.dryRun) {
        tally.counts.organizations.imported++;
        continue;
      }
      const at = { now: deps.now(), ids: deps.ids };
      // A domain another company already claims keeps the organization, without that domain.
      let created = await deps.customers.createCompany({ name: org.name, domains, notes: org.notes }, at);
      if (!created.ok && domains.length > 0)
        created = await deps.customers.createCompany({ name: org.name, domains: [], notes: org.notes }, at);
      if (!created.ok) {
        tally.counts.organizations.rejected++;
        tally.rejected.push({ kind: 'organization', sourceId: org.id, reason: created.error.message });
        continue;
      }
      await deps.ledger.remember('organization', org.id, created.value.id, at.now.toISOString());
      tally.counts.organizations.imported++;
    }
  }
}

/** Source group id -> our team id, through the mapping (by team id or slug) and its default. */
export async function mapGroups(
  source: MigrationSource,
  deps: PeopleDeps,
  mapping: MigrationMapping,
  tally: PassTally,
): Promise<Map<string, string | null>> {
  const teams = await deps.directory.teams();
  const byRef = new Map<string, string>();
  for (const team of teams) {
    byRef.set(team.id, team.id);
    byRef.set(team.slug, team.id);
  }
  const fallback = mapping.file.defaults.teamId ? (byRef.get(mapping.file.defaults.teamId) ?? null) : null;
  const out = new Map<string, string | null>();
  const take = (group: SourceGroup) => {
    const named = mapping.groupTeam(group);
    const team = named ? byRef.get(named) : undefined;
    if (team) tally.counts.groups.imported++;
    else tally.counts.groups.skipped++;
    out.set(group.id, team ?? fallback);
  };
  for await (const page of source.groups()) for (const group of page) take(group);
  return out;
}

export interface PeopleIndex {
  readonly people: Map<string, Person>;
  /** The ticket's customer facts of a contact, from the directory (the CRM is not asked for the past). */
  customerOf(contactId: string | null): Promise<TicketCustomer | null>;
}

export async function importUsers(
  source: MigrationSource,
  deps: PeopleDeps,
  mapping: MigrationMapping,
  tally: PassTally,
): Promise<PeopleIndex> {
  const people = new Map<string, Person>();
  for await (const page of source.users()) {
    for (const user of page) {
      const person =
        user.role === 'agent' ? await agentOf(user, deps, mapping, tally) : await contactOf(user, deps, tally);
      people.set(user.id, person);
    }
  }
  const companyCache = new Map<string, Promise<Awaited<ReturnType<CustomerDirectory['company']>>>>();
  return {
    people,
    async customerOf(contactId) {
      if (!contactId) return null;
      const contact = (await deps.customers.contact(contactId))?.contact;
      if (!contact) return null;
      let company: Awaited<ReturnType<CustomerDirectory['company']>>;
      if (contact.companyId) {
        let pending = companyCache.get(contact.companyId);
        if (!pending) {
          pending = deps.customers.company(contact.companyId);
          companyCache.set(contact.companyId, pending);
        }
        company = await pending;
      }
      return {
        contactId: contact.id,
        companyId: company?.company.id ?? null,
        companyName: company?.company.name ?? null,
        tier: company?.company.tier ?? null,
        tierSource: company?.company.tier ? 'directory' : null,
        accountManagerId: company?.company.accountManagerId ?? null,
        crmId: contact.crmId,
        enrichment: 'local',
      };
    },
  };
}

async function agentOf(
  user: SourceUser,
  deps: PeopleDeps,
  mapping: MigrationMapping,
  tally: PassTally,
): Promise<Person> {
  if (!user.email || !EMAIL.test(user.email)) {
    tally.counts.agents.rejected++;
    tally.rejected.push({ kind: 'user', sourceId: user.id, reason: `agent ${user.name} has no valid email address` });
    return { kind: 'no-address', name: user.name };
  }
  const email = mapping.agentEmail(user.email);
  const here = await deps.directory.agentByEmail(email);
  if (here) {
    tally.counts.agents.skipped++;
    return { kind: 'agent', email, name: here.name, agent: here, placeholder: !here.active };
  }
  mapping.unmappedAgent(email);
  const id = derivedId('ag_', deps.ledger.source, user.id);
  const existing = await deps.directory.agent(id);
  const placeholder: AgentSnapshot = existing ?? {
    id,
    email,
    name: user.name || email,
    roles: ['agent'],
    teamIds: [],
    skills: [],
    capacity: 0,
    availability: 'offline',
    active: false,
  };
  if (existing) tally.counts.agents.skipped++;
  else {
    tally.counts.agents.imported++;
    if (!tally.dryRun) await deps.directory.saveAgent(placeholder);
  }
  return { kind: 'agent', email, name: placeholder.name, agent: placeholder, placeholder: true };
}

async function contactOf(user: SourceUser, deps: PeopleDeps, tally: PassTally): Promise<Person> {
  if (!user.email || !EMAIL.test(user.email.trim())) {
    tally.counts.users.rejected++;
    tally.rejected.push({
      kind: 'user',
      sourceId: user.id,
      reason: user.email ? `${user.name}: ${user.email} is not an email address` : `${user.name} has no email address`,
    });
    return { kind: 'no-address', name: user.name };
  }
  const email = user.email.trim().toLowerCase();
  const name = user.name.trim() || (email.split('@')[0] as string);
  const existing = await deps.customers.contactByEmail(email);
  if (existing) {
    tally.counts.users.skipped++;
    return { kind: 'customer', email, name: existing.name, contactId: existing.id };
  }
  if (tally.dryRun) {
    tally.counts.users.imported++;
    return { kind: 'customer', email, name, contactId: null };
  }
  const companyId = user.organizationId
    ? ((await deps.ledger.target('organization', user.organizationId)) ?? null)
    : null;
  const created = await deps.customers.createContact(
    { name, emails: [email], phone: user.phone, companyId },
    'import',
    { now: deps.now(), ids: deps.ids },
  );
  if (!created.ok) {
    // Claimed meanwhile (a mail from them, a parallel run): the contact is there now.
    const raced = await deps.customers.contactByEmail(email);
    if (raced) {
      tally.counts.users.skipped++;
      return { kind: 'customer', email, name: raced.name, contactId: raced.id };
    }
    tally.counts.users.rejected++;
    tally.rejected.push({ kind: 'user', sourceId: user.id, reason: created.error.message });
    return { kind: 'no-address', name };
  }
  tally.counts.users.imported++;
  return { kind: 'customer', email, name, contactId: created.value.id };
}
