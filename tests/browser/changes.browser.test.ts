/**
 * The change screens in the browser (issue 16), on one `npm start` for the whole file (SQLite; the
 * API tests cover both stores): from the orders-database incident, "Create change" raises a normal
 * change with the incident's CIs, linked both ways; the owner accepts it, edits the plan and plans
 * the window on its page; the list and the calendar find it; then it is taken through its table to
 * closed with the owner never moved. Axe finds nothing serious on any change screen, in both themes.
 */
import { describe, expect, it } from 'vitest';
import type { TChange } from '../../shared/api/changes.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { seriousAxeViolationsInBothThemes as axe } from './axe.js';
import { apiAs, hostAndBrowserForSuite, newPage, signIn } from './harness.js';

const ALICE = 'alice@demo.local';

describe('Change screens', { timeout: 120_000 }, () => {
  const suite = hostAndBrowserForSuite();

  it('raises a change from an incident, works it on its page and finds it in the list and the calendar', async () => {
    const { host, browser } = suite;
    const alice = apiAs(host, ALICE);
    const incident = (await alice.get<{ items: TTicket[] }>('tickets?q=Orders')).items[0] as TTicket;
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, ALICE, `/tickets/${incident.number}`);
    await page.getByTestId('create-change').click();
    await page.getByTestId('from-ticket').waitFor();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toContain(incident.number);
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Implementation plan').fill('Add the missing index on orders.customer_id');
    await page.getByRole('button', { name: 'Raise change' }).click();
    await page.getByTestId('change-state').filter({ hasText: 'New' }).waitFor();
    const number = /CHG-\d+/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[0] as string;
    const raised = await alice.get<TChange>(`changes/${number}`);
    expect(raised.affectedCiIds).toEqual((incident.affectedCis ?? []).map((c) => c.ciId));
    expect(raised.links.map((l) => l.number)).toEqual([incident.number]);
    expect(await page.getByTestId('change-owner').textContent()).toBe('Unassigned');

    await page.getByRole('button', { name: 'Accept (a)' }).click();
    await expect.poll(() => page.getByTestId('change-owner').textContent()).toBe('Alice Agent');
    await page.getByLabel('Backout plan').fill('Drop the index');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByTestId('timeline').getByText('Fields changed').waitFor();
    const start = new Date(Date.now() + 2 * 86_400_000);
    start.setHours(22, 0, 0, 0);
    const local = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:00`;
    await page.getByLabel('Planned start').fill(local(start));
    await page.getByLabel('Planned end').fill(local(new Date(start.getTime() + 3_600_000)));
    await page.getByRole('button', { name: 'Plan the window' }).click();
    await expect
      .poll(async () => (await alice.get<TChange>(`changes/${number}`)).plannedStart)
      .toBe(start.toISOString());
    expect(await axe(page)).toEqual([]);

    // The incident shows the change with its state.
    await page.goto(`/tickets/${incident.number}`);
    await page.getByTestId('ticket-changes').getByRole('link', { name: number }).waitFor();
    expect(await page.getByTestId('linked-change-state').textContent()).toBe('New');

    await page.goto('/changes?owner=me');
    await page.getByTestId('change-list').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);

    // The calendar shows it on its day; the keyboard moves between days and lists one.
    await page.goto(`/changes/calendar?day=${local(start).slice(0, 10)}`);
    const cell = page.locator(`[data-day="${local(start).slice(0, 10)}"]`);
    await cell.locator(`[data-change="${number}"]`).waitFor();
    await page.getByTestId('calendar-day').getByRole('link', { name: number }).waitFor();
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-day')))
      .not.toBe(local(start).slice(0, 10));
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('calendar-day').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'List' }).click();
    await page.getByTestId('calendar-list').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
