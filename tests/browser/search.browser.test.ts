/**
 * Search in the browser, by keyboard only: `/` opens the type-ahead search anywhere, results come
 * as one types with the match reason (number, requester, mail text, internal note) and the
 * snippet, ArrowDown/Enter open a ticket, Escape closes and gives focus back; an empty, a
 * negative-only and a stray-quote query get a clear message; hostile mail text in a snippet stays
 * text; the full results page applies filters with the query. Axe finds nothing serious, in both
 * themes, with the results open.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TSearchResponse } from '../../shared/api/search.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { seriousAxeViolationsInBothThemes } from './axe.js';
import { apiAs, hostAndBrowserForSuite, newPage, signIn } from './harness.js';

const axe = seriousAxeViolationsInBothThemes;

describe.each(E2E_STORES)('Search in the browser (%s)', { timeout: 120_000 }, (store) => {
  const suite = hostAndBrowserForSuite(store);

  /** A ticket with a hostile description, a mail reply and an internal note, once it is findable. */
  async function seedTicket(): Promise<TTicket> {
    const lead = apiAs(suite.host, 'lead@demo.local');
    const ticket = await lead.post<TTicket>('tickets', {
      title: 'Quokka badge printer offline',
      requester: { email: 'henrietta.quill@fabrikam.example', name: 'Henrietta Quill' },
      description: 'It says <img src=x onerror="window.__searchXss=1"> and then quokkas everywhere.',
    });
    await lead.post(`tickets/${ticket.id}/accept`, {});
    await lead.post(`tickets/${ticket.id}/replies`, { body: 'Please power-cycle the spooler and tell us.' });
    await lead.post(`tickets/${ticket.id}/timeline`, { body: 'Walrus firmware 7781 is the culprit' });
    for (let i = 0; i < 100; i++) {
      const found = await apiAs(suite.host, 'alice@demo.local').get<TSearchResponse>('search?q=walrus%207781');
      if (found.items.some((h) => h.ticket.id === ticket.id)) return ticket;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the seeded ticket never became findable');
  }

  const input = (page: Page) => page.getByRole('combobox', { name: 'Search tickets' });
  const options = (page: Page) => page.getByRole('listbox', { name: 'Matching tickets' }).getByRole('option');
  const status = (page: Page) => page.getByTestId('search-status');

  async function typeQuery(page: Page, q: string) {
    await input(page).fill('');
    await page.keyboard.type(q, { delay: 15 });
  }

  it('opens with /, finds as one types with the reason and snippet, and opens a ticket by keyboard', async () => {
    const ticket = await seedTicket();
    const { context, page, errors } = await newPage(suite.browser, suite.host);
    await signIn(page, 'alice@demo.local', '/?queue=all');
    await page.getByRole('heading', { level: 1 }).waitFor();

    await page.keyboard.press('/');
    await input(page).waitFor();
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('search-query');
    expect(await status(page).textContent()).toMatch(/Type a word/);

    // Mail text, with the matched word marked.
    await typeQuery(page, 'spooler');
    await options(page).first().waitFor();
    const first = options(page).first();
    expect(await first.textContent()).toContain(ticket.number);
    expect(await first.textContent()).toContain('Mail text');
    expect(await first.locator('mark').first().textContent()).toMatch(/spooler/i);

    // The requester by a part of the address; an internal note by its words.
    await typeQuery(page, 'henrietta.quill@fabrik');
    await expect.poll(async () => (await options(page).first().textContent()) ?? '').toContain('Requester');
    await typeQuery(page, 'walrus 7781');
    await expect.poll(async () => (await options(page).first().textContent()) ?? '').toContain('Internal note');

    // The hostile description is shown as text in the snippet and runs nothing.
    await typeQuery(page, 'quokkas');
    await expect.poll(async () => (await options(page).first().textContent()) ?? '').toContain('Description');
    expect(await options(page).first().getByTestId('snippet').textContent()).toContain('<img src=x');
    expect(await page.evaluate<unknown>('window.__searchXss')).toBeUndefined();

    // The number first, highlighted by the arrow keys, opened with Enter.
    await typeQuery(page, ticket.number);
    await expect.poll(async () => (await options(page).first().textContent()) ?? '').toContain('Number');
    await page.keyboard.press('ArrowDown');
    const activeId = await input(page).getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(await page.locator(`#${activeId}`).getAttribute('aria-selected')).toBe('true');
    const problems = await axe(page);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: /Quokka badge printer offline/ }).waitFor();
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says why an empty or refused query finds nothing, closes with Escape and gives focus back', async () => {
    const { context, page, errors } = await newPage(suite.browser, suite.host);
    await signIn(page, 'alice@demo.local', '/?queue=all');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const opener = page.getByRole('button', { name: 'Search (/)' });
    await opener.focus();
    await page.keyboard.press('Enter');
    await input(page).waitFor();

    await typeQuery(page, '   ');
    await expect.poll(async () => status(page).textContent()).toMatch(/Type a word/);
    await typeQuery(page, '-vpn');
    await expect.poll(async () => status(page).textContent()).toMatch(/not only what to leave out/);
    await typeQuery(page, '"');
    await expect.poll(async () => status(page).textContent()).toMatch(/Type a word, a "phrase"/);
    await typeQuery(page, 'zzqxnothingmatches');
    await expect.poll(async () => status(page).textContent()).toMatch(/No ticket matches/);
    expect(await options(page).count()).toBe(0);
    expect(await axe(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await input(page).waitFor({ state: 'detached' });
    expect(await page.evaluate<string | undefined>('document.activeElement?.getAttribute("aria-label")')).toBe(
      'Search (/)',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows all results with filters applied together with the query', async () => {
    const { context, page, errors } = await newPage(suite.browser, suite.host);
    await signIn(page, 'alice@demo.local', '/search?q=quokka');
    const results = page.getByRole('list', { name: 'Results' });
    await results.getByRole('link').first().waitFor();
    expect(await results.getByRole('link').first().textContent()).toContain('Quokka badge printer offline');
    await page.getByLabel('Status').selectOption('closed');
    await page.getByRole('button', { name: 'Search', exact: true }).press('Enter');
    await page.waitForURL(/status=closed/);
    await page.getByTestId('empty').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Owner').selectOption('me');
    await page.getByRole('button', { name: 'Search', exact: true }).press('Enter');
    await page.waitForURL(/owner=me/);
    await page.getByTestId('empty').waitFor();
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
