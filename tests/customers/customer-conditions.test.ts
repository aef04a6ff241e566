/**
 * Rules, routing and SLA on the customer and CI facts, through the real services over the
 * in-memory store with events pumped through the dispatcher: SLA policies matched on the
 * customer's company and account manager, a routing rule on the tier, rules on the affected CIs'
 * class, criticality and impacted business service (the CMDB's facts), and the demo seed's
 * promise that Enterprise tickets get the tight policy and an SLA breach tells the account manager.
 */
import { describe, expect, it } from 'vitest';
import { seedCustomers } from '../../infra/seed/customer-seed.js';
import { seedSlaDefaults } from '../../infra/seed/sla-defaults.js';
import { ZSlaPolicy } from '../../shared/sla/sla-policy.js';
import { type OrchestraWorld, orchestraWorld } from '../orchestra/orchestra-world.js';

const MIN = 60_000;

async function customerWorld(): Promise<OrchestraWorld> {
  const w = await orchestraWorld();
  await seedSlaDefaults(w.services.sla.config);
  await seedCustomers(w.services.customers.service, w.services.sla.config, w.services.orchestra.rules);
  return w;
}

const companyId = async (w: OrchestraWorld, name: string): Promise<string> => {
  const page = await w.services.customers.service.listCompanies({ q: name, limit: 5 });
  const found = page.items.find((c) => c.name === name);
  if (!found) throw new Error(`no company ${name}`);
  return found.id;
};

const openFrom = async (w: OrchestraWorld, email: string, title = 'It broke') => {
  const created = await w.services.tickets.create(
    {
      type: 'incident',
      title,
      description: 'details',
      requester: { email, name: email.split('@')[0] as string },
      impact: 3,
      urgency: 3,
      teamId: 'service-desk',
      tags: [],
      channel: 'email',
    },
    w.actor('lead@demo.local'),
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value.ticket.id;
};

describe('SLA policies on the customer', () => {
  it('matches a policy on the company and the account manager, and the Enterprise one on the tier', async () => {
    const w = await customerWorld();
    const contoso = await companyId(w, 'Contoso Pharma');
    await w.services.sla.config.save(
      'policies',
      ZSlaPolicy.parse({
        id: 'contoso-bob',
        name: "Bob's Contoso",
        order: 1,
        conditions: { companyIds: [contoso], accountManagerIds: ['ag_bob'] },
        targets: { firstResponse: 15 },
        calendarId: '24x7',
      }),
      { create: true },
    );
    const raj = await w.snapshot(await openFrom(w, 'raj.patel@contoso.example'));
    const marcus = await w.snapshot(await openFrom(w, 'marcus.lee@northwind.example'));
    const hanna = await w.snapshot(await openFrom(w, 'hanna@customer.example'));
    expect(raj.customer).toMatchObject({ companyId: contoso, accountManagerId: 'ag_bob', tier: 'business' });
    expect(raj.slaMeta?.policy?.id).toBe('contoso-bob');
    expect(marcus.slaMeta?.policy?.id).toBe('enterprise');
    expect(hanna.slaMeta?.policy?.id).toBe('p4');
  });
});

describe('Rules and routing on the customer', () => {
  it('routes by tier and company, and leaves other customers alone', async () => {
    const w = await customerWorld();
    const northwind = await companyId(w, 'Northwind Traders');
    await w.rule({
      name: 'Key accounts to the database team',
      trigger: { kind: 'event', events: ['ticket.created'] },
      conditions: {
        all: [
          { field: 'ticket.customer.tier', op: 'in', values: ['enterprise'] },
          { field: 'ticket.customer.companyId', op: 'equals', value: northwind },
          { field: 'ticket.customer.accountManagerId', op: 'equals', value: 'ag_alice' },
        ],
      },
      actions: [
        { type: 'set_fields', teamId: 'database', addTags: ['key-account'] },
        { type: 'route', teamId: 'database' },
      ],
    });
    const key = await openFrom(w, 'olivia.brandt@northwind.example');
    const other = await openFrom(w, 'raj.patel@contoso.example');
    await w.pump();
    const routed = await w.snapshot(key);
    expect(routed).toMatchObject({ teamId: 'database', ownerId: null });
    expect(routed.tags).toEqual(expect.arrayContaining(['key-account', 'vip']));
    expect(routed.offer?.teamId).toBe('database');
    const untouched = await w.snapshot(other);
    expect(untouched.teamId).toBe('service-desk');
    expect(untouched.tags).not.toContain('key-account');
  });
});

describe('The VIP rule', () => {
  it('tags a ticket whose Enterprise tier arrives after creation, once', async () => {
    const w = await customerWorld();
    const id = await openFrom(w, 'hanna@customer.example', 'Dock station dead');
    await w.pump();
    expect((await w.snapshot(id)).tags).not.toContain('vip');
    const company = await companyId(w, 'Customer Example Ltd');
    const lead = w.actor('lead@demo.local');
    const raised = await w.services.customers.service.updateCompany(company, { tier: 'enterprise' }, lead);
    expect(raised.ok).toBe(true);
    const re = await w.services.customers.acts.reevaluateSla(id, lead);
    expect(re.ok).toBe(true);
    await w.pump();
    await w.services.customers.acts.reevaluateSla(id, lead);
    await w.pump();
    const after = await w.snapshot(id);
    expect(after.tags.filter((t) => t === 'vip')).toHaveLength(1);
    expect(after.slaMeta?.policy?.id).toBe('enterprise');
    const told = (await w.entries(id)).filter((e) => e.kind === 'rule_action' && e.body?.startsWith('Notify lead'));
    expect(told).toHaveLength(1);
  });
});

describe('Rules and routing on the affected CIs', () => {
  const ci = async (w: OrchestraWorld, name: string, ciClass: string, criticality: 1 | 2 | 3 | 4) => {
    const made = await w.services.cmdb.create(
      {
        name,
        ciClass,
        status: 'active',
        environment: 'production',
        criticality,
        ownerTeamId: null,
        location: null,
        assetTag: null,
        serial: null,
        hostNames: [],
        ipAddresses: [],
        attributes: {},
        redundancy: null,
      },
      w.actor('admin@demo.local'),
    );
    if (!made.ok) throw new Error(made.error.message);
    return made.value.ci.id;
  };
  const dependsOn = async (w: OrchestraWorld, from: string, to: string) => {
    const r = await w.services.cmdb.addRelation(from, { type: 'depends_on', toId: to }, w.actor('admin@demo.local'));
    if (!r.ok) throw new Error(r.error.message);
  };
  const setCis = async (w: OrchestraWorld, ticketId: string, ids: string[]) => {
    const r = await w.services.cmdb.setTicketCis(
      ticketId,
      { cis: ids.map((ciId, i) => ({ ciId, primary: i === 0 })) },
      w.actor('lead@demo.local'),
    );
    if (!r.ok) throw new Error(r.error.message);
  };

  it('matches class, criticality and impacted service, and routes to the CI team', async () => {
    const w = await customerWorld();
    const db = await ci(w, 'orders-db', 'database', 2);
    const app = await ci(w, 'Order API', 'application', 3);
    const payroll = await ci(w, 'Online shop', 'business_service', 1);
    const laptop = await ci(w, 'LT-0042', 'workstation', 4);
    await dependsOn(w, app, db);
    await dependsOn(w, payroll, app);
    await w.rule({
      name: 'Critical database behind a service',
      trigger: { kind: 'event', events: ['ticket.cis_changed'] },
      conditions: {
        all: [
          { field: 'cis.classes', op: 'contains', value: 'database' },
          { field: 'cis.criticality', op: 'lte', value: 2 },
          { field: 'cis.services', op: 'in', values: [payroll] },
          { field: 'cis.serviceCriticality', op: 'equals', value: 1 },
          { field: 'ticket.ownerId', op: 'is_empty' },
        ],
      },
      actions: [
        { type: 'set_fields', teamId: 'database' },
        { type: 'route', teamId: 'database' },
        { type: 'add_note', body: '{{cis.primary.name}} ({{cis.primary.ciClass}}) impacts {{cis.serviceNames}}' },
      ],
    });
    const hit = await openFrom(w, 'hanna@customer.example', 'Orders fail');
    const miss = await openFrom(w, 'hanna@customer.example', 'Laptop slow');
    await setCis(w, hit, [db]);
    await setCis(w, miss, [laptop]);
    await w.pump();

    const routed = await w.snapshot(hit);
    expect(routed).toMatchObject({ teamId: 'database', ownerId: null, offer: { teamId: 'database' } });
    const notes = (await w.entries(hit)).filter((e) => e.kind === 'rule_action').map((e) => e.body);
    expect(notes).toContain('Internal note: orders-db (database) impacts Online shop');
    expect((await w.snapshot(miss)).teamId).toBe('service-desk');

    // The dry run reads the same facts.
    const rules = w.services.orchestra.rules;
    const event = {
      id: 'dry',
      type: 'ticket.cis_changed',
      occurredAt: w.clock.now().toISOString(),
      actor: null,
      data: {},
    };
    expect(await rules.dryRun(await w.snapshot(miss), event)).toEqual([]);
    expect((await rules.dryRun(await w.snapshot(hit), event)).map((m) => m.ruleName)).toEqual([
      'Critical database behind a service',
    ]);
  });
});

describe('The demo seed', () => {
  it('gives Enterprise tickets the tight policy and tells the account manager of a breach', async () => {
    const w = await customerWorld();
    const enterprise = await openFrom(w, 'olivia.brandt@northwind.example', 'EDI feed stalled');
    const standard = await openFrom(w, 'hanna@customer.example', 'Mouse broken');
    await w.pump();
    const ticket = await w.snapshot(enterprise);
    expect(ticket).toMatchObject({ customerTier: 'enterprise', customer: { accountManagerId: 'ag_alice' } });
    expect(ticket.slaMeta?.policy?.id).toBe('enterprise');
    const before = await w.services.orchestra.notifications.list('ag_alice', { limit: 50 });

    w.clock.advance(31 * MIN); // the Enterprise first response (30 min on 24x7) is breached
    await w.services.sla.evaluator.run();
    await w.pump();
    const after = await w.services.orchestra.notifications.list('ag_alice', { limit: 50 });
    const breach = after.items.filter(
      (n) => !before.items.some((b) => b.id === n.id) && n.title.startsWith('SLA breached for Northwind Traders'),
    );
    expect(breach).toHaveLength(1);
    expect(breach[0]?.ticketId).toBe(enterprise);
    // The standard ticket (P4 on business hours, no account manager) breaches nothing yet and tells nobody.
    expect(after.items.some((n) => n.ticketId === standard)).toBe(false);
  });
});
