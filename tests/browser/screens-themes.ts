/**
 * Every screen in the light and the dark theme, as screenshots under test-artifacts/screens/themes/
 * (the theme follows the emulated system setting). A screen that fails to draw fails the test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, newPage, SCREENS_DIR, signIn } from './harness.js';
import { offerToMia, quarantineAnAutoReply } from './screen-data.js';

const THEMES_DIR = join(SCREENS_DIR, 'themes');

export async function everyScreenInBothThemes(host: LocalHost, browser: Browser): Promise<void> {
  const slow = (await apiAs(host, 'bob@demo.local').get<{ items: TTicket[] }>('tickets?q=Orders')).items[0]!;
  const { context, page, errors } = await newPage(browser, host);
  mkdirSync(THEMES_DIR, { recursive: true });
  const shoot = async (name: string) => {
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.screenshot({ path: join(THEMES_DIR, `${name}-${theme}.png`), fullPage: true });
    }
  };
  const visit = async (name: string, url: string, ready: (p: Page) => Promise<unknown>) => {
    await page.goto(url);
    await ready(page);
    await shoot(name);
  };

  await visit('signin', '/signin', (p) => p.locator('button[data-email]').first().waitFor());
  await offerToMia(host, 'Screens: firewall cluster down');
  await signIn(page, 'mia@demo.local', '/?queue=mine');
  await visit('home-offered-to-you', '/?queue=mine', (p) => p.getByTestId('offers').waitFor());
  await signIn(page, 'bob@demo.local', '/?queue=mine');
  await visit('list', '/?queue=all', (p) => p.getByTestId('ticket-list').waitFor());
  await visit('detail', `/tickets/${slow.number}`, (p) => p.locator('[data-assist]').first().waitFor());
  await visit('preferences', '/preferences', (p) => p.getByTestId('auto-accept-status').waitFor());
  await signIn(page, 'dave@demo.local', '/assists');
  await visit('assists', '/assists', (p) => p.getByTestId('assist-inbox').waitFor());
  await signIn(page, 'lead@demo.local', '/workload');
  await visit('workload', '/workload', (p) => p.getByTestId('workload').waitFor());
  await quarantineAnAutoReply(host, 'Automatic reply: on leave');
  await signIn(page, 'admin@demo.local', '/admin');
  await visit('admin', '/admin', async (p) => {
    await p.getByTestId('queue-depths').waitFor();
    await p.getByRole('heading', { name: 'Dead-lettered messages' }).waitFor();
    await p.getByTestId('quarantine').waitFor();
  });
  await visit('sla-calendars', '/admin/sla/calendars', async (p) => {
    await p.getByRole('button', { name: /Business hours/ }).click();
    await p.getByTestId('week-grid').waitFor();
  });
  await visit('sla-policies', '/admin/sla/policies', async (p) => {
    await p.locator('button[aria-pressed]').first().click();
    await p.getByRole('button', { name: 'Preview', exact: true }).click();
    await p.getByTestId('sla-preview').waitFor();
  });
  await visit('sla-olas', '/admin/sla/olas', async (p) => {
    await p.locator('button[aria-pressed]').first().click();
    await p.locator('#ola-minutes').waitFor();
  });
  await visit('gallery', '/dev/ui', (p) => p.getByTestId('gallery-table').waitFor());
  expect(errors).toEqual([]);
  await context.close();
}
