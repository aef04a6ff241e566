/**
 * SLA administration in the browser: an admin edits a calendar, sees the server's 422 reason for
 * an inverted interval next to the form, fixes it and saves (If-Match), then previews a policy
 * draft and sees the due times the API computes for the same sample ticket.
 */
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { TSlaPreview } from '../../shared/api/sla.schemas.js';
import type { TCalendar } from '../../shared/sla/calendar.js';
import type { TSlaPolicy } from '../../shared/sla/sla-policy.js';
import { seriousAxeViolationsInBothThemes } from './axe.js';
import { apiAs, type LocalHost, newPage, screenshot, signIn } from './harness.js';

const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

export async function adminEditsSlaConfiguration(host: LocalHost, browser: Browser): Promise<void> {
  const admin = apiAs(host, 'admin@demo.local');
  const calendar = (await admin.get<{ items: TCalendar[] }>('sla/calendars')).items.find((c) => c.mode === 'business')!;
  const monday = calendar.week.mon[0]!;
  const { context, page, errors } = await newPage(browser, host);

  await signIn(page, 'admin@demo.local', '/admin');
  await page.getByRole('link', { name: 'SLA calendars' }).click();
  await page.getByRole('button', { name: calendar.name }).click();
  const end = page.getByLabel('Monday interval 1 end');
  await end.fill(monday.start); // start == end: an empty interval the model refuses
  await page.getByRole('button', { name: 'Save calendar' }).click();
  const problem = page.locator('#calendar-problem');
  await expect.poll(() => problem.textContent()).toContain('inverted or empty');
  await screenshot(page, 'admin-sla-calendar-422');

  const fixed = monday.end === '16:00' ? '16:30' : '16:00';
  await end.fill(fixed);
  await page.getByRole('button', { name: 'Save calendar' }).click();
  await expect
    .poll(async () => (await admin.get<TCalendar>(`sla/calendars/${calendar.id}`)).week.mon[0]?.end)
    .toBe(fixed);
  expect(normalise(await problem.textContent())).toBe('');

  // Public holidays of a region, seen before they are added, stored only with the calendar.
  await page.getByText('Add public holidays of a country or region').click();
  await page.getByLabel('Country').selectOption('DE');
  await page.getByLabel('Region (optional)').selectOption('BY');
  await page.getByLabel('From year').fill('2031');
  await page.getByLabel('To year').fill('2031');
  await page.getByRole('button', { name: 'Show holidays' }).click();
  await expect.poll(() => page.getByTestId('public-holiday-count').textContent()).toContain('12 public holidays');
  expect(await seriousAxeViolationsInBothThemes(page)).toEqual([]);
  await page.getByRole('button', { name: 'Add 12 to this calendar' }).click();
  await page.getByRole('button', { name: 'Save calendar' }).click();
  await expect
    .poll(async () => (await admin.get<TCalendar>(`sla/calendars/${calendar.id}`)).holidays.map((h) => h.date))
    .toContain('2031-01-06');

  // Policies: edit a target in the draft and preview it without saving.
  const policy = (await admin.get<{ items: TSlaPolicy[] }>('sla/policies')).items.find(
    (p) => p.calendarId === calendar.id && p.conditions.priorities?.length === 1,
  )!;
  const priority = policy.conditions.priorities![0]!;
  await page.getByRole('link', { name: 'SLA policies' }).click();
  await page.getByRole('button', { name: policy.name }).click();
  await page.getByLabel(`First response ${priority} minutes`).fill('90');
  await page.locator('#sample-priority').selectOption(priority);
  await page.locator('#sample-created').fill('2026-03-02T10:00');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const row = page.getByTestId('sla-preview').locator('[data-target="firstResponse"]');
  await row.waitFor();

  const createdAt = await page.evaluate<string>("new Date('2026-03-02T10:00').toISOString()");
  const { id: _id, ...rest } = policy;
  const expected = await admin.post<TSlaPreview>('sla/preview', {
    policy: { ...rest, id: policy.id, targets: { ...policy.targets, firstResponse: { [priority]: 90 } } },
    ticket: { type: 'incident', priority },
    createdAt,
  });
  const dueInZone = new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: expected.calendar.timeZone,
  }).format(new Date(expected.firstResponse!.dueAt));
  const cells = row.locator('td');
  expect(normalise(await cells.nth(0).textContent())).toBe('1h 30m');
  expect(normalise(await cells.nth(1).textContent())).toBe(normalise(`${dueInZone} (${expected.calendar.timeZone})`));
  await screenshot(page, 'admin-sla-policy-preview');

  // The preview did not save the draft.
  expect((await admin.get<TSlaPolicy>(`sla/policies/${policy.id}`)).targets).toEqual(policy.targets);
  expect(errors).toEqual([]);
  await context.close();
}
