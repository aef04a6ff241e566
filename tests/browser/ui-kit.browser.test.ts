/**
 * The design kit in the browser, on the gallery (/dev/ui): axe in both themes, the theme that
 * follows the system and the manual switch, density, reduced motion, and the DataTable's
 * sorting, keyboard rows, selection, sticky header, virtual rows and remembered columns.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hostAndBrowserForSuite, newPage, screenshot } from './harness.js';

/** Axe on the page, or only on the parts `include` selects (an open overlay). */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const result = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const rootVar = (page: Page, name: string) =>
  page.evaluate<string>(`getComputedStyle(document.documentElement).getPropertyValue('${name}').trim()`);
const canvas = (page: Page) => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');
/** A duration token in ms, however the browser serialises it ("200ms", ".2s"). */
const durationMs = async (page: Page, name: string) => {
  const v = await rootVar(page, name);
  return v.endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000;
};

async function chooseDisplay(page: Page, option: string): Promise<void> {
  await page.getByTestId('display-menu').first().click();
  await page.getByRole('menuitemradio', { name: option }).click();
  await page.keyboard.press('Escape');
}

describe('Design kit gallery', { timeout: 60_000 }, () => {
  const suite = hostAndBrowserForSuite();

  it('has no serious or critical axe violation in the light theme', async () => {
    const { context, page, errors } = await newPage(suite.browser, suite.host);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/dev/ui');
    await page.getByTestId('gallery-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gallery-light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe violation in the dark theme, with overlays open', async () => {
    const { context, page, errors } = await newPage(suite.browser, suite.host);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/dev/ui');
    await page.getByTestId('gallery-table').waitFor();
    await chooseDisplay(page, 'Dark'); // the manual switch beats the light system
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    const found: Record<string, string[]> = {};
    found['dark'] = await seriousViolations(page);
    await screenshot(page, 'gallery-dark');

    // Overlays render in a portal at the page's theme: check them open too.
    await page.getByRole('button', { name: 'Open dialog' }).click();
    await page.getByRole('dialog', { name: 'Transfer ticket' }).waitFor();
    found['dialog'] = await seriousViolations(page, '[role="dialog"]');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const expert = page.locator('#light-comfortable-expert');
    // The option the arrow keys step from is a real one once the (async) answer is drawn, even
    // when the answer only drops options already shown ("#4 Net" leaves the fourth of the first
    // eight, so nothing new mounts to make bits-ui look again).
    const activeOption = () =>
      page.evaluate<string>(
        `document.getElementById(document.getElementById('light-comfortable-expert').getAttribute('aria-activedescendant'))?.textContent ?? ''`,
      );
    await expert.focus();
    const options = page.locator(`#${await expert.getAttribute('aria-controls')} [role=option]`);
    await expect.poll(() => options.count()).toBe(8);
    await expert.fill('#4 Net');
    await expect.poll(() => options.count()).toBe(1);
    await expect.poll(activeOption).toMatch(/^Dave V\. #4\s*Network/);
    await expert.fill('Dave');
    await page.getByRole('option', { name: /Dave/ }).first().waitFor();
    found['combobox'] = await seriousViolations(page, '[role="listbox"]');
    await expect.poll(activeOption).toMatch(/^Dave /);
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeOption).toMatch(/^Dave /);
    await page.keyboard.press('Enter');
    await expect.poll(() => expert.inputValue()).toMatch(/^Dave /);
    expect(found).toEqual({ dark: [], dialog: [], combobox: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows the system theme until the agent picks one, and remembers density', async () => {
    const { context, page } = await newPage(suite.browser, suite.host);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/dev/ui');
    await page.getByTestId('gallery-table').waitFor();
    expect(await canvas(page)).toBe('rgb(15, 20, 26)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => canvas(page)).toBe('rgb(246, 247, 249)');

    await chooseDisplay(page, 'Dark');
    await chooseDisplay(page, 'Compact');
    await page.reload();
    await page.getByTestId('gallery-table').waitFor();
    expect(await canvas(page)).toBe('rgb(15, 20, 26)'); // the choice beats the light system
    expect(await page.evaluate('document.documentElement.dataset.density')).toBe('compact');
    expect(await rootVar(page, '--root-size')).toBe('14px');
    await chooseDisplay(page, 'Follow the system');
    await expect.poll(() => canvas(page)).toBe('rgb(246, 247, 249)');
    await context.close();
  });

  it('drops motion when the system asks for reduced motion', async () => {
    const { context, page } = await newPage(suite.browser, suite.host);
    await page.goto('/dev/ui');
    await page.getByTestId('gallery-table').waitFor();
    expect(await durationMs(page, '--motion-normal')).toBe(200);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => durationMs(page, '--motion-normal')).toBe(0);
    await context.close();
  });

  it('sorts, moves by keyboard, selects, keeps its header in view and virtualises 1,000 rows', async () => {
    const { context, page, errors } = await newPage(suite.browser, suite.host);
    await page.goto('/dev/ui');
    const table = page.getByTestId('gallery-table');
    await table.waitFor();
    const rows = table.locator('tbody tr[data-row]');
    expect(await rows.count()).toBeLessThan(100);
    const firstId = () => rows.first().locator('td').nth(1).textContent();
    expect(await firstId()).toBe('p0001');

    // Sort: Load ascending then descending; aria-sort follows.
    const load = table.getByRole('columnheader', { name: /Load/ });
    await load.getByRole('button').click();
    expect(await load.getAttribute('aria-sort')).toBe('ascending');
    await load.getByRole('button').click();
    expect(await load.getAttribute('aria-sort')).toBe('descending');
    expect(Number(await rows.first().locator('td').nth(4).textContent())).toBe(99);
    await table.getByRole('columnheader', { name: /Id/ }).getByRole('button').click();
    expect(await firstId()).toBe('p0001');

    // Keyboard: j j k lands on the second row; x selects it; Enter opens it.
    await page.locator('h1').click();
    for (const key of ['j', 'j', 'j', 'k']) await page.keyboard.press(key);
    expect(await page.evaluate<string>('document.activeElement?.closest("tr")?.dataset.row ?? ""')).toBe('1');
    await page.keyboard.press('x');
    const count = page.getByTestId('gallery-people-selected-count');
    await expect.poll(() => count.textContent()).toBe('1 selected');
    await table.locator('[data-row="1"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('opened').textContent()).toContain('Bob');

    // Click, then shift-click: rows 4..7 join row 1.
    await table.getByRole('checkbox', { name: /#5$/ }).click();
    await table.getByRole('checkbox', { name: /#8$/ }).click({ modifiers: ['Shift'] });
    await expect.poll(() => count.textContent()).toBe('5 selected');
    const selectAll = table.getByRole('checkbox', { name: 'Select all rows' });
    await selectAll.click();
    await expect.poll(() => count.textContent()).toBe('1000 selected');
    await selectAll.click();
    await expect.poll(() => count.textContent()).toBe('');

    // Sticky header and virtual rows: far down the page the header is at the top and row 1000 exists.
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await table.locator('[data-row="999"]').waitFor();
    expect(await rows.count()).toBeLessThan(100);
    const headerTop = await page.evaluate<number>(
      `Math.round(document.querySelector('[data-testid=gallery-table] thead th').getBoundingClientRect().top)`,
    );
    expect(headerTop).toBe(0);
    await screenshot(page, 'gallery-table-scrolled');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('remembers the columns the agent chose', async () => {
    const { context, page } = await newPage(suite.browser, suite.host);
    await page.goto('/dev/ui');
    const table = page.getByTestId('gallery-table');
    await table.waitFor();
    expect(await table.getByRole('columnheader', { name: /State/ }).count()).toBe(0); // hidden by default
    await page.getByTestId('gallery-people-columns').click();
    await page.getByRole('menuitemcheckbox', { name: 'Team' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'State' }).click();
    await page.keyboard.press('Escape');
    await page.reload();
    await table.waitFor();
    expect(await table.getByRole('columnheader', { name: /Team/ }).count()).toBe(0);
    expect(await table.getByRole('columnheader', { name: /State/ }).count()).toBe(1);
    await context.close();
  });

  it('keeps every ticked box of a group (one Checkbox component per value)', async () => {
    const { context, page } = await newPage(suite.browser, suite.host);
    await page.goto('/dev/ui');
    const days = page.locator('[data-testid$="-days"]').first();
    await days.waitFor();
    await days.getByRole('checkbox', { name: 'tue' }).check();
    await days.getByRole('checkbox', { name: 'wed' }).check();
    await expect.poll(() => days.locator('output').textContent()).toBe('mon,tue,wed');
    await days.getByRole('checkbox', { name: 'mon' }).uncheck();
    await expect.poll(() => days.locator('output').textContent()).toBe('tue,wed');
    expect(await days.getByRole('checkbox', { name: 'tue' }).isChecked()).toBe(true);
    await context.close();
  });

  it('exists in local mode only', async () => {
    const { context, page } = await newPage(suite.browser, suite.host);
    // Behind Static Web Apps, /.auth/me answers JSON: the app is not in local mode.
    await page.route('**/.auth/me', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ clientPrincipal: null }) }),
    );
    await page.goto('/dev/ui');
    await page.getByText('exists in local mode only').waitFor();
    expect(await page.getByTestId('gallery-table').count()).toBe(0);
    await context.close();
  });
});
