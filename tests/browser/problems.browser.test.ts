/**
 * The problem screens in the browser (issue 17), on one `npm start` (SQLite; the API tests cover
 * both stores): from the orders-database incident, "Create problem" raises a problem with the
 * incident linked both ways; the owner accepts it and records the root cause and workaround on its
 * page; the list finds it and the incident shows "awaiting PRB-n". Axe finds nothing serious on
 * the list, the detail and the suggested-problems queue, in both themes.
 */
import { describe, expect, it } from 'vitest';
import type { TProblemRecord } from '../../shared/api/problems.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { seriousAxeViolationsInBothThemes as axe } from './axe.js';
import { apiAs, hostAndBrowserForSuite, newPage, signIn } from './harness.js';

const ALICE = 'alice@demo.local';

describe('Problem screens', { timeout: 120_000 }, () => {
  const suite = hostAndBrowserForSuite();

  it('raises a problem from an incident, works it on its page and finds it in the list', async () => {
    const { host, browser } = suite;
    const alice = apiAs(host, ALICE);
    const incident = (await alice.get<{ items: TTicket[] }>('tickets?q=Orders')).items[0] as TTicket;
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, ALICE, `/tickets/${incident.number}`);
    await page.getByRole('button', { name: 'Create problem' }).click();
    await page.getByTestId('problem-state').filter({ hasText: 'New' }).waitFor();
    const number = /PRB-\d+/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[0] as string;
    const raised = await alice.get<TProblemRecord>(`problems/${number}`);
    expect(raised.links.map((l) => [l.number, l.kind])).toEqual([[incident.number, 'has_symptom']]);
    expect(await page.getByTestId('problem-owner').textContent()).toBe('Unassigned');

    await page.getByRole('button', { name: 'Accept (a)' }).click();
    await expect.poll(() => page.getByTestId('problem-owner').textContent()).toBe('Alice Agent');
    await page.getByLabel('Root cause', { exact: true }).fill('The orders table lost its customer index');
    await page.getByLabel('Root cause category').selectOption('configuration');
    await page.getByLabel('Workaround', { exact: true }).fill('Restart the orders service after 18:00');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => (await alice.get<TProblemRecord>(`problems/${number}`)).rootCause?.category)
      .toBe('configuration');
    await page.getByTestId('problem-incidents').getByRole('link', { name: incident.number }).waitFor();
    await page.getByRole('button', { name: 'Communicate workaround' }).waitFor();
    expect(await axe(page)).toEqual([]);

    await page.goto(`${host.url}/problems`);
    await page.getByTestId('problem-list').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);

    await page.goto(`${host.url}/tickets/${incident.number}`);
    await page
      .getByTestId('awaiting-problem')
      .filter({ hasText: `awaiting ${number}` })
      .waitFor();

    await page.goto(`${host.url}/problems/suggestions`);
    await page.getByRole('heading', { name: 'Suggested problems', level: 1 }).waitFor();
    await page
      .getByText(/No suggested problems|Accept as problem/)
      .first()
      .waitFor();
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
