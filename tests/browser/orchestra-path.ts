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
