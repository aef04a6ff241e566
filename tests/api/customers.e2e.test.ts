/**
 * The customer directory end to end on the local platform with CRM_PROVIDER=hubspot (the real
 * SDK against the HubSpot simulator), on SQLite and on Cosmos: mail from a HubSpot contact opens
 * a ticket with HubSpot's tier and the Enterprise policy; the customer panel and pages; webhooks
 * with valid, wrong, old and future signatures; HubSpot down or rate limited keeps mail flowing
 * (tickets enriched when it answers); write-back notes once; bad input as problem+json.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCustomerPanel } from '../../shared/api/customers.schemas.js';
import { type HubSpotSimulator, startHubSpotSimulator } from '../simulators/hubspot/hubspot-simulator.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

const SECRET = 'e2e-client-secret';
type Ticket = {
  id: string;
  number: string;
  customerTier: string | null;
  customer: Record<string, unknown> | null;
  tags: string[];
  sla: { policyId: string } | null;
};

describe.each(E2E_STORES)('Customers and HubSpot over HTTP (%s)', (store) => {
  let p: RunningPlatform;
  let sim: HubSpotSimulator;
  let send: (from: string, subject: string) => Promise<void>;
  const hooksUrl = () => `${p.url}/api/crm/hubspot/webhooks`;

  beforeAll(async () => {
    sim = await startHubSpotSimulator({ demo: true, clientSecret: SECRET });
    p = await startRunningPlatform({
      store,
      env: {
        CRM_PROVIDER: 'hubspot',
        HUBSPOT_TOKEN: sim.token,
        HUBSPOT_BASE_URL: sim.url,
        HUBSPOT_CLIENT_SECRET: SECRET,
        HUBSPOT_TIER_MAP: 'Strategic=enterprise,Growth=business',
        HUBSPOT_WAIT_MS: '1500',
        HUBSPOT_WRITE_BACK: 'true',
      },
    });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.platform.smtpPort as number,
      secure: false,
      ignoreTLS: true,
    });
    send = async (from, subject) => {
      await transport.sendMail({ from, to: 'support@demo.local', subject, text: `${subject}. Please help.` });
    };
  }, 60_000);
  afterAll(async () => {
    await p.stop();
    await sim.close();
  });

  const ticketsOf = async (email: string) => {
    await p.platform.drainQueue();
    const list = await p.api<{ items: Ticket[] }>(
      'alice@demo.local',
      `tickets?q=${encodeURIComponent(email)}&limit=50`,
    );
    return list.body.items;
  };
  const waitFor = async <T>(what: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const value = await what();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const ticketFrom = (email: string, count = 1) =>
    waitFor(async () => {
      const items = await ticketsOf(email);
      return items.length >= count ? items : undefined;
    });

  it('opens a ticket from mail with the tier HubSpot has, the Enterprise policy, a contact and a note', async () => {
    await send('Fiona Gallagher <fiona@fabrikam.example>', 'Line 3 robot offline');
    const [ticket] = await ticketFrom('fiona@fabrikam.example');
    const full = await p.api<Ticket>('alice@demo.local', `tickets/${ticket?.id}`);
    expect(full.body.customerTier).toBe('enterprise');
    expect(full.body.customer).toMatchObject({
      tierSource: 'crm',
      companyName: 'Fabrikam Inc',
      enrichment: 'complete',
    });
    expect(full.body.sla?.policyId).toBe('enterprise');
    expect(full.body.tags).toContain('vip');
    const panel = await p.api<TCustomerPanel>('alice@demo.local', `tickets/${ticket?.id}/customer`);
    expect(panel.status).toBe(200);
    expect(panel.body).toMatchObject({
      contact: { emails: ['fiona@fabrikam.example'] },
      crm: { state: 'found' },
      tierChanged: false,
    });
    expect(panel.body.crm.contact?.url).toContain('/record/0-1/');
    await waitFor(async () => (sim.account.objects.notes.size > 0 ? true : undefined));
    await p.platform.drainQueue();
    expect(
      [...sim.account.objects.notes.values()].filter((n) => n.properties.hs_note_body?.includes(ticket?.number ?? '?')),
    ).toHaveLength(1);
  });

  it('asks HubSpot once per contact however many mails arrive', async () => {
    const before = sim.requests.filter(
      (r) => r.path.includes('contacts/marcus.lee') || r.path === '/crm/v3/objects/contacts/batch/read',
    ).length;
    await Promise.all(Array.from({ length: 6 }, (_, i) => send('marcus.lee@northwind.example', `Printer ${i}`)));
    await ticketFrom('marcus.lee@northwind.example', 6);
    const after = sim.requests.filter(
      (r) => r.path.includes('contacts/marcus.lee') || r.path === '/crm/v3/objects/contacts/batch/read',
    ).length;
    expect(after - before).toBe(1);
  });

  it('accepts a signed webhook (the entry refreshes) and refuses wrong, old and future signatures', async () => {
    const company = [...sim.account.objects.companies.values()].find((c) => c.properties.name === 'Contoso Pharma');
    const event = [
      {
        subscriptionType: 'company.propertyChange',
        objectId: Number(company?.id),
        propertyName: 'tier',
        propertyValue: 'Strategic',
      },
    ];
    expect((await sim.sendWebhook(hooksUrl(), event, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await sim.sendWebhook(hooksUrl(), event, { timestampMs: Date.now() - 6 * 60_000 })).status).toBe(401);
    expect((await sim.sendWebhook(hooksUrl(), event, { timestampMs: Date.now() + 5 * 60_000 })).status).toBe(401);
    const unsigned = await fetch(hooksUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toContain('application/problem+json');

    await send('raj.patel@contoso.example', 'VPN drops');
    const [first] = await ticketFrom('raj.patel@contoso.example');
    expect((await p.api<Ticket>('alice@demo.local', `tickets/${first?.id}`)).body.customerTier).toBe('business');
    if (company) sim.account.update('companies', company.id, { tier: 'Strategic' });
    const ok = await sim.sendWebhook(hooksUrl(), event);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ events: 1, invalidated: 1 });
    // The open ticket keeps its tier until someone re-evaluates; the panel says the tier changed.
    await waitFor(async () => {
      const panel = await p.api<TCustomerPanel>('alice@demo.local', `tickets/${first?.id}/customer`);
      return panel.body.tierChanged ? panel.body : undefined;
    });
    const re = await p.api<Ticket>('lead@demo.local', `tickets/${first?.id}/customer/reevaluate-sla`, {
      method: 'POST',
    });
    expect(re.status).toBe(200);
    expect(re.body).toMatchObject({ customerTier: 'enterprise', sla: { policyId: 'enterprise' } });
    const timeline = await p.api<{ items: { kind: string; data: Record<string, unknown> }[] }>(
      'alice@demo.local',
      `tickets/${first?.id}/timeline`,
    );
    expect(timeline.body.items.find((e) => e.kind === 'customer_reevaluated')?.data).toMatchObject({
      fromTier: 'business',
      toTier: 'enterprise',
    });
  });

  it('keeps mail flowing while HubSpot is down, and enriches the tickets when it answers again', async () => {
    sim.down = true;
    try {
      await Promise.all([
        send('olivia.brandt@northwind.example', 'Outage A'),
        send('new.person@fabrikam.example', 'Outage B'),
      ]);
      const [olivia] = await ticketFrom('olivia.brandt@northwind.example');
      const [fresh] = await ticketFrom('new.person@fabrikam.example');
      // Local data: Northwind is Enterprise in the directory; Fabrikam is unknown to it.
      expect(olivia?.customerTier).toBe('enterprise');
      expect(fresh?.customer).toMatchObject({ enrichment: 'pending', tier: null });
    } finally {
      sim.down = false;
    }
    const [fresh] = await ticketsOf('new.person@fabrikam.example');
    // HubSpot does not know new.person: the late answer completes the record without a tier.
    await p.composition.services.customers.cache?.invalidateEmail('new.person@fabrikam.example');
    await waitFor(async () => {
      await p.composition.services.customers.enrichment.sweep(50, 2_000);
      const t = await p.api<Ticket>('alice@demo.local', `tickets/${fresh?.id}`);
      return t.body.customer?.enrichment === 'complete' ? t : undefined;
    }, 45_000);
  }, 60_000);

  it('loses no ticket and writes no note twice in a 429 storm', async () => {
    const notesBefore = sim.account.objects.notes.size;
    sim.rateLimitNext(6, 'TEN_SECONDLY_ROLLING', 1);
    await Promise.all(Array.from({ length: 5 }, (_, i) => send(`storm${i}@fabrikam.example`, `Storm ${i}`)));
    for (let i = 0; i < 5; i++) await ticketFrom(`storm${i}@fabrikam.example`);
    await p.platform.drainQueue();
    // None of the storm senders is a HubSpot contact: no notes for them, none written twice elsewhere.
    const bodies = [...sim.account.objects.notes.values()].map((n) => n.properties.hs_note_body);
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(sim.account.objects.notes.size).toBe(notesBefore);
  }, 60_000);

  it('serves the contact and company pages and search', async () => {
    const contacts = await p.api<{ items: { id: string; name: string }[] }>(
      'alice@demo.local',
      'customers/contacts?q=marcus',
    );
    expect(contacts.body.items.map((c) => c.name)).toEqual(['Marcus Lee']);
    const detail = await p.api<{
      company: { name: string };
      insights: { last90Days: { tickets: number } };
      crm: { state: string };
    }>('alice@demo.local', `customers/contacts/${contacts.body.items[0]?.id}`);
    expect(detail.body).toMatchObject({ company: { name: 'Northwind Traders' }, crm: { state: 'found' } });
    expect(detail.body.insights.last90Days.tickets).toBeGreaterThanOrEqual(1);
    const companies = await p.api<{ items: { id: string }[] }>(
      'alice@demo.local',
      'customers/companies?q=northwind.example',
    );
    const company = await p.api<{ contacts: unknown[]; insights: { open: unknown[] } }>(
      'alice@demo.local',
      `customers/companies/${companies.body.items[0]?.id}`,
    );
    expect(company.body.contacts.length).toBeGreaterThanOrEqual(2);
    expect(company.body.insights.open.length).toBeGreaterThanOrEqual(1);
  });

  it('answers bad input with problem+json 4xx', async () => {
    const bad = [
      await p.api('alice@demo.local', 'customers/contacts', { body: { name: 'X', emails: ['not-an-email'] } }),
      await p.api('alice@demo.local', 'customers/contacts', { body: { name: 'X', emails: ['x@y.example'], extra: 1 } }),
      await p.api('alice@demo.local', 'customers/companies', { body: { name: 'Mail', domains: ['gmail.com'] } }),
      await p.api('alice@demo.local', 'customers/companies', { body: { name: 'Tiered', domains: [], tier: 'gold' } }),
      await p.api('alice@demo.local', 'customers/contacts/ct_nope'),
      await p.api('alice@demo.local', 'customers/companies?limit=1000'),
      await p.api('alice@demo.local', 'tickets/t_nope/customer'),
      await p.api('dave@demo.local', 'customers/contacts', { body: { name: 'X', emails: ['x@y.example'] } }),
    ];
    expect(bad.map((r) => r.status)).toEqual([422, 422, 422, 403, 404, 422, 404, 403]);
    for (const r of bad) expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('creates a requester HubSpot does not know once, however many agents click at once', async () => {
    const created = await p.api<Ticket>('lead@demo.local', 'tickets', {
      body: { title: 'Badge reader', requester: { email: 'ivy.quinn@fabrikam.example', name: 'Ivy Quinn' } },
    });
    const contactId = created.body.customer?.contactId as string;
    const clicks = await Promise.all(
      [1, 2, 3].map(() =>
        p.api<{ crmId: string | null }>('alice@demo.local', `customers/contacts/${contactId}/crm`, { method: 'POST' }),
      ),
    );
    const statuses = clicks.map((c) => c.status).sort();
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    const inHubSpot = [...sim.account.objects.contacts.values()].filter(
      (c) => c.properties.email === 'ivy.quinn@fabrikam.example',
    );
    expect(inHubSpot).toHaveLength(1);
    const detail = await p.api<{ contact: { crmId: string }; crm: { state: string; contact: { id: string } } }>(
      'alice@demo.local',
      `customers/contacts/${contactId}`,
    );
    expect(detail.body.contact.crmId).toBe(inHubSpot[0]?.id);
    expect(detail.body.crm).toMatchObject({ state: 'found', contact: { id: inHubSpot[0]?.id } });
    const again = await p.api('alice@demo.local', `customers/contacts/${contactId}/crm`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
  });

  // Last: a spent daily limit stops every HubSpot call until the next UTC midnight.
  it('shows a spent daily limit in health and the admin state, and keeps mail flowing', async () => {
    const health = await p.api<{ crm: Record<string, unknown> }>('alice@demo.local', 'health');
    expect(health.body.crm).toMatchObject({ enabled: true, tokenValid: true, dailyLimitSpent: false });
    expect(health.body.crm.scopes).toContain('crm.objects.contacts.read');
    expect(health.body.crm.dailyRemaining).toBeGreaterThan(0);
    sim.rateLimitNext(1, 'DAILY');
    await send('daily.limit@fabrikam.example', 'Daily limit');
    const [ticket] = await ticketFrom('daily.limit@fabrikam.example');
    expect(ticket?.customer).toMatchObject({ enrichment: 'pending' });
    const after = await p.api<{ crm: Record<string, unknown> }>('alice@demo.local', 'health');
    expect(after.body.crm).toMatchObject({ dailyLimitSpent: true, dailyRemaining: 0 });
    expect(Date.parse(after.body.crm.dailyResetsAt as string)).toBeGreaterThan(Date.now());
    const admin = await p.api<{ dailyLimitSpent: boolean; lastError: { message: string } }>(
      'admin@demo.local',
      'admin/crm',
    );
    expect(admin.body.dailyLimitSpent).toBe(true);
    expect(admin.body.lastError.message).toContain('daily limit');
    const callsBefore = sim.apiCalls();
    await send('daily.limit2@fabrikam.example', 'Daily limit again');
    await ticketFrom('daily.limit2@fabrikam.example');
    expect(sim.apiCalls()).toBe(callsBefore);
  });
});
