/**
 * The CMDB screens in the browser (issue 15), on one `npm start` for the whole file (SQLite; the
 * API end-to-end tests cover both stores) with the Valuemation simulator and a folder of exports:
 * the CI list's filters (kept in the URL) within the list route's JavaScript budget and without
 * ELK, the CI page with the relation editor, the dependency view by keyboard (ELK loaded only
 * then), the ticket's CI panel (a CI suggested by a mail accepted, one added with the picker), the
 * import page's dry run with rejected rows then apply, a file refused whole, and the sync screen
 * (both sources' last run, a rejected row of the dropped export, "Full sync now") and a
 * Valuemation CI's fields read-only in the edit form. Axe finds nothing serious on any of them,
 * in both themes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCiSearchHit } from '../../shared/api/cmdb.schemas.js';
import type { TCmdbSyncStatus } from '../../shared/api/cmdb-sync.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { seriousAxeViolationsInBothThemes } from './axe.js';
import { apiAs, type LocalHost, launchBrowser, newPage, signIn, startHost } from './harness.js';

const axe = seriousAxeViolationsInBothThemes;
const ADMIN = 'admin@demo.local';
const AGENT = 'alice@demo.local';
/** The list route's budget (tests/browser/perf.browser.test.ts): gzipped JavaScript of the first load. */
const JS_BUDGET_KB = 150;
/** The export dropped in CMDB_IMPORT_DIR before start: its third line is rejected. */
const DROPPED = ['key,name,ciClass', 'drop-1,drop-server-01,server', 'drop-2,drop-toaster,toaster'].join('\n');

describe('CMDB screens', { timeout: 90_000 }, () => {
  let host: LocalHost;
  let browser: Browser;
  let dropDir: string;
  beforeAll(async () => {
    dropDir = mkdtempSync(join(tmpdir(), 'cmdb-drop-'));
    writeFileSync(join(dropDir, 'export.csv'), DROPPED);
    [host, browser] = await Promise.all([
      startHost({ CMDB_IMPORT_DIR: dropDir, VALUEMATION_PROVIDER: 'valuemation-sim', VALUEMATION_SIM_CIS: '40' }),
      launchBrowser(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(dropDir, { recursive: true, force: true });
  });

  const ciId = async (name: string) => {
    const hits = await apiAs(host, AGENT).get<{ items: TCiSearchHit[] }>(`cmdb/search?q=${encodeURIComponent(name)}`);
    return hits.items.find((h) => h.name === name)?.id as string;
  };
  /** Gzipped sizes of the scripts the page (and its workers) fetch, by URL. */
  const scriptsOf = (page: Page) => {
    const scripts = new Map<string, number>();
    page.context().on('response', async (response) => {
      if (!/\.m?js$/.test(new URL(response.url()).pathname) || !response.ok()) return;
      scripts.set(response.url(), gzipSync(await response.body().catch(() => Buffer.alloc(0)), { level: 9 }).length);
    });
    return scripts;
  };

  it('filters the CI list (kept in the URL) within the JavaScript budget, without ELK', async () => {
    const { context, page, errors } = await newPage(browser, host);
    const scripts = scriptsOf(page);
    await signIn(page, AGENT, '/cmdb');
    const list = page.getByTestId('ci-list');
    await list.waitFor();
    await page.waitForLoadState('networkidle');
    const kb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
    console.info(`CMDB list route: ${scripts.size} scripts, ${kb.toFixed(1)} KB gzipped`);
    expect(kb).toBeLessThanOrEqual(JS_BUDGET_KB);
    expect([...scripts.keys()].filter((u) => /elk/i.test(u))).toEqual([]);

    const names = () => list.locator('tbody th').allTextContents();
    await page.getByLabel('Search', { exact: true }).fill('esx-0');
    await expect.poll(names).toEqual(['esx-01', 'esx-02', 'esx-03']);
    await page.getByLabel('Class').selectOption({ label: 'Network device' });
    await page.getByText('No CI matches these filters.').waitFor();
    await page.getByLabel('Class').selectOption({ label: 'Server' });
    await page.getByLabel('Criticality').selectOption({ label: '2 · high' });
    await page.waitForURL((url) => url.searchParams.get('criticality') === '2');
    expect(new URL(page.url()).searchParams.get('ciClass')).toBe('server');
    await page.reload();
    await expect.poll(names).toEqual(['esx-01', 'esx-02', 'esx-03']);
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('esx-0');
    expect(await axe(page)).toEqual([]);
    // j moves to the first row, Enter opens it.
    await page.locator('body').press('j');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'esx-01' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates a CI, shows one with its tickets and impact, and edits its relations', async () => {
    const ordersDb = await ciId('orders-db');
    const { context, page, errors } = await newPage(browser, host);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, ADMIN, '/cmdb/new');
    await page.getByLabel('Name', { exact: true }).fill('ui-server-01');
    await page.getByLabel('os', { exact: true }).fill('Debian 12');
    await page.getByRole('button', { name: 'Create CI' }).click();
    await page.getByRole('heading', { level: 1, name: 'ui-server-01' }).waitFor();
    expect(await page.getByTestId('ci-fields').textContent()).toContain('Debian 12');

    await page.goto(`/cmdb/${ordersDb}`);
    await page.getByRole('heading', { level: 1, name: 'orders-db' }).waitFor();
    await page
      .getByTestId('ci-tickets')
      .getByText(/Open \([1-9]/)
      .waitFor();
    const relations = page.getByTestId('ci-relations');
    await relations.getByRole('link', { name: 'orders-api' }).waitFor();

    await page.getByLabel('Direction').selectOption({ label: '… orders-db' });
    await page.getByLabel('Relation', { exact: true }).selectOption({ label: 'depends on' });
    await page.getByLabel('CI that relates to this one').fill('payroll-app');
    await page.getByRole('option', { name: /payroll-app/ }).click();
    await page.getByRole('button', { name: 'Add relation' }).click();
    const added = relations.getByRole('row', { name: /payroll-app/ });
    await added.waitFor();
    expect(await added.textContent()).toContain('is needed by');
    expect(await axe(page)).toEqual([]);

    // A pair the classes forbid is refused with the server's reason.
    await page.getByLabel('Direction').selectOption({ label: 'orders-db …' });
    await page.getByLabel('Relation', { exact: true }).selectOption({ label: 'connects to' });
    await page.getByLabel('Related CI').fill('payroll-app');
    await page.getByRole('option', { name: /payroll-app/ }).click();
    await page.getByRole('button', { name: 'Add relation' }).click();
    await page.getByText(/Could not add the relation: .*connects/).waitFor();

    await page.getByRole('tab', { name: 'Impact' }).click();
    await page.getByTestId('ci-impact').getByRole('link', { name: 'Payroll', exact: true }).first().waitFor();
    await page.getByRole('tab', { name: /Relations/ }).click();
    await relations.getByRole('button', { name: /Remove is needed by payroll-app/ }).click();
    await added.waitFor({ state: 'detached' });
    // The history of the relation's `from` end (payroll-app) has both changes, by the admin.
    const payrollApp = await ciId('payroll-app');
    const history = await apiAs(host, ADMIN).get<{ items: { action: string; source: string }[] }>(
      `cmdb/cis/${payrollApp}/history`,
    );
    expect(history.items.slice(0, 2).map((h) => [h.action, h.source])).toEqual([
      ['relation_removed', 'agent'],
      ['relation_added', 'agent'],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads the dependency view on demand and walks it by keyboard', async () => {
    const ordersDb = await ciId('orders-db');
    const { context, page, errors } = await newPage(browser, host);
    const scripts = scriptsOf(page);
    await signIn(page, AGENT, `/cmdb/${ordersDb}`);
    await page.getByRole('heading', { level: 1, name: 'orders-db' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect([...scripts.keys()].filter((u) => /elk/i.test(u))).toEqual([]);

    await page.getByRole('tab', { name: 'Dependency view' }).click();
    const picture = page.getByRole('application', { name: /Dependencies of orders-db/ });
    await picture.waitFor();
    await expect.poll(() => [...scripts.keys()].some((u) => /elk-worker/.test(u))).toBe(true);
    await page.getByTestId('dependency-paths').getByRole('link', { name: 'Online Orders' }).waitFor();
    expect(await axe(page)).toEqual([]);

    // One Tab stop in the picture: the CI itself; an arrow key moves to a neighbour, Enter opens it.
    await page.getByLabel('Depth').focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? ''");
    const center = await focused();
    expect(center).toMatch(/orders-db/);
    let moved = center;
    for (const key of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']) {
      await page.keyboard.press(key);
      moved = await focused();
      if (moved !== center) break;
    }
    expect(moved).not.toBe(center);
    const href = `/cmdb/${await page.evaluate<string>("document.activeElement?.getAttribute('data-node') ?? ''")}`;
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === href);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('accepts a CI suggested by a mail and adds one with the picker, the owner untouched', async () => {
    const subject = `Floor 3 printer offline ${Date.now()}`;
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: host.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'Hanna Berg <hanna.berg@customer.example>',
      to: 'support@demo.local',
      subject,
      text: 'prn-floor3-01.corp.example shows offline since this morning.',
    });
    transport.close();
    const api = apiAs(host, AGENT);
    let ticket: TTicket | undefined;
    await expect
      .poll(
        async () => {
          const found = await api.get<{ items: TTicket[] }>(`tickets?q=${encodeURIComponent('printer offline')}`);
          ticket = found.items.find((t) => t.title === subject);
          return ticket !== undefined;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, AGENT, `/tickets/${ticket?.id}`);
    const panel = page.getByTestId('ticket-cis');
    const suggested = panel.getByTestId('suggested-cis');
    await suggested.getByRole('link', { name: 'prn-floor3-01' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await suggested.getByRole('button', { name: 'Accept prn-floor3-01' }).click();
    const affected = panel.getByTestId('affected-cis');
    await affected.getByRole('link', { name: 'prn-floor3-01' }).waitFor();

    await panel.getByLabel('Add an affected CI').fill('SRV-0001');
    await page.getByRole('option', { name: /esx-01/ }).click();
    await affected.getByRole('link', { name: 'esx-01' }).waitFor();
    const after = await api.get<TTicket>(`tickets/${ticket?.id}`);
    const printer = await ciId('prn-floor3-01');
    const esx = await ciId('esx-01');
    expect(after.ownerId).toBeNull();
    expect(after.affectedCis).toEqual([
      { ciId: printer, primary: true },
      { ciId: esx, primary: false },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('dry-runs an import with rejected rows, then applies it; a malformed file is refused', async () => {
    const { context, page, errors } = await newPage(browser, host);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, ADMIN, '/cmdb');
    await page.getByRole('button', { name: 'Import a file' }).click();
    await page.waitForURL('**/cmdb/import');

    const csv = [
      'key,name,ciClass,assetTag,ipAddresses,relations',
      'srv-imp-1,imp-server-01,server,IMP-0001,10.99.0.1,',
      'vm-imp-1,imp-vm-01,virtual_machine,,10.99.0.2,hosted_on>srv-imp-1',
      'toaster-1,imp-toaster,toaster,,,',
      'app-imp-1,imp-app-01,application,,,runs_on>nowhere',
    ].join('\n');
    await page.getByLabel("Or paste the file's text").fill(csv);
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
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
    const problems: Record<string, string[]> = { dryRun: await axe(page) };

    await page.getByRole('button', { name: 'Apply' }).click();
    await report.getByRole('heading', { name: 'Imported' }).waitFor();
    expect(await report.getByTestId('import-relations').textContent()).toContain('1');
    expect((await search('imp-server-01')).map((h) => h.name)).toEqual(['imp-server-01']);
    expect((await search('imp-vm-01')).map((h) => h.name)).toEqual(['imp-vm-01']);
    expect(await search('imp-toaster')).toEqual([]);
    // Apply writes only what was checked: the text changed, a dry run comes first again.
    await page.getByLabel("Or paste the file's text").fill(`${csv}\n`);
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);

    const broken = join(mkdtempSync(join(tmpdir(), 'cmdb-upload-')), 'broken.json');
    writeFileSync(broken, '{"cis": [');
    await page.getByLabel('Upload a file').setInputFiles(broken);
    rmSync(broken);
    await expect.poll(() => page.getByLabel('Format').inputValue()).toBe('json');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByTestId('import-refused').getByText('The file is not valid JSON').waitFor();
    expect(await page.getByTestId('import-report').count()).toBe(0);
    problems.refused = await axe(page);
    expect(problems).toEqual({ dryRun: [], refused: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows each source's sync: last run, counts, a rejected row, and asks for a full sync", async () => {
    const admin = apiAs(host, ADMIN);
    // The cmdb-sync timer runs once a minute: its first run may still be coming.
    await expect
      .poll(async () => (await admin.get<TCmdbSyncStatus>('cmdb/sync')).items.map((s) => s.lastRun !== null), {
        timeout: 65_000,
        interval: 1_000,
      })
      .toEqual([true, true]);
    const { context, page, errors } = await newPage(browser, host);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, ADMIN, '/admin');
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'CMDB sync' }).click();
    const valuemation = page.getByTestId('sync-valuemation');
    await valuemation.getByTestId('sync-valuemation-state').getByText('in sync').waitFor();
    // Later runs are incremental: the screen shows whichever run was last, as the API does (a run
    // may finish between the two reads: the screen follows within its 5 s refresh).
    const sameAsApi = async () => {
      const { items } = await admin.get<TCmdbSyncStatus>('cmdb/sync');
      const onScreen = await Promise.all(
        items.flatMap((s) =>
          (['created', 'unchanged', 'rejected'] as const).map(async (c) => [
            s.source,
            c,
            await page.getByTestId(`sync-${s.source}-count-${c}`).locator('dd').textContent(),
          ]),
        ),
      );
      const fromApi = items.flatMap((s) =>
        (['created', 'unchanged', 'rejected'] as const).map((c) => [s.source, c, String(s.lastRun?.counts[c])]),
      );
      const modes = await Promise.all(items.map((s) => page.getByTestId(`sync-${s.source}-last-run`).textContent()));
      return (
        JSON.stringify(onScreen) === JSON.stringify(fromApi) &&
        modes.every((m, i) => m?.startsWith(`${items[i]?.lastRun?.mode}, finished`))
      );
    };
    await expect.poll(sameAsApi, { timeout: 10_000 }).toBe(true);
    expect(await valuemation.getByTestId('sync-valuemation-watermark').textContent()).not.toContain('none');
    expect((await admin.get<{ items: TCiSearchHit[] }>('cmdb/search?q=core-sw-0000')).items.length).toBeGreaterThan(0);
    expect((await admin.get<{ items: TCiSearchHit[] }>('cmdb/search?q=drop-server-01')).items).toHaveLength(1);

    const drop = page.getByTestId('sync-file-drop');
    const rejected = drop.getByTestId('sync-file-drop-problems').locator('tbody tr');
    await expect.poll(() => rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toMatch(/rejected.*drop-2.*3.*toaster/i);
    expect(await axe(page)).toEqual([]);

    // cmdb-sync ticks at second 20 of each minute and would take the request at once: not just before it.
    while (Math.abs(new Date().getSeconds() - 20) < 6) await new Promise((r) => setTimeout(r, 500));
    await valuemation.getByRole('button', { name: 'Full sync now' }).click();
    await valuemation.getByTestId('sync-valuemation-full-requested').waitFor();
    await valuemation.getByRole('button', { name: 'Full sync requested' }).waitFor();
    const status = await admin.get<TCmdbSyncStatus>('cmdb/sync');
    expect(status.items.find((s) => s.source === 'valuemation')?.fullRequested).toBe(true);

    // A CI from Valuemation: the fields it supplies are read-only in the form and say so.
    await page.goto(`/cmdb/${await ciId('srv-000001')}/edit`);
    await page.getByText('This CI comes from Valuemation').waitFor();
    const name = page.getByLabel('Name', { exact: true });
    expect([await name.inputValue(), await name.getAttribute('readonly')]).toEqual(['srv-000001', '']);
    expect(await page.locator('#ci-name-hint').textContent()).toBe('From Valuemation (read-only here)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
