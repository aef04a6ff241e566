/**
 * The main path through the UI: the owner accepts an unowned ticket, asks an agent and a team
 * for help at once, each expert answers from their inbox, the owner replies to the customer
 * with the proposed reply and resolves. The API then proves ownership never moved.
 */
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { TTicket, TTimelineEntry } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, newPage, screenshot, signIn } from './harness.js';

/** Takes a ticket from accept through two parallel assists to reply and resolve, by mouse. */
export async function mainPathByMouse(host: LocalHost, browser: Browser): Promise<void> {
  const { context, page, errors } = await newPage(browser, host);
  const title = 'Printer on floor 3 jams on every job';

  await page.goto('/signin');
  await page.locator('button[data-email="alice@demo.local"]').waitFor();
  await screenshot(page, 'signin');
  await signIn(page, 'alice@demo.local', '/?queue=unassigned');
  await page.getByTestId('ticket-list').waitFor();
  await screenshot(page, 'list-unassigned');
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();

  await page.getByRole('button', { name: /^Accept/ }).click();
  await expect.poll(() => page.getByTestId('ticket-owner').textContent()).toBe('Alice Agent');

  const request = async (expert: string, question: string) => {
    const form = page.getByRole('form', { name: 'Request an assist' });
    if (!(await form.isVisible())) await page.locator('#request-assist-toggle').click();
    await page.locator('#expert-search').fill(expert.split(' ')[0] ?? expert);
    await page.getByRole('option', { name: expert }).click();
    await expect.poll(() => page.locator('#expert-search').inputValue()).toBe(expert);
    await page.locator('#assist-question').fill(question);
    await form.getByRole('button', { name: 'Request assist' }).click();
  };
  await request('Dave DBA', 'Is the printer spooler on the db host?');
  await expect.poll(() => page.locator('[data-assist]').count()).toBe(1);
  await request('Network (team)', 'Any packet loss to the printer VLAN?');
  await expect.poll(() => page.locator('[data-assist]').count()).toBe(2);
  await screenshot(page, 'detail-with-assists');

  // Dave (named expert) accepts, contributes and answers from his inbox.
  await signIn(page, 'dave@demo.local', '/assists');
  await page.getByTestId('assist-inbox').waitFor();
  await screenshot(page, 'assists-inbox');
  const daveCard = page.locator('[data-inbox-row]', { hasText: 'printer spooler' });
  await daveCard.getByRole('button', { name: 'Accept assist' }).click();
  await daveCard.getByLabel('Your contribution').fill('Checked: the spooler is not on the db host.');
  await daveCard.getByRole('button', { name: 'Contribute' }).click();
  await expect.poll(() => daveCard.getByLabel('Your contribution').inputValue()).toBe('');
  await daveCard.getByLabel('Your contribution').fill('Not a database problem.');
  await daveCard.getByRole('button', { name: 'Answer and close' }).click();
  await expect.poll(() => daveCard.locator('.ui-badge', { hasText: 'answered' }).count()).toBe(1);

  // Nina (network team) takes the team request and proposes a customer reply, then answers.
  await signIn(page, 'nina@demo.local', '/assists');
  const ninaCard = page.locator('[data-inbox-row]', { hasText: 'printer VLAN' });
  await ninaCard.getByLabel('Your contribution').fill('We replaced a faulty switch port; please try printing again.');
  await ninaCard.getByRole('button', { name: 'Propose customer reply' }).click();
  await expect.poll(() => ninaCard.getByLabel('Your contribution').inputValue()).toBe('');
  await ninaCard.getByLabel('Your contribution').fill('Switch port replaced.');
  await ninaCard.getByRole('button', { name: 'Answer and close' }).click();
  await expect.poll(() => ninaCard.locator('.ui-badge', { hasText: 'answered' }).count()).toBe(1);

  // Back as the owner: use the proposed reply, send it, resolve.
  const ticket = (await apiAs(host, 'alice@demo.local').get<{ items: TTicket[] }>('tickets?q=Printer')).items[0]!;
  await signIn(page, 'alice@demo.local', `/tickets/${ticket.number}`);
  await page.getByRole('button', { name: 'Use this reply' }).first().click();
  await expect.poll(() => page.locator('#composer-reply').inputValue()).toContain('faulty switch port');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.locator('[data-kind="email_out"]:not(.pending)').waitFor();
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('resolved');
  await screenshot(page, 'detail-resolved');

  const api = apiAs(host, 'alice@demo.local');
  // The screen is optimistic: it shows "resolved" before the server has answered.
  await expect.poll(async () => (await api.get<TTicket>(`tickets/${ticket.id}`)).status).toBe('resolved');
  const after = await api.get<TTicket>(`tickets/${ticket.id}`);
  expect(after.ownerId).toBe('ag_alice');
  expect(after.status).toBe('resolved');
  const timeline = (await api.get<{ items: TTimelineEntry[] }>(`tickets/${ticket.id}/timeline?limit=500`)).items;
  const kinds = timeline.map((e) => e.kind);
  const ownerChanges = timeline.filter((e) => e.kind === 'owner_changed');
  expect(ownerChanges).toHaveLength(1);
  expect(ownerChanges[0]?.data['to']).toBe('ag_alice');
  expect(kinds.filter((k) => k === 'assist_requested')).toHaveLength(2);
  expect(kinds.filter((k) => k === 'assist_answered')).toHaveLength(2);
  for (const kind of ['assist_accepted', 'assist_contribution', 'assist_reply_proposed', 'email_out', 'status_changed'])
    expect(kinds).toContain(kind);
  expect(timeline.find((e) => e.kind === 'email_out')?.body).toContain('faulty switch port');
  expect(errors).toEqual([]);
  await context.close();
}
