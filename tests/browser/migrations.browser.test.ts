/**
 * The migrations page in the browser (issue 20): an export in the generic format is uploaded, the
 * dry run shows counts, unmapped values and refused rows with reasons, then the import runs as a
 * job whose result is still there after a reload; a mailbox is put in shadow mode. axe finds
 * nothing serious.
 */
import { describe, expect, it } from 'vitest';
import { seriousAxeViolationsInBothThemes as axe } from './axe.js';
import { hostAndBrowserForSuite, newPage, signIn } from './harness.js';

const exportFile = {
  source: 'brwsr',
  users: [
    { id: 1, name: 'Pat Requester', email: 'pat@example.com' },
    { id: 2, name: 'No Address' },
  ],
  tickets: [
    {
      id: 7,
      subject: 'Monitor flickers',
      status: 'on-hold-forever',
      requesterId: 1,
      createdAt: '2025-05-01T09:00:00Z',
      comments: [{ id: 70, authorId: 1, body: 'Since the update', createdAt: '2025-05-01T09:00:00Z' }],
    },
    { id: 8, subject: 'Call back', requesterId: 2, createdAt: '2025-05-02T09:00:00Z' },
  ],
};

describe('Migrations page', { timeout: 90_000 }, () => {
  const suite = hostAndBrowserForSuite();

  it('dry-runs an uploaded export, imports it, and keeps the result across a reload', async () => {
    const { host, browser } = suite;
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, 'admin@demo.local', '/admin/migrations');
    await page.getByRole('heading', { name: 'Moving in' }).waitFor();
    const problems: Record<string, string[]> = {};

    await page.locator('#migration-upload').setInputFiles({
      name: 'old-helpdesk.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exportFile)),
    });
    await page.getByTestId('migration-file-name').waitFor();
    await page.getByRole('button', { name: 'Dry run' }).click();
    const dry = page.getByRole('article', { name: 'Dry run from old-helpdesk.json' });
    await dry.and(page.locator('[data-status="finished"]')).waitFor();
    expect(await dry.getByTestId('migration-counts').textContent()).toContain('1 would come, 1 refused');
    expect(await dry.getByTestId('migration-unmapped').textContent()).toContain('on-hold-forever (1)');
    expect(await dry.getByTestId('migration-rejected').textContent()).toContain(
      'requester No Address (2) has no email address',
    );
    problems.dryRun = await axe(page);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const real = page.getByRole('article', { name: 'Import from old-helpdesk.json' });
    await real.and(page.locator('[data-status="finished"]')).waitFor();
    expect(await real.getByTestId('migration-counts').textContent()).toContain('1 imported');

    await page.reload();
    await page.getByRole('article', { name: 'Import from old-helpdesk.json' }).waitFor();

    await page.getByLabel('Mailbox').fill('support@demo.local');
    await page.getByRole('button', { name: 'Set' }).click();
    await page.getByTestId('mailbox-modes').getByText('support@demo.local').waitFor();
    expect(await page.getByTestId('mailbox-modes').textContent()).toContain('shadow mode');
    problems.parallelRun = await axe(page);

    expect(problems).toEqual({ dryRun: [], parallelRun: [] });
    expect(errors).toEqual([]);
    await context.close();
  });
});
