/**
 * Routing and notifications in the browser: a lead reads the team's workload and queue, an agent
 * switches availability, and after the lead transfers a ticket to them the bell shows it; the
 * agent opens the bell and marks everything read.
 */
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { TAgent } from '../../shared/api/directory.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, newPage, screenshot, signIn } from './harness.js';

interface Workload {
  queued: number;
  agents: { agentId: string; name: string; availability: string }[];
}

export async function leadSeesWorkload(host: LocalHost, browser: Browser): Promise<void> {
  const lead = apiAs(host, 'lead@demo.local');
  const me = await lead.get<TAgent>('me');
  const teamId = me.teamIds[0]!;
  const [workload, queue] = await Promise.all([
    lead.get<Workload>(`teams/${teamId}/workload`),
    lead.get<{ items: TTicket[] }>(`teams/${teamId}/queue`),
  ]);
  const { context, page, errors } = await newPage(browser, host);
  await signIn(page, 'lead@demo.local', '/?queue=team');
  await page.getByRole('link', { name: 'Workload' }).click();
  const table = page.getByTestId('workload');
  await table.waitFor();
  expect(await table.locator('tbody tr').count()).toBe(workload.agents.length);
  for (const a of workload.agents)
    expect(await table.locator(`[data-agent="${a.agentId}"]`).textContent()).toContain(a.name);
  expect(await page.locator('#agents-title').textContent()).toContain(`${workload.queued} waiting`);
  expect(await page.getByTestId('team-queue').locator('li').count()).toBe(queue.items.length);
  await screenshot(page, 'workload');
  expect(errors).toEqual([]);
  await context.close();
}

export async function agentSwitchesAvailabilityAndReadsTheBell(host: LocalHost, browser: Browser): Promise<void> {
  const alice = apiAs(host, 'alice@demo.local');
  const lead = apiAs(host, 'lead@demo.local');
  const { context, page, errors } = await newPage(browser, host);
  await signIn(page, 'alice@demo.local', '/?queue=mine');
  const me = await alice.get<TAgent>('me');
  // Routing's view of availability is the team workload (GET /me still shows the directory's).
  const availabilityOf = async () =>
    (await lead.get<Workload>(`teams/${me.teamIds[0]}/workload`)).agents.find((a) => a.agentId === me.id)?.availability;
  const availability = page.getByTestId('availability');
  await availability.selectOption('away');
  await expect.poll(availabilityOf).toBe('away');
  await availability.selectOption('online');
  await expect.poll(availabilityOf).toBe('online');
  await alice.post('notifications/read-all');

  // The lead hands Alice a ticket: that notifies her.
  const ticket = await lead.post<TTicket>('tickets', {
    title: 'Bell test: laptop will not boot',
    requester: { email: 'bell@customer.example', name: 'Bell Customer' },
    teamId: 'service-desk',
  });
  await lead.post(`tickets/${ticket.id}/accept`);
  await lead.post(`tickets/${ticket.id}/transfer`, { toAgentId: me.id, reason: 'Alice knows this model' });
  await expect
    .poll(async () => (await alice.get<{ unread: number }>('notifications/unread-count')).unread)
    .toBeGreaterThan(0);

  // Navigating refreshes the count at once (the poll would catch it within 30 s).
  await page.getByRole('link', { name: 'Unassigned' }).click();
  const count = page.getByTestId('unread-count');
  await expect.poll(async () => Number(await count.textContent())).toBeGreaterThan(0);
  await page.getByTestId('bell').click();
  const list = page.getByTestId('notification-list');
  await list.locator(`a[href="/tickets/${ticket.number}"]`).first().waitFor();
  await screenshot(page, 'bell-open');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect.poll(async () => Number(await count.textContent())).toBe(0);
  expect(await list.locator('[data-unread="true"]').count()).toBe(0);
  expect((await alice.get<{ unread: number }>('notifications/unread-count')).unread).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
}

const p1 = (title: string) => ({
  title,
  description: 'Nothing reachable',
  requester: { email: 'ops@customer.example', name: 'Ops' },
  impact: 1,
  urgency: 1,
  teamId: 'service-desk',
});

/**
 * A P1 is offered to Mia: it waits, unowned, on her home screen until she accepts it with one
 * action; then she turns on her own auto-accept for P1s in Preferences and the next P1 is hers, its
 * timeline naming her standing choice with a link to the setting.
 */
export async function miaAcceptsAnOfferThenTurnsOnAutoAccept(host: LocalHost, browser: Browser): Promise<void> {
  const lead = apiAs(host, 'lead@demo.local');
  const mia = apiAs(host, 'mia@demo.local');
  const first = await lead.post<TTicket>('tickets', p1('Browser: core router down'));
  await expect.poll(async () => (await lead.get<TTicket>(`tickets/${first.id}`)).offer?.agentId).toBe('ag_mia');

  const { context, page, errors } = await newPage(browser, host);
  await signIn(page, 'mia@demo.local', '/?queue=mine');
  const row = page.getByTestId('offers').locator(`[data-offer="${first.number}"]`);
  await row.waitFor();
  expect((await lead.get<TTicket>(`tickets/${first.id}`)).ownerId).toBeNull();
  await screenshot(page, 'offered-to-me');
  await row.getByRole('button', { name: `Accept ${first.number}` }).click();
  await row.waitFor({ state: 'detached' });
  expect((await mia.get<TTicket>(`tickets/${first.id}`)).ownerId).toBe('ag_mia');
  await page.getByTestId('ticket-list').locator(`a[href="/tickets/${first.number}"]`).waitFor();

  await page.getByRole('link', { name: 'Preferences' }).click();
  const status = page.getByTestId('auto-accept-status');
  await status.waitFor();
  expect(await status.textContent()).toContain('never turned it on');
  await page.getByTestId('auto-accept-enabled').check();
  await page.getByRole('checkbox', { name: 'P1', exact: true }).check();
  await page.getByRole('button', { name: 'Save auto-accept' }).click();
  await expect.poll(async () => status.textContent()).toContain('On since');
  await screenshot(page, 'preferences-auto-accept');

  const next = await lead.post<TTicket>('tickets', p1('Browser: second core router down'));
  await expect.poll(async () => (await lead.get<TTicket>(`tickets/${next.id}`)).ownerId).toBe('ag_mia');
  await page.goto(`/tickets/${next.number}`);
  const standing = page.getByTestId('standing-choice');
  await standing.waitFor();
  expect(await standing.textContent()).toContain('standing choice');
  expect(await standing.locator('a').getAttribute('href')).toBe('/preferences#auto-accept');

  // Switched off again from the same screen: the demo goes on waiting for a yes.
  await page.goto('/preferences');
  await page.getByTestId('auto-accept-enabled').uncheck();
  await page.getByRole('button', { name: 'Save auto-accept' }).click();
  await expect.poll(async () => page.getByTestId('auto-accept-status').textContent()).toContain('Off since');
  expect((await mia.get<{ enabled: boolean }>('me/auto-accept')).enabled).toBe(false);

  // Assist requests by email (ADR 0015): Mia's own choice, saved with her notifications.
  await page.getByTestId('assist-requests-by-email').check();
  await page.getByRole('button', { name: 'Save notifications' }).click();
  await expect
    .poll(
      async () =>
        (await mia.get<{ assistRequestsByEmail: boolean }>('me/notification-preferences')).assistRequestsByEmail,
    )
    .toBe(true);
  await page.reload();
  expect(await page.getByTestId('assist-requests-by-email').isChecked()).toBe(true);
  await page.getByTestId('assist-requests-by-email').uncheck();
  await page.getByRole('button', { name: 'Save notifications' }).click();
  await expect
    .poll(
      async () =>
        (await mia.get<{ assistRequestsByEmail: boolean }>('me/notification-preferences')).assistRequestsByEmail,
    )
    .toBe(false);
  expect(errors).toEqual([]);
  await context.close();
}
