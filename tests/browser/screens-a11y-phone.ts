/**
 * Accessibility and small screens: axe finds no serious or critical violation on any screen in
 * the light and the dark theme, and the app works at a 375 px phone width (no sideways scrolling, ticket detail usable).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { QUEUE_NAMES } from '../../shared/ports/message-bus.js';
import { apiAs, type LocalHost, newPage, screenshot, signIn } from './harness.js';
import { offerToMia, quarantineAnAutoReply } from './screen-data.js';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** A page with a `check(name)` that runs axe on it in both themes and keeps what it found. */
async function axeInBothThemes(browser: Browser, host: LocalHost) {
  const { context, page } = await newPage(browser, host);
  // Without motion a dialog is fully drawn when axe looks: a fade-in caught half-way measures as a
  // contrast failure (seen on a loaded machine).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const found: Record<string, string[]> = {};
  // The theme follows the emulated system setting.
  const check = async (name: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      found[`${name} (${colorScheme})`] = await seriousViolations(page);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const done = async (screens: number) => {
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    expect(Object.keys(found)).toHaveLength(screens * 2);
    await context.close();
  };
  return { page, check, done };
}

/** Axe finds no serious or critical violation on the agents' screens, in either theme. */
export async function noSeriousAxeViolationsForAgents(host: LocalHost, browser: Browser): Promise<void> {
  const slow = (await apiAs(host, 'bob@demo.local').get<{ items: TTicket[] }>('tickets?q=Orders')).items[0]!;
  const { page, check, done } = await axeInBothThemes(browser, host);

  await page.goto('/signin');
  await page.locator('button[data-email]').first().waitFor();
  await check('signin');

  await signIn(page, 'bob@demo.local', '/?queue=mine');
  await page.getByTestId('ticket-list').waitFor();
  await check('list-mine');
  await signIn(page, 'mia@demo.local', '/?queue=mine');
  await offerToMia(host);
  await page.reload();
  await page.getByTestId('offers').waitFor();
  await check('home-offered-to-you');
  await signIn(page, 'bob@demo.local', '/?queue=mine');
  await page.goto('/?queue=unassigned');
  await page.getByTestId('ticket-list').waitFor();
  await check('list-unassigned');
  await page.goto('/?queue=all&q=nothing-matches-this');
  await page.getByTestId('empty').waitFor();
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

  await page.getByTestId('bell').click();
  await page.locator('#notification-panel [data-testid=empty], [data-testid=notification-list]').first().waitFor();
  await check('notifications-bell');
  await page.keyboard.press('Escape');

  await page.goto('/preferences');
  await page.getByTestId('auto-accept-status').waitFor();
  await page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
  await page.locator('table input[type=checkbox]').first().waitFor();
  await check('preferences');

  await signIn(page, 'dave@demo.local', '/assists');
  await page.getByTestId('assist-inbox').waitFor();
  await check('assists-inbox');
  await done(10);
}

/** Axe finds no serious or critical violation on the leads' and admins' screens, in either theme. */
export async function noSeriousAxeViolationsForLeadsAndAdmins(host: LocalHost, browser: Browser): Promise<void> {
  const { page, check, done } = await axeInBothThemes(browser, host);
  await signIn(page, 'lead@demo.local', '/workload');
  await page.getByTestId('workload').waitFor();
  await check('workload');

  await quarantineAnAutoReply(host);
  await signIn(page, 'admin@demo.local', '/admin');
  await page.getByRole('heading', { name: 'Dead-lettered messages' }).waitFor();
  await page.getByTestId('quarantine').waitFor();
  await page.locator('[aria-labelledby=dead-letters-title]').locator('[data-testid=empty], table').first().waitFor();
  await page.locator('[aria-labelledby=quarantine-title]').locator('[data-testid=empty], table').first().waitFor();
  // The queue depths: one row per queue (waiting, scheduled, in flight, dead, next lock expiry).
  await expect.poll(() => page.getByTestId('queue-depths').locator('tbody tr').count()).toBe(QUEUE_NAMES.length);
  await check('admin');
  await screenshot(page, 'admin');

  await page.goto('/admin/sla/calendars');
  await page.getByRole('button', { name: /Business hours/ }).click();
  await page.getByTestId('week-grid').waitFor();
  await check('admin-sla-calendars');
  await page.goto('/admin/sla/policies');
  await page.locator('button[aria-pressed]').first().click();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByTestId('sla-preview').waitFor();
  await check('admin-sla-policies');
  await page.goto('/admin/sla/olas');
  await page.locator('button[aria-pressed]').first().click();
  await page.locator('#ola-minutes').waitFor();
  await check('admin-sla-olas');
  await page.goto('/admin/assist-mail');
  await page.getByRole('button', { name: 'Change assist mail for Network' }).click();
  await page.locator('#reach-address').waitFor();
  await check('admin-assist-mail');
  await done(6);
}

/** The app works at a 375 px phone width. */
export async function worksOnAPhone(host: LocalHost, browser: Browser): Promise<void> {
  const slow = (await apiAs(host, 'bob@demo.local').get<{ items: TTicket[] }>('tickets?q=Orders')).items[0]!;
  const { context, page, errors } = await newPage(browser, host, { width: 375, height: 812 });
  // No sideways scrolling: the answer names what sticks out, so a failure says where to look.
  const noSidewaysScroll = () =>
    page.evaluate<string[]>(`(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth) return [];
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .filter((e) => {
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
            if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return false;
          return true;
        })
        .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' in ' + (e.parentElement?.className || e.parentElement?.tagName || '') + ' "' + (e.textContent || '').trim().slice(0, 30) + '" ' + Math.round(e.getBoundingClientRect().right) + 'px');
      return wide.length > 0 ? wide.slice(0, 8) : ['scrollWidth ' + document.documentElement.scrollWidth];
    })()`);

  await signIn(page, 'bob@demo.local', '/?queue=mine');
  await page.getByTestId('ticket-list').waitFor();
  expect(await noSidewaysScroll()).toEqual([]);
  await screenshot(page, 'phone-list');

  await page.getByRole('link', { name: slow.title }).click();
  await page.getByRole('heading', { level: 1, name: slow.title }).waitFor();
  await page.locator('[data-assist]').first().waitFor();
  expect(await noSidewaysScroll()).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);

  // The draft survives a reload until it is sent.
  await page.locator('#composer-note').fill('Checked from my phone.');
  await page.reload();
  await expect.poll(() => page.locator('#composer-note').inputValue()).toBe('Checked from my phone.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('[data-kind="note"]:not(.pending)', { hasText: 'Checked from my phone.' }).waitFor();
  await page.locator('#composer-reply').scrollIntoViewIfNeeded();
  expect(await page.locator('#composer-reply').isVisible()).toBe(true);
  await screenshot(page, 'phone-detail');

  await page.goto('/assists');
  await page.getByRole('heading', { name: 'Assists for me' }).waitFor();
  expect(await noSidewaysScroll()).toEqual([]);
  await screenshot(page, 'phone-assists');

  await page.getByTestId('bell').click();
  await page.locator('#notification-panel').waitFor();
  expect(await noSidewaysScroll()).toEqual([]);
  await screenshot(page, 'phone-bell');
  await page.keyboard.press('Escape');

  await page.goto('/preferences');
  await page.getByTestId('auto-accept-status').waitFor();
  expect(await noSidewaysScroll()).toEqual([]);
  await screenshot(page, 'phone-preferences');

  await signIn(page, 'admin@demo.local', '/admin/sla/calendars');
  await page.getByRole('button', { name: /Business hours/ }).click();
  await page.getByTestId('week-grid').waitFor();
  expect(await noSidewaysScroll()).toEqual([]);
  await screenshot(page, 'phone-sla-calendar');
  expect(errors).toEqual([]);
  await context.close();
}
