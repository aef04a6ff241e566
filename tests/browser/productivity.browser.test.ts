/**
 * Agent productivity in the browser (issue 18), on `npm start`: a ticket opened for a caller
 * (shortcut c, requester from the directory, a template, a confirmation mail), a macro with
 * placeholders previewed and applied from the picker (shortcut m), and a bulk status change over
 * 60 tickets where 2 are refused by their own ownership rules, the refusals listed with their
 * reasons and still there after a reload, and a duplicate merged from its ticket page, after which
 * the customer's reply to the duplicate's thread lands on the target; axe finds nothing serious on
 * any of these screens.
 */
import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTicket, TTimelineEntry } from '../../shared/api/tickets.schemas.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { seriousAxeViolationsInBothThemes } from './axe.js';
import { apiAs, type LocalHost, launchBrowser, newPage, signIn, startHost, storeEnv } from './harness.js';

const axe = seriousAxeViolationsInBothThemes;

describe.each(E2E_STORES)('Agent productivity screens (%s)', { timeout: 180_000 }, (store) => {
  let host: LocalHost;
  let browser: Browser;
  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(storeEnv(store)), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('opens a ticket for a caller from a template, with the requester from the directory', async () => {
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, 'alice@demo.local', '/?queue=mine');
    await page.getByTestId('ticket-list').waitFor();
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.getByText('New ticket (for a customer on the phone)').waitFor();
    await sheet.getByText('Apply a macro (on a ticket)').waitFor();
    await sheet.getByRole('button', { name: 'Close' }).first().click();
    await sheet.waitFor({ state: 'detached' });
    await page.locator('body').press('c');
    await page.waitForURL('**/tickets/new');
    await page.getByRole('heading', { name: 'New ticket' }).waitFor();
    const problems: Record<string, string[]> = { form: await axe(page) };

    await page.getByLabel('Requester').fill('Hanna');
    await page.getByRole('option', { name: /Hanna Berg/ }).click();
    await page.getByTestId('requester-chosen').waitFor();
    await page.getByLabel('Template').selectOption({ label: 'Password reset' });
    expect(await page.getByLabel('Title').inputValue()).toBe('Password reset');
    expect(await page.getByLabel('Type').inputValue()).toBe('service_request');
    await page.getByLabel('Title').fill('Password reset after a phone call');
    await page.getByLabel('Description').fill('Hanna called: locked out after the holidays.');
    expect(await page.getByLabel('Reached us by').inputValue()).toBe('phone');
    expect(await page.getByLabel(/confirmation mail/).isChecked()).toBe(true);
    problems.filled = await axe(page);
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await page.waitForURL(/\/tickets\/REQ-\d+$/);
    const number = page.url().split('/').at(-1) as string;
    const ticket = await apiAs(host, 'alice@demo.local').get<TTicket>(`tickets/${number}`);
    expect(ticket).toMatchObject({
      title: 'Password reset after a phone call',
      channel: 'phone',
      type: 'service_request',
      teamId: 'service-desk',
      createdBy: { kind: 'agent', agentId: 'ag_alice' },
      requester: { name: 'Hanna Berg' },
      ownerId: null,
    });

    // A caller the directory does not know yet is added inline.
    await page.keyboard.press('c');
    await page.waitForURL('**/tickets/new');
    await page.getByLabel('Requester').fill('Quentin');
    await page.getByText('Nobody in the directory matches “Quentin”.').waitFor();
    await page.getByLabel('Requester').press('Escape');
    await page.getByRole('button', { name: 'New customer' }).click();
    expect(await page.getByLabel('Name').inputValue()).toBe('Quentin');
    await page.getByLabel('Name').fill('Quentin Blake');
    await page.getByLabel('Email').fill('quentin.blake@customer.example');
    await page.getByLabel('Title').fill('Monitor flickers');
    problems.newCustomer = await axe(page);
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await page.waitForURL(/\/tickets\/INC-\d+$/);
    const contacts = await apiAs(host, 'alice@demo.local').get<{ items: { name: string }[] }>(
      'customers/contacts?q=quentin',
    );
    expect(contacts.items.map((c) => c.name)).toEqual(['Quentin Blake']);
    expect(problems).toEqual({ form: [], filled: [], newCustomer: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('previews a macro with placeholders on the ticket and applies it', async () => {
    const lead = apiAs(host, 'lead@demo.local');
    const ticket = await lead.post<TTicket>('tickets', {
      title: 'Scanner on floor 2 offline',
      requester: { email: 'pat.jones@customer.example', name: 'Pat Jones' },
      teamId: 'service-desk',
    });
    await apiAs(host, 'alice@demo.local').post(`tickets/${ticket.id}/accept`);
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, 'alice@demo.local', `/tickets/${ticket.number}`);
    await page.getByTestId('timeline').waitFor();
    await page.keyboard.press('m');
    const dialog = page.getByRole('dialog', { name: 'Apply a macro' });
    await dialog.waitFor();
    await dialog.getByLabel('Macro').fill('details');
    await page.getByRole('option', { name: /Ask for more details/ }).click();
    const text = dialog.getByLabel('Reply to the customer');
    await text.waitFor();
    const rendered = await text.inputValue();
    expect(rendered).toContain('Hello Pat,');
    expect(rendered).toContain(`thank you for reporting ${ticket.number} (Scanner on floor 2 offline)`);
    expect(rendered).toContain('Alice Agent\nService Desk');
    expect(await dialog.getByTestId('macro-changes').textContent()).toContain('status: open → pending');
    const problems = { picker: await axe(page) };
    await dialog.getByTestId('macro-apply').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('timeline').getByText('thank you for reporting').waitFor();
    const after = await apiAs(host, 'alice@demo.local').get<TTicket>(`tickets/${ticket.id}`);
    expect(after).toMatchObject({ status: 'pending', ownerId: 'ag_alice', tags: ['waiting-customer'] });
    const timeline = await apiAs(host, 'alice@demo.local').get<{ items: TTimelineEntry[] }>(
      `tickets/${ticket.id}/timeline`,
    );
    expect(timeline.items.find((e) => e.kind === 'email_out')?.body).toBe(rendered);
    problems.picker.push(...(await axe(page)));
    expect(problems).toEqual({ picker: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the status of 60 tickets in bulk and lists the 2 refusals, also after a reload', async () => {
    const lead = apiAs(host, 'lead@demo.local');
    const refusedNumbers: string[] = [];
    for (let i = 0; i < 60; i++) {
      const t = await lead.post<TTicket>('tickets', {
        title: `Bulk printer ${i}`,
        requester: { email: `bulk${i}@customer.example`, name: `Bulk ${i}` },
        teamId: 'network',
      });
      const owner = i === 5 || i === 33 ? 'bob@demo.local' : 'alice@demo.local';
      if (owner === 'bob@demo.local') refusedNumbers.push(t.number);
      await apiAs(host, owner).post(`tickets/${t.id}/accept`);
    }
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, 'alice@demo.local', '/?queue=team&team=network');
    const list = page.getByTestId('ticket-list');
    await list.waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('checkbox', { name: 'Select all rows' }).waitFor();
    await page.waitForFunction('document.querySelectorAll(\'[data-testid="ticket-list"] tbody tr\').length >= 60');
    await page.getByRole('checkbox', { name: 'Select all rows' }).click();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('60 selected').waitFor();
    await bar.getByLabel('Action').selectOption('status');
    await bar.getByLabel('Status').selectOption('resolved');
    await bar.getByLabel('Reason (optional)').fill('Printer driver rolled back');
    const problems: Record<string, string[]> = { bar: await axe(page) };
    await page.getByTestId('bulk-start').click();
    const summary = page.getByTestId('bulk-summary');
    await summary.getByText('Done: 58 of 60 changed, 2 refused.').waitFor({ timeout: 60_000 });
    const refusals = page.getByTestId('bulk-refusals').getByRole('listitem');
    expect(await refusals.count()).toBe(2);
    const lines = await refusals.allTextContents();
    expect(lines.map((l) => /[A-Z]{3}-\d+/.exec(l)?.[0]).sort()).toEqual([...refusedNumbers].sort());
    for (const line of lines) expect(line).toContain('Only the owner can resolve a ticket');
    problems.job = await axe(page);

    await page.reload();
    await page.getByTestId('bulk-summary').getByText('Done: 58 of 60 changed, 2 refused.').waitFor();
    expect(await page.getByTestId('bulk-refusals').getByRole('listitem').count()).toBe(2);
    // Only Bob's two are still active in the queue: the list reloaded after the job.
    await page.waitForFunction('document.querySelectorAll(\'[data-testid="ticket-list"] tbody tr\').length === 2');
    problems.reloaded = await axe(page);
    expect(problems).toEqual({ bar: [], job: [], reloaded: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('merges a duplicate from its page, and the customer reply to the duplicate lands on the target', async () => {
    const stamp = Date.now();
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: host.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const from = 'Ines Duplicate <ines.dup@customer.example>';
    const duplicateId = `<dup-${stamp}@customer.example>`;
    await transport.sendMail({ from, to: 'support@demo.local', subject: `Scanner broken ${stamp}`, text: 'It beeps.' });
    await transport.sendMail({
      from,
      to: 'support@demo.local',
      subject: `Scanner still broken ${stamp}`,
      text: 'Still beeping.',
      messageId: duplicateId,
    });
    const alice = apiAs(host, 'alice@demo.local');
    const byTitle = async () => {
      const found = await alice.get<{ items: TTicket[] }>(`tickets?q=${encodeURIComponent(`${stamp}`)}`);
      return new Map(found.items.map((t) => [t.title, t]));
    };
    await expect.poll(async () => (await byTitle()).size, { timeout: 20_000 }).toBe(2);
    const tickets = await byTitle();
    const target = tickets.get(`Scanner broken ${stamp}`) as TTicket;
    const duplicate = tickets.get(`Scanner still broken ${stamp}`) as TTicket;

    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, 'alice@demo.local', `/tickets/${duplicate.number}`);
    const merge = page.getByTestId('merge-ticket');
    await merge.locator('summary').click();
    await merge.getByLabel('Merge this ticket into').fill(target.number);
    await merge.getByLabel('Its open assists').selectOption('withdraw');
    const problems: Record<string, string[]> = { form: await axe(page) };
    await merge.getByRole('button', { name: 'Merge' }).click();
    await page.getByTestId('ticket-merged-into').getByText(target.number).waitFor();
    await page.getByTestId('ticket-status').getByText('closed').waitFor();
    problems.merged = await axe(page);

    await transport.sendMail({
      from,
      to: 'support@demo.local',
      subject: `Re: Scanner still broken ${stamp}`,
      text: 'Now it smokes.',
      inReplyTo: duplicateId,
      references: [duplicateId],
    });
    transport.close();
    const mailsOn = async (id: string) =>
      (await alice.get<{ items: TTimelineEntry[] }>(`tickets/${id}/timeline?limit=100`)).items
        .filter((e) => e.kind === 'email_in')
        .map((e) => e.body);
    await expect.poll(() => mailsOn(target.id), { timeout: 20_000 }).toEqual(['It beeps.', 'Now it smokes.']);
    await page.goto(`${host.url}/tickets/${target.number}`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Merged from a duplicate').waitFor();
    await timeline.getByText('Now it smokes.').waitFor({ timeout: 20_000 });
    problems.target = await axe(page);
    expect(await mailsOn(duplicate.id)).toEqual(['Still beeping.']);
    expect(problems).toEqual({ form: [], merged: [], target: [] });
    expect(errors).toEqual([]);
    await context.close();
  });
});
