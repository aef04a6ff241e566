/**
 * The customer directory and the customer facts tickets record, on in-memory ports: new senders
 * become contacts matched to companies by domain, the ticket keeps the tier it was created with,
 * a tier change reaches it only by "re-evaluate SLA" (timeline entry, policy matched again), and
 * only leads and admins set tiers.
 */
import { describe, expect, it } from 'vitest';
import { wireServices } from '../../functions/composition-root.js';
import { seedCustomers } from '../../infra/seed/customer-seed.js';
import { DEMO_AGENTS, DEMO_TEAMS } from '../../infra/seed/demo-organisation.js';
import { seedSlaDefaults } from '../../infra/seed/sla-defaults.js';
import type { Actor } from '../../shared/kernel/actor.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { RecordingBus } from '../fakes/recording-bus.js';
import { CountingIds, ManualClock } from '../support/test-services.js';

const agent = (email: string): Actor => {
  const a = DEMO_AGENTS.find((x) => x.email === email);
  if (!a) throw new Error(email);
  return { kind: 'agent', agentId: a.id, roles: a.roles, teamIds: a.teamIds };
};

async function world() {
  const store = new InMemoryDocumentStore();
  const clock = new ManualClock(new Date('2026-06-01T08:00:00.000Z'));
  const s = wireServices(
    { store, bus: new RecordingBus(), clock, ids: new CountingIds(), log: () => {} },
    { AUTH_MODE: 'dev', STORE: 'sqlite', QUEUE: 'local' },
  );
  for (const team of DEMO_TEAMS) await s.directory.saveTeam(team);
  for (const a of DEMO_AGENTS) await s.directory.saveAgent(a);
  await seedSlaDefaults(s.sla.config);
  await seedCustomers(s.customers.service, s.sla.config);
  return { s, store, clock };
}

const open = async (s: Awaited<ReturnType<typeof world>>['s'], email: string, name = 'Someone') => {
  const created = await s.tickets.create(
    {
      type: 'incident',
      title: 'Help',
      description: '',
      requester: { email, name },
      impact: 2,
      urgency: 2,
      channel: 'email',
    },
    agent('lead@demo.local'),
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
};

describe('Customer directory', () => {
  it('makes a contact of a new requester, matched to the company listing the domain (or a parent of it)', async () => {
    const { s } = await world();
    const made = await open(s, 'Jane.Doe@EU.Northwind.example', 'Jane Doe');
    const contact = await s.customers.directory.contactByEmail('jane.doe@eu.northwind.example');
    expect(contact).toMatchObject({ name: 'Jane Doe', source: 'ticket' });
    expect(made.ticket.customer).toMatchObject({
      contactId: contact?.id,
      companyName: 'Northwind Traders',
      tier: 'enterprise',
      tierSource: 'directory',
      accountManagerId: 'ag_alice',
      enrichment: 'local',
    });
    expect(made.ticket.customerTier).toBe('enterprise');
    expect(made.sla?.policyId).toBe('enterprise');
    // A second ticket from the same address reuses the contact.
    const again = await open(s, 'jane.doe@eu.northwind.example');
    expect(again.ticket.customer?.contactId).toBe(contact?.id);
  });

  it('gives a sender of no known company no tier, and the per-priority policy', async () => {
    const { s } = await world();
    const made = await open(s, 'someone@unknown.example');
    expect(made.ticket.customer).toMatchObject({ companyId: null, tier: null });
    expect(made.sla?.policyId).toBe('p3');
  });

  it('keeps the tier a ticket was created with until an agent re-evaluates the SLA', async () => {
    const { s } = await world();
    const made = await open(s, 'raj.patel@contoso.example');
    expect(made.ticket.customerTier).toBe('business');
    const contoso = (await s.customers.service.listCompanies({ q: 'contoso', limit: 5 })).items[0];
    if (!contoso) throw new Error('no contoso');
    const raised = await s.customers.service.updateCompany(
      contoso.id,
      { tier: 'Enterprise' },
      agent('lead@demo.local'),
    );
    expect(raised.ok && raised.value.tier).toBe('enterprise');

    const before = await s.queries.get(made.ticket.id);
    expect(before.ok && before.value.ticket.customerTier).toBe('business');
    const panel = await s.customers.service.panel(made.ticket);
    expect(panel).toMatchObject({ currentTier: 'enterprise', tierChanged: true });

    const re = await s.customers.acts.reevaluateSla(made.ticket.id, agent('alice@demo.local'));
    expect(re.ok).toBe(true);
    if (!re.ok) return;
    expect(re.value.ticket.customerTier).toBe('enterprise');
    expect(re.value.sla?.policyId).toBe('enterprise');
    const timeline = await s.queries.timeline(made.ticket.id, 50);
    const entry = timeline.items.find((e) => e.kind === 'customer_reevaluated');
    expect(entry?.data).toMatchObject({ fromTier: 'business', toTier: 'enterprise' });
    expect(re.value.ticket.ownerId).toBeNull();
  });

  it('lets only leads and admins set a tier or an account manager', async () => {
    const { s } = await world();
    const made = await s.customers.service.createCompany(
      { name: 'Acme', domains: ['acme.example'] },
      agent('alice@demo.local'),
    );
    expect(made.ok).toBe(true);
    const tiered = await s.customers.service.createCompany(
      { name: 'Acme 2', domains: [], tier: 'gold' },
      agent('alice@demo.local'),
    );
    expect(!tiered.ok && tiered.error.code).toBe('AUTH.FORBIDDEN');
    if (!made.ok) return;
    const renamed = await s.customers.service.updateCompany(
      made.value.id,
      { name: 'Acme Corp' },
      agent('alice@demo.local'),
    );
    expect(renamed.ok).toBe(true);
    const raised = await s.customers.service.updateCompany(made.value.id, { tier: 'gold' }, agent('alice@demo.local'));
    expect(!raised.ok && raised.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a domain another company lists, a public mail provider and an address another contact has', async () => {
    const { s } = await world();
    const taken = await s.customers.service.createCompany(
      { name: 'Fake Northwind', domains: ['Northwind.example'] },
      agent('lead@demo.local'),
    );
    expect(!taken.ok && taken.error.code).toBe('COMPANY.DOMAIN_TAKEN');
    const gmail = await s.customers.service.createCompany(
      { name: 'Gmail users', domains: ['gmail.com'] },
      agent('lead@demo.local'),
    );
    expect(!gmail.ok && gmail.error.code).toBe('REQUEST.VALIDATION_FAILED');
    const dup = await s.customers.service.createContact({
      name: 'Olivia 2',
      emails: ['OLIVIA.BRANDT@northwind.example'],
    });
    expect(!dup.ok && dup.error.code).toBe('CUSTOMER.EMAIL_TAKEN');
  });

  it('searches contacts by name and email and companies by domain', async () => {
    const { s } = await world();
    expect((await s.customers.service.listContacts({ q: 'olivia', limit: 10 })).items.map((c) => c.name)).toEqual([
      'Olivia Brandt',
    ]);
    expect(
      (await s.customers.service.listContacts({ q: 'contoso.example', limit: 10 })).items.map((c) => c.name),
    ).toEqual(['Raj Patel']);
    expect(
      (await s.customers.service.listCompanies({ q: 'contoso-pharma', limit: 10 })).items.map((c) => c.name),
    ).toEqual(['Contoso Pharma']);
    expect(
      (await s.customers.service.listCompanies({ tier: 'Enterprise', limit: 10 })).items.map((c) => c.name),
    ).toEqual(['Northwind Traders']);
  });

  it("counts a contact's tickets, breaches and median resolution on the panel", async () => {
    const { s, clock } = await world();
    const a = await open(s, 'marcus.lee@northwind.example');
    const b = await open(s, 'marcus.lee@northwind.example');
    const alice = agent('alice@demo.local');
    await s.tickets.accept(a.ticket.id, alice);
    clock.advance(60 * 60_000);
    await s.tickets.changeStatus(a.ticket.id, { status: 'resolved', reason: 'done' }, alice);
    const panel = await s.customers.service.panel(b.ticket);
    expect(panel.insights?.last90Days).toMatchObject({ tickets: 2, resolved: 1, medianResolutionMinutes: 60 });
    expect(panel.insights?.open.map((t) => t.id)).toEqual([b.ticket.id]);
    expect(panel.accountManager?.id).toBe('ag_alice');
  });
});
