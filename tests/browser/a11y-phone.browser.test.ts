/**
 * Accessibility and small screens: axe finds no serious or critical violation on any screen,
 * and the app works at a 375 px phone width (no sideways scrolling, ticket detail usable).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, launchBrowser, newPage, screenshot, signIn, startHost } from './harness.js';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('Agent web app accessibility and phone layout', { timeout: 150_000 }, () => {
  let host: LocalHost;
  let browser: Browser;
  let slow: TTicket;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(), launchBrowser()]);
    slow = (await apiAs(host, 'bob@demo.local').get<{ items: TTicket[] }>('tickets?q=Orders')).items[0]!;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('has no serious or critical axe violations on any screen', async () => {
    const { context, page } = await newPage(browser, host);
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await seriousViolations(page);
    };

    await page.goto('/signin');
    await page.locator('button[data-email]').first().waitFor();
    await check('signin');

    await signIn(page, 'bob@demo.local', '/?queue=mine');
    await page.getByTestId('ticket-list').waitFor();
    await check('list-mine');
    await page.goto('/?queue=unassigned');
    await page.getByTestId('ticket-list').waitFor();
    await check('list-unassigned');
    await page.goto('/?queue=all&q=nothing-matches-this');
    await page.locator('.empty').waitFor();
    await check('list-empty');

    await page.goto(`/tickets/${slow.number}`);
    await page.locator('[data-assist]').first().waitFor();
    await page.locator('#request-assist-toggle').click();
    await check('detail');
    await screenshot(page, 'detail-escalation');

    await page.keyboard.press('Escape');
    await page.locator('h1').first().click();
    await page.keyboard.press('?');
    await page.getByRole('dialog').waitFor();
    await check('shortcut-sheet');
    await page.keyboard.press('Escape');

    await signIn(page, 'dave@demo.local', '/assists');
    await page.getByTestId('assist-inbox').waitFor();
    await check('assists-inbox');

    await signIn(page, 'admin@demo.local', '/admin');
    await page.getByRole('heading', { name: 'Dead-lettered messages' }).waitFor();
    await page.locator('.empty, table').first().waitFor();
    await check('admin');
    await screenshot(page, 'admin');

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    await context.close();
  });

  it('works on a 375 px phone', async () => {
    const { context, page, errors } = await newPage(browser, host, { width: 375, height: 812 });
    const noSidewaysScroll = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

    await signIn(page, 'bob@demo.local', '/?queue=mine');
    await page.getByTestId('ticket-list').waitFor();
    expect(await noSidewaysScroll()).toBe(true);
    await screenshot(page, 'phone-list');

    await page.getByRole('link', { name: slow.title }).click();
    await page.getByRole('heading', { level: 1, name: slow.title }).waitFor();
    await page.locator('[data-assist]').first().waitFor();
    expect(await noSidewaysScroll()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#composer-note').fill('Checked from my phone.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('[data-kind="note"]:not(.pending)', { hasText: 'Checked from my phone.' }).waitFor();
    await page.locator('#composer-reply').scrollIntoViewIfNeeded();
    expect(await page.locator('#composer-reply').isVisible()).toBe(true);
    await screenshot(page, 'phone-detail');

    await page.goto('/assists');
    await page.getByRole('heading', { name: 'Assists for me' }).waitFor();
    expect(await noSidewaysScroll()).toBe(true);
    await screenshot(page, 'phone-assists');
    expect(errors).toEqual([]);
    await context.close();
  });
});
