/**
 * Visible focus everywhere: on each screen, Tab walks the page from the top and every element that
 * takes the focus shows it (an outline or a ring), in the light and the dark theme. A screen whose
 * focus ring is hidden (outline: none without a replacement) fails with the element named.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, newPage, signIn } from './harness.js';

/** The focused element, and whether its focus is drawn (a string: the Node test project has no DOM types). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const ring = s.boxShadow !== 'none' && s.boxShadow !== '';
  const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 40);
  const path = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
  return { key: path + '|' + name, visible: outline || ring };
})()`;

/** Tabs through up to `max` stops from the top of the page; returns the stops that showed no focus. */
async function hiddenFocus(page: Page, max = 60): Promise<string[]> {
  await page.locator('body').focus();
  await page.evaluate('window.scrollTo(0, 0)');
  const hidden: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await page.evaluate<{ key: string; visible: boolean } | null>(FOCUSED);
    if (!now) continue;
    if (seen.has(now.key)) break; // came round again
    seen.add(now.key);
    if (!now.visible) hidden.push(now.key);
  }
  return hidden;
}

export async function focusIsVisibleOnEveryScreen(host: LocalHost, browser: Browser): Promise<void> {
  const slow = (await apiAs(host, 'bob@demo.local').get<{ items: TTicket[] }>('tickets?q=Orders')).items[0]!;
  const { context, page, errors } = await newPage(browser, host);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const found: Record<string, string[]> = {};
  const check = async (name: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      found[`${name} (${colorScheme})`] = await hiddenFocus(page);
    }
  };

  await page.goto('/signin');
  await page.locator('button[data-email]').first().waitFor();
  await check('signin');
  await signIn(page, 'bob@demo.local', '/?queue=all');
  await page.getByTestId('ticket-list').waitFor();
  await check('list');
  await page.goto(`/tickets/${slow.number}`);
  await page.locator('[data-assist]').first().waitFor();
  await check('detail');
  await page.goto('/preferences');
  await page.locator('table input[type=checkbox]').first().waitFor();
  await check('preferences');
  await signIn(page, 'dave@demo.local', '/assists');
  await page.getByTestId('assist-inbox').waitFor();
  await check('assists');
  await signIn(page, 'lead@demo.local', '/workload');
  await page.getByTestId('workload').waitFor();
  await check('workload');
  await signIn(page, 'admin@demo.local', '/admin');
  await page.getByTestId('queue-depths').waitFor();
  await check('admin');
  await page.goto('/admin/sla/calendars');
  await page.getByRole('button', { name: /Business hours/ }).click();
  await page.getByTestId('week-grid').waitFor();
  await check('sla-calendars');
  await page.goto('/admin/sla/policies');
  await page.locator('button[aria-pressed]').first().click();
  await page.locator('#policy-name').waitFor();
  await check('sla-policies');
  await page.goto('/admin/sla/olas');
  await page.locator('button[aria-pressed]').first().click();
  await page.locator('#ola-minutes').waitFor();
  await check('sla-olas');

  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  expect(Object.keys(found)).toHaveLength(20);
  expect(errors).toEqual([]);
  await context.close();
}
