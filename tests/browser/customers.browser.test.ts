/**
 * The customer screens in the browser, with `npm start` running against the HubSpot simulator
 * (CRM_PROVIDER=hubspot-sim): the customer panel on a ticket (company, HubSpot tier, link), the
 * customers search, the company and contact pages, a lead raising a tier and an agent
 * re-evaluating the SLA from the panel, "Create in HubSpot" from the panel for a requester HubSpot
 * does not know, the admin's HubSpot page, and the SLA policy editor keeping (and setting) the
 * company and account-manager conditions; axe finds nothing serious on any of them, in both themes.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TContactDetail, TCrmStatusResponse } from '../../shared/api/customers.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import type { TSlaPolicy } from '../../shared/sla/sla-policy.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { seriousAxeViolationsInBothThemes } from './axe.js';
import { apiAs, type LocalHost, launchBrowser, newPage, signIn, startHost, storeEnv } from './harness.js';

const axe = seriousAxeViolationsInBothThemes;

const openTicket = (host: LocalHost, email: string, title: string) =>
  apiAs(host, 'lead@demo.local').post<TTicket>('tickets', {
    title,
    requester: { email, name: email.split('@')[0] },
    impact: 2,
    urgency: 2,
    channel: 'email',
  });

describe.each(E2E_STORES)('Customer screens with the HubSpot simulator (%s)', { timeout: 120_000 }, (store) => {
  let host: LocalHost;
  let browser: Browser;
  beforeAll(async () => {
    [host, browser] = await Promise.all([
      startHost({ ...storeEnv(store), CRM_PROVIDER: 'hubspot-sim' }),
      launchBrowser(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows the customer panel with the HubSpot tier and the customers search', async () => {
    const ticket = await openTicket(host, 'olivia.brandt@northwind.example', 'EDI feed stalled');
    expect(ticket.customerTier).toBe('enterprise');
    const { context, page } = await newPage(browser, host);
    const problems: Record<string, string[]> = {};
    await signIn(page, 'alice@demo.local', `/tickets/${ticket.id}`);
    const panel = page.getByTestId('customer-panel');
    await panel.getByRole('link', { name: 'Northwind Traders' }).waitFor();
    await panel.getByRole('link', { name: 'Open in HubSpot' }).waitFor();
    expect(await panel.getByTestId('customer-tier').textContent()).toContain('enterprise');
    expect(await panel.textContent()).toContain('from HubSpot');
    problems.panel = await axe(page);

    await page.goto('/customers');
    await page.getByLabel('Search customers').fill('contoso');
    await page.getByTestId('companies').getByRole('link', { name: 'Contoso Pharma' }).waitFor();
    problems.customers = await axe(page);
    expect(problems).toEqual({ panel: [], customers: [] });
    await context.close();
  });

  it('shows the company page with its tier and contacts, and the contact page with HubSpot', async () => {
    const { context, page } = await newPage(browser, host);
    const problems: Record<string, string[]> = {};
    await signIn(page, 'alice@demo.local', '/customers');
    await page.getByLabel('Search customers').fill('contoso');
    await page.getByTestId('companies').getByRole('link', { name: 'Contoso Pharma' }).click();
    await page.getByRole('heading', { name: 'Contoso Pharma' }).waitFor();
    expect(await page.getByTestId('company-tier').textContent()).toContain('business');
    await page.getByTestId('company-contacts').getByRole('link', { name: 'Raj Patel' }).waitFor();
    problems.company = await axe(page);
    await page.getByTestId('company-contacts').getByRole('link', { name: 'Raj Patel' }).click();
    await page.getByRole('heading', { name: 'Raj Patel' }).waitFor();
    await page.getByText('Open in HubSpot').waitFor();
    problems.contact = await axe(page);
    expect(problems).toEqual({ company: [], contact: [] });
    await context.close();
  });

  it('lets a lead raise a tier and an agent re-evaluate the SLA from the panel', async () => {
    const ticket = await openTicket(host, 'hanna.berg@customer.example', 'Monitor flickers');
    expect(ticket.customerTier).toBe('standard');
    const company = ticket.customer?.companyId as string;
    const { context, page } = await newPage(browser, host);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, 'lead@demo.local', `/customers/companies/${company}`);
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit company' });
    await dialog.getByLabel('Tier').fill('enterprise');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('company-tier').getByText('enterprise').waitFor();

    await signIn(page, 'alice@demo.local', `/tickets/${ticket.id}`);
    const panel = page.getByTestId('customer-panel');
    await panel.getByRole('button', { name: 'Re-evaluate SLA' }).click();
    await page.getByTestId('timeline').getByText('SLA re-evaluated for the customer').waitFor();
    await panel.getByTestId('customer-tier').getByText('enterprise').waitFor();
    const after = await apiAs(host, 'alice@demo.local').get<TTicket>(`tickets/${ticket.id}`);
    expect(after).toMatchObject({ customerTier: 'enterprise', ownerId: null, sla: { policyId: 'enterprise' } });
    await context.close();
  });

  it('creates an unknown requester in HubSpot from the panel', async () => {
    const ticket = await openTicket(host, 'nina.novak@fabrikam.example', 'Scanner jams');
    const { context, page } = await newPage(browser, host);
    await signIn(page, 'alice@demo.local', `/tickets/${ticket.id}`);
    const panel = page.getByTestId('customer-panel');
    await panel.getByText('Not in HubSpot.').waitFor();
    await panel.getByRole('button', { name: 'Create in HubSpot' }).click();
    await panel.getByRole('link', { name: 'Open in HubSpot' }).waitFor();
    const contactId = ticket.customer?.contactId as string;
    const detail = await apiAs(host, 'alice@demo.local').get<TContactDetail>(`customers/contacts/${contactId}`);
    expect(detail.contact.crmId).toMatch(/^\d+$/);
    expect(detail.crm).toMatchObject({ state: 'found', contact: { id: detail.contact.crmId } });
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it("shows HubSpot's state to the admin: token, scopes, daily calls left", async () => {
    const { context, page } = await newPage(browser, host);
    await signIn(page, 'admin@demo.local', '/admin');
    await page.getByRole('link', { name: 'HubSpot' }).click();
    const card = page.getByTestId('crm-status');
    await card.getByTestId('crm-token').getByText('valid').waitFor();
    const status = await apiAs(host, 'admin@demo.local').get<TCrmStatusResponse>('admin/crm');
    expect(status).toMatchObject({ enabled: true, tokenValid: true, dailyLimitSpent: false });
    expect(await card.getByTestId('crm-scopes').textContent()).toContain('crm.objects.contacts.read');
    expect(await card.getByTestId('crm-daily').textContent()).toMatch(/\d[\d,]* of [\d,]+/);
    await card.getByRole('button', { name: 'Check the token now' }).click();
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('keeps and sets the company and account-manager conditions in the SLA policy editor', async () => {
    const admin = apiAs(host, 'admin@demo.local');
    const before = await admin.get<TSlaPolicy>('sla/policies/enterprise');
    const { context, page } = await newPage(browser, host);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, 'admin@demo.local', '/admin/sla/policies');
    await page.getByRole('button', { name: before.name }).click();
    await page.getByLabel('Customer companies: add').fill('north');
    await page.getByRole('option', { name: 'Northwind Traders' }).click();
    await page.getByLabel('Account managers: add').fill('alice');
    await page.getByRole('option', { name: 'Alice Agent' }).click();
    await page.getByTestId('policy-companies-list').getByText('Northwind Traders').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save policy' }).click();
    const northwind = (
      await admin.get<{ items: { id: string; name: string }[] }>('customers/companies?q=northwind')
    ).items.find((c) => c.name === 'Northwind Traders')?.id;
    await expect
      .poll(async () => (await admin.get<TSlaPolicy>('sla/policies/enterprise')).conditions)
      .toEqual({ customerTiers: ['enterprise'], companyIds: [northwind], accountManagerIds: ['ag_alice'] });

    // Saved again without a change, nothing is dropped (the editor used to lose these two).
    await page.reload();
    await page.getByRole('button', { name: before.name }).click();
    await page.getByTestId('policy-managers-list').getByText('Alice Agent').waitFor();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page
      .getByText(/Saved|saved/)
      .first()
      .waitFor();
    expect((await admin.get<TSlaPolicy>('sla/policies/enterprise')).conditions).toMatchObject({
      companyIds: [northwind],
      accountManagerIds: ['ag_alice'],
    });
    await context.close();
    const restore = await fetch(`${host.url}/api/sla/policies/enterprise`, {
      method: 'PUT',
      headers: { authorization: 'Dev admin@demo.local', 'content-type': 'application/json' },
      body: JSON.stringify(before),
    });
    expect(restore.status).toBe(200);
  });
});
