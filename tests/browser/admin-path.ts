/**
 * The admin pages beyond SLA calendars and policies: an auto-reply that matches no ticket lands in
 * the quarantine; the admin downloads it as received and opens a ticket from it on purpose. Then
 * the admin edits the default assist OLA, sees the server's 422 for an impossible target, fixes it,
 * and creates a team's own OLA and deletes it again (after a confirmation).
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { TQuarantineItem } from '../../shared/api/mail.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import type { TSlaOla } from '../../shared/sla-engine/sla-config.js';
import { apiAs, type LocalHost, newPage, screenshot, signIn } from './harness.js';
import { quarantineAnAutoReply } from './screen-data.js';

const SUBJECT = 'Out of office: back after the holidays';

export async function adminReprocessesQuarantineAndEditsAnOla(host: LocalHost, browser: Browser): Promise<void> {
  const admin = apiAs(host, 'admin@demo.local');
  await quarantineAnAutoReply(host, SUBJECT);
  const quarantined = async () =>
    (await admin.get<{ items: TQuarantineItem[] }>('admin/quarantine?status=all')).items.find(
      (q) => q.subject === SUBJECT,
    );

  const { context, page, errors } = await newPage(browser, host);
  await signIn(page, 'admin@demo.local', '/admin');
  const row = page.getByTestId('quarantine').locator('tr', { hasText: SUBJECT });
  await row.waitFor();
  expect(await row.textContent()).toContain('automatic mail');
  await screenshot(page, 'admin-quarantine');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: `Download the raw message of ${SUBJECT}` }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toContain(`Subject: ${SUBJECT}`);

  await row.getByRole('button', { name: `Open a ticket from ${SUBJECT}` }).click();
  await row.waitFor({ state: 'detached' });
  const ticket = async () =>
    (await admin.get<{ items: TTicket[] }>(`tickets?q=${encodeURIComponent('Out of office')}`)).items[0];
  await expect.poll(async () => (await ticket())?.title).toBe(SUBJECT);
  expect((await quarantined())?.status).toBe('reprocessed');

  // The default OLA: 0 minutes is refused by the model, 180 is saved.
  await page.getByRole('link', { name: 'Assist OLAs' }).click();
  await page.getByRole('button', { name: /Expert answer/ }).click();
  const minutes = page.getByLabel('Answer within (business minutes)');
  await minutes.fill('0');
  await page.getByRole('button', { name: 'Save OLA' }).click();
  await expect.poll(() => page.locator('#OLA-problem').textContent()).toContain('answerWithinMinutes');
  await minutes.fill('180');
  await page.getByRole('button', { name: 'Save OLA' }).click();
  await expect.poll(async () => (await admin.get<TSlaOla>('sla/olas/default')).answerWithinMinutes).toBe(180);
  await screenshot(page, 'admin-sla-olas');

  // A team's own OLA: created, then deleted after the confirmation (kept when the admin says so).
  await page.getByRole('button', { name: 'New OLA' }).click();
  await page.locator('#ola-id').fill('database-ola');
  await page.locator('#ola-name').fill('Database answer');
  await page.locator('#ola-team').selectOption('database');
  await minutes.fill('120');
  await page.getByRole('button', { name: 'Save OLA' }).click();
  const olaIds = async () => (await admin.get<{ items: TSlaOla[] }>('sla/olas')).items.map((o) => o.id);
  await expect.poll(olaIds).toContain('database-ola');
  await page.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete OLA “Database answer”?' });
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await confirm.waitFor({ state: 'detached' });
  expect(await olaIds()).toContain('database-ola');
  await page.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(olaIds).not.toContain('database-ola');
  await page.getByRole('button', { name: /Database answer/ }).waitFor({ state: 'detached' });
  expect(errors).toEqual([]);
  await context.close();
}

/** The admin sends the Database team's assists to its mailbox, sees the refusal of a bad zone, then takes it back. */
export async function adminRoutesATeamsAssistsToItsMailbox(host: LocalHost, browser: Browser): Promise<void> {
  const admin = apiAs(host, 'admin@demo.local');
  const { context, page, errors } = await newPage(browser, host);
  await signIn(page, 'admin@demo.local', '/admin/assist-mail');
  const row = page.locator('tr', { hasText: 'Database' });
  await row.waitFor();
  expect(await row.textContent()).toContain('in the app only');
  await row.getByRole('button', { name: 'Change assist mail for Database' }).click();
  await page.locator('#reach-address').fill('dba@demo.local');
  await page.locator('#reach-zone').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect
    .poll(async () => page.locator('.ui-toast, [role="alert"], [role="status"]').allTextContents())
    .toEqual(expect.arrayContaining([expect.stringContaining('time zone')]));
  await page.locator('#reach-zone').fill('Europe/Vienna');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(async () => row.textContent()).toContain('dba@demo.local');
  const team = (
    await admin.get<{ items: { id: string; reachByEmail?: { address: string; timeZone: string } }[] }>('teams')
  ).items.find((t) => t.id === 'database');
  expect(team?.reachByEmail).toMatchObject({ address: 'dba@demo.local', timeZone: 'Europe/Vienna' });
  await screenshot(page, 'admin-assist-mail');

  await row.getByRole('button', { name: 'Change assist mail for Database' }).click();
  await page.getByRole('button', { name: 'In the app only' }).click();
  await expect.poll(async () => row.textContent()).toContain('in the app only');
  expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  await context.close();
}
