/**
 * The known error database in the browser (issue 17), on one `npm start` (SQLite, the demo
 * seeded): an incident comes in, an agent writes the known error in the editor and publishes it,
 * the next incident with the same trouble is offered it in its suggestions panel, and "Apply as
 * note" writes the workaround into its timeline and links it. The list, the detail with its
 * versions and the candidates queue (the demo's promoted assist) are axe clean in both themes.
 */
import { describe, expect, it } from 'vitest';
import type { TKnownError } from '../../shared/api/known-errors.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { seriousAxeViolationsInBothThemes as axe } from './axe.js';
import { apiAs, hostAndBrowserForSuite, newPage, signIn } from './harness.js';

const ALICE = 'alice@demo.local';

describe('known errors', { timeout: 90_000 }, () => {
  const suite = hostAndBrowserForSuite();

  it('publishes a known error written for one incident and offers it to the next, whose agent applies it', async () => {
    const api = apiAs(suite.host, ALICE);
    const incident = (text: string) =>
      api.post<TTicket>('tickets', {
        title: text,
        description: `${text}. The error says XL-4711 and the workbook stays read-only.`,
        requester: { email: 'ines.ortega@customer.example', name: 'Ines Ortega' },
      });
    await incident('Excel freezes when opening the shared budget workbook');
    const { page, errors } = await newPage(suite.browser, suite.host);
    await signIn(page, ALICE, '/known-errors/new');
    await page.getByLabel('Title').fill('Excel freezes on shared workbooks opened from SharePoint');
    await page.getByLabel('Symptoms').fill('Excel freezes and the shared workbook opens read-only (XL-4711).');
    await page
      .getByLabel('Workaround')
      .fill('Open the workbook in Excel for the web, or turn off AutoSave and reopen it.');
    await page.getByLabel('Error codes').fill('XL-4711');
    await page.getByRole('button', { name: 'Write draft' }).click();
    await expect.poll(() => page.getByTestId('known-error-status').textContent()).toBe('draft');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByTestId('known-error-status').textContent()).toBe('published');
    expect(await page.getByTestId('known-error-versions').locator('li').count()).toBe(2);
    expect(await axe(page)).toEqual([]);
    const ke = await api.get<TKnownError>(`known-errors/${page.url().split('/').pop()}`);

    const next = await incident('Excel hangs opening a shared workbook');
    await api.post(`tickets/${next.id}/accept`);
    await page.goto(`/tickets/${next.id}`);
    const offered = page.getByTestId('known-error-suggestion').first();
    await expect.poll(() => offered.getAttribute('data-number'), { timeout: 10_000 }).toBe(ke.number);
    expect(await axe(page)).toEqual([]);
    await offered.getByRole('button', { name: 'Apply as note' }).click();
    await expect
      .poll(() => page.getByTestId('timeline').textContent(), { timeout: 10_000 })
      .toContain('Open the workbook in Excel for the web');
    const linked = await api.get<TTicket & { links: { kind: string; number: string }[] }>(`tickets/${next.id}`);
    expect(linked.links).toEqual([expect.objectContaining({ kind: 'workaround_from', number: ke.number })]);

    await page.goto('/known-errors');
    await page.getByTestId('known-error-list').waitFor();
    expect(await page.getByTestId('known-error-list').textContent()).toContain(ke.number);
    expect(await axe(page)).toEqual([]);
    await page.goto('/known-errors/candidates');
    await page.getByTestId('known-error-candidates').waitFor();
    expect(await page.getByTestId('known-error-candidates').textContent()).toContain('Teams calls lose audio');
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
