/**
 * The main path again, keyboard only: queue jumps (g u / g m / g i), j/k and o in lists,
 * a to accept, e to escalate, r to reply, Tab/Enter/Space for everything else, and the `?` sheet.
 * Shortcuts must not fire while typing.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TTicket, TTimelineEntry } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, newPage, screenshot } from './harness.js';

/** Presses Tab until the focused element matches `selector` (and contains `text`). */
async function tabTo(page: Page, selector: string, text = '', max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(
      `(() => { const el = document.activeElement; return !!el && el.matches(${JSON.stringify(selector)}) && (el.textContent ?? '').includes(${JSON.stringify(text)}); })()`,
    );
    if (found) return;
  }
  throw new Error(`Tab never reached ${selector} ${text}`);
}

async function keyboardSignIn(page: Page, email: string): Promise<void> {
  await page.goto('/signin');
  await page.locator(`button[data-email="${email}"]`).waitFor();
  await tabTo(page, `button[data-email="${email}"]`);
  await page.keyboard.press('Enter');
  await page.getByTestId('me').waitFor();
}

/**
 * A `g` sequence, pressed again when the jump did not happen: the app takes the second key within
 * 1.5 s, which a browser on a loaded CI machine can miss between two key presses.
 */
async function jump(page: Page, key: 'u' | 'm' | 'i', url: RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('g');
    await page.keyboard.press(key);
    try {
      await page.waitForURL(url, { timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

// Browser-side expressions are strings: the Node test project has no DOM types.
const focusedText = (page: Page) => page.evaluate<string>(`document.activeElement?.textContent?.trim() ?? ''`);
const focusedId = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.id');
const highlighted = (page: Page) =>
  page.evaluate<string>(`document.querySelector('[role=option][data-highlighted]')?.textContent?.trim() ?? ''`);

/** Runs the main path without a mouse. */
export async function mainPathByKeyboard(host: LocalHost, browser: Browser): Promise<void> {
  const { context, page, errors } = await newPage(browser, host);
  const title = 'New starter needs a laptop';
  await keyboardSignIn(page, 'bob@demo.local');

  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await screenshot(page, 'shortcut-sheet');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  await jump(page, 'u', /queue=unassigned/);
  await page.getByTestId('ticket-list').waitFor();
  for (let i = 0; i < 20 && (await focusedText(page)) !== title; i++) await page.keyboard.press('j');
  expect(await focusedText(page)).toBe(title);
  await page.keyboard.press('o');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();

  await page.keyboard.press('a');
  await expect.poll(() => page.getByTestId('ticket-owner').textContent()).toBe('Bob Agent');

  const escalate = async (search: string, option: string, question: string, count: number) => {
    await page.keyboard.press('e');
    await expect.poll(() => focusedId(page)).toBe('expert-search');
    await page.keyboard.type(search);
    // The expert picker is a combobox: the first option matching what was typed is highlighted
    // (once the answer to the last letter is drawn), so Enter picks it.
    await page.getByRole('option', { name: option }).first().waitFor();
    await expect.poll(async () => (await highlighted(page)).startsWith(option)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#expert-search').inputValue()).toBe(option);
    await page.keyboard.press('Tab');
    await page.keyboard.type(question);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('[data-assist]').count()).toBe(count);
    await page.keyboard.press('Escape');
  };
  await escalate('Dave', 'Dave DBA', 'Which laptop image has the DB client?', 1);
  await escalate('Network', 'Network (team)', 'Is the new VLAN port ready?', 2);

  // Typing in a field never triggers shortcuts: "a", "e", "g u" stay text.
  await page.keyboard.press('n');
  await page.keyboard.type('gu ae jk');
  expect(await page.locator('#composer-note').inputValue()).toBe('gu ae jk');
  expect(page.url()).toMatch(/\/tickets\//);
  await page.keyboard.press('Escape');

  for (const [email, marker, proposes] of [
    ['dave@demo.local', 'laptop image', false],
    ['nina@demo.local', 'VLAN port', true],
  ] as const) {
    await keyboardSignIn(page, email);
    await jump(page, 'i', /\/assists/);
    await page.getByTestId('assist-inbox').waitFor();
    const row = page.locator('[data-inbox-row]', { hasText: marker });
    const index = await row.getAttribute('data-inbox-row');
    for (let i = 0; i <= Number(index); i++) await page.keyboard.press('j');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Accept assist');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate<string>('document.activeElement?.tagName')).toBe('TEXTAREA');
    await page.keyboard.type(proposes ? 'Port 12 is patched; your laptop will connect now.' : 'Image W11-DB has it.');
    await tabTo(page, 'button', proposes ? 'Propose customer reply' : 'Answer and close');
    await page.keyboard.press('Enter');
    if (proposes) {
      await expect.poll(() => row.getByLabel('Your contribution').inputValue()).toBe('');
      await row.getByLabel('Your contribution').focus();
      await page.keyboard.type('Done.');
      await tabTo(page, 'button', 'Answer and close');
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => row.locator('.ui-badge', { hasText: 'answered' }).count()).toBe(1);
  }

  await keyboardSignIn(page, 'bob@demo.local');
  await jump(page, 'm', /queue=mine/);
  await page.getByTestId('ticket-list').waitFor();
  for (let i = 0; i < 20 && (await focusedText(page)) !== title; i++) await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await tabTo(page, 'button', 'Use this reply');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedId(page)).toBe('composer-reply');
  await page.keyboard.press('Control+Enter');
  await page.locator('[data-kind="email_out"]:not(.pending)').waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  expect(await focusedId(page)).toBe('composer-reply');
  await page.keyboard.press('Escape');
  await page.locator('h1').focus();
  await tabTo(page, 'button', 'Resolve');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('resolved');

  const api = apiAs(host, 'bob@demo.local');
  const laptopTicket = async () =>
    (await api.get<{ items: TTicket[] }>(`tickets?q=${encodeURIComponent('laptop')}`)).items[0]!;
  // The screen is optimistic: it shows "resolved" before the server has answered.
  await expect.poll(async () => (await laptopTicket()).status).toBe('resolved');
  const ticket = await laptopTicket();
  expect(ticket.ownerId).toBe('ag_bob');
  expect(ticket.status).toBe('resolved');
  const kinds = (await api.get<{ items: TTimelineEntry[] }>(`tickets/${ticket.id}/timeline?limit=500`)).items.map(
    (e) => e.kind,
  );
  expect(kinds.filter((k) => k === 'owner_changed')).toHaveLength(1);
  expect(kinds.filter((k) => k === 'assist_answered')).toHaveLength(2);
  expect(kinds).toContain('assist_reply_proposed');
  expect(kinds).toContain('email_out');
  expect(errors).toEqual([]);
  await context.close();
}
