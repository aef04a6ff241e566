/**
 * The CMDB screens in the browser (issue 15), on one `npm start` (SQLite; the API end-to-end
 * tests cover both stores) with the Valuemation simulator and a folder of exports: the CI list's
 * filters, the import page's dry run (a rejected row with its line and reason) then apply, and a
 * file refused whole; axe finds nothing serious on any of them, in both themes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCiSearchHit } from '../../shared/api/cmdb.schemas.js';
import { seriousAxeViolationsInBothThemes } from './axe.js';
import { apiAs, type LocalHost, launchBrowser, newPage, signIn, startHost } from './harness.js';

const axe = seriousAxeViolationsInBothThemes;
const ADMIN = 'admin@demo.local';

describe('CMDB screens', { timeout: 60_000 }, () => {
  let host: LocalHost;
  let browser: Browser;
  let dropDir: string;
  beforeAll(async () => {
    dropDir = mkdtempSync(join(tmpdir(), 'cmdb-drop-'));
    [host, browser] = await Promise.all([startHost({ CMDB_IMPORT_DIR: dropDir }), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(dropDir, { recursive: true, force: true });
  });

  it('dry-runs an import with a rejected row, then applies it; a malformed file is refused', async () => {
    const { context, page, errors } = await newPage(browser, host);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, ADMIN, '/cmdb');
    await page.getByRole('button', { name: 'Import a file' }).click();
    await page.waitForURL('**/cmdb/import');
    const problems: Record<string, string[]> = { empty: await axe(page) };

    const csv = [
      'key,name,ciClass,assetTag,ipAddresses,relations',
      'srv-imp-1,imp-server-01,server,IMP-0001,10.99.0.1,',
      'vm-imp-1,imp-vm-01,virtual_machine,,10.99.0.2,hosted_on>srv-imp-1',
      'toaster-1,imp-toaster,toaster,,,',
      'app-imp-1,imp-app-01,application,,,runs_on>nowhere',
    ].join('\n');
    await page.getByLabel("Or paste the file's text").fill(csv);
    await page.getByRole('button', { name: 'Dry run' }).click();
    const report = page.getByTestId('import-report');
    await report.getByRole('heading', { name: 'Dry run: nothing written yet' }).waitFor();
    expect(await report.getByTestId('import-created').textContent()).toContain('2');
    expect(await report.getByTestId('import-relations').textContent()).toContain('1');
    const rejected = report.getByTestId('import-rejected').locator('tbody tr');
    await expect.poll(() => rejected.count()).toBe(2);
    expect(await rejected.nth(0).textContent()).toMatch(/^4\s*toaster-1.*toaster/);
    expect(await rejected.nth(1).textContent()).toMatch(/^5\s*app-imp-1.*nowhere/);
    const api = apiAs(host, ADMIN);
    const search = async (q: string) => (await api.get<{ items: TCiSearchHit[] }>(`cmdb/search?q=${q}`)).items;
    expect(await search('imp-server-01')).toEqual([]);
    problems.dryRun = await axe(page);

    await page.getByRole('button', { name: 'Apply' }).click();
    await report.getByRole('heading', { name: 'Imported' }).waitFor();
    expect((await search('imp-server-01')).map((h) => h.name)).toEqual(['imp-server-01']);
    expect((await search('imp-vm-01')).map((h) => h.name)).toEqual(['imp-vm-01']);
    expect(await search('imp-toaster')).toEqual([]);
    // Apply writes only what was checked: the text changed, a dry run comes first again.
    await page.getByLabel("Or paste the file's text").fill(`${csv}\n`);
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);

    const broken = join(dropDir, '..', `broken-${Date.now()}.json`);
    writeFileSync(broken, '{"cis": [');
    await page.getByLabel('Upload a file').setInputFiles(broken);
    rmSync(broken);
    await expect.poll(() => page.getByLabel('Format').inputValue()).toBe('json');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByTestId('import-refused').getByText('The file is not valid JSON').waitFor();
    expect(await page.getByTestId('import-report').count()).toBe(0);
    problems.refused = await axe(page);
    expect(problems).toEqual({ empty: [], dryRun: [], refused: [] });
    expect(errors).toEqual([]);
    await context.close();
  });
});
