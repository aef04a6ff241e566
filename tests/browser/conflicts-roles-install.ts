/**
 * Behaviour around the edges of the main path: a stale change is rolled back with a visible
 * "reload" banner (412 from If-Match), roles shape what the UI offers, and the app is
 * installable (manifest, icons, a service worker that never answers /api).
 */
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, newPage, screenshot, signIn } from './harness.js';

/** A status change on a stale ticket is undone on screen and the conflict banner offers a reload. */
export async function staleChangeRollsBack(host: LocalHost, browser: Browser): Promise<void> {
  const alice = apiAs(host, 'alice@demo.local');
  const ticket = (await alice.get<{ items: TTicket[] }>('tickets?q=VPN')).items[0]!;
  const { context, page, errors } = await newPage(browser, host);
  await signIn(page, 'alice@demo.local', `/tickets/${ticket.number}`);
  await page.getByRole('button', { name: /^Accept/ }).click();
  await expect.poll(() => page.getByTestId('ticket-owner').textContent()).toBe('Alice Agent');
  // Accepting opens a new ticket: wait for the server's answer, not just the optimistic owner.
  await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('open');
  const statusBefore = await page.getByTestId('ticket-status').textContent();

  // Someone (here: Alice in another tab) moves the ticket on; this screen still holds the old ETag.
  await alice.post(`tickets/${ticket.id}/status`, { status: 'pending', reason: 'Waiting for the VPN team' });

  await page.getByRole('button', { name: 'Resolve' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'This ticket changed' });
  await banner.waitFor();
  expect(await page.getByTestId('ticket-status').textContent()).toBe(statusBefore);
  expect(await page.getByRole('alert').filter({ hasText: 'changed since you loaded it' }).count()).toBeGreaterThan(0);
  await screenshot(page, 'detail-conflict');
  await banner.getByRole('button', { name: 'Reload' }).click();
  await banner.waitFor({ state: 'detached' });
  expect(await page.getByTestId('ticket-status').textContent()).toBe('pending');
  expect((await alice.get<TTicket>(`tickets/${ticket.id}`)).status).toBe('pending');
  expect(errors).toEqual([]);
  await context.close();
}

/** Experts get no Accept and no customer reply; only admins see the admin pages. */
export async function rolesShapeTheUi(host: LocalHost, browser: Browser): Promise<void> {
  const ticket = (await apiAs(host, 'dave@demo.local').get<{ items: TTicket[] }>('tickets?q=Printer')).items[0]!;
  expect(ticket.ownerId).toBeNull();
  const { context, page } = await newPage(browser, host);
  await signIn(page, 'dave@demo.local', `/tickets/${ticket.number}`);
  await page.getByRole('heading', { level: 1, name: ticket.title }).waitFor();
  await page.locator('#composer-note').waitFor();
  expect(await page.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
  expect(await page.locator('#composer-reply').count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);

  await signIn(page, 'alice@demo.local', `/tickets/${ticket.number}`);
  await page.getByRole('button', { name: /^Accept/ }).waitFor();
  expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
  await signIn(page, 'admin@demo.local', '/');
  await page.getByRole('link', { name: 'Admin' }).waitFor();
  await context.close();
}

/** Manifest and icons are served; the service worker takes over the shell but never /api. */
export async function isInstallable(host: LocalHost, browser: Browser): Promise<void> {
  const { context, page } = await newPage(browser, host, undefined, 'allow');
  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: { src: string }[];
  };
  expect(manifest.display).toBe('standalone');
  expect(manifest.name).toContain('ITIL-NEXT');
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).ok()).toBe(true);

  await page.goto('/signin');
  await page.waitForFunction('navigator.serviceWorker.ready.then(() => true)');
  await page.waitForFunction('navigator.serviceWorker.controller !== null || (location.reload(), false)', undefined, {
    timeout: 10_000,
    polling: 1000,
  });
  const api: boolean[] = [];
  const assets: boolean[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) api.push(r.fromServiceWorker());
    if (path.startsWith('/_app/immutable/')) assets.push(r.fromServiceWorker());
  });
  await page.reload();
  await page.locator('button[data-email]').first().waitFor();
  expect(api.length).toBeGreaterThan(0);
  expect(api.every((fromWorker) => !fromWorker)).toBe(true);
  expect(assets.some((fromWorker) => fromWorker)).toBe(true);
  await context.close();
}
