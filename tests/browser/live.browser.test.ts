/**
 * The agent home and live collaboration in the browser (issue 18, ADR 0027): the home's sections
 * and one-key quick actions; two agents on one ticket see each other (viewing, replying), the
 * ticket shows a "new activity" banner when the other changes it, and the list refreshes itself.
 * One host for the file (SQLite; the live channel is the local host's own).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAssist } from '../../shared/api/assists.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { seriousAxeViolationsInBothThemes } from './axe.js';
import { apiAs, type LocalHost, launchBrowser, newPage, screenshot, signIn, startHost } from './harness.js';

const aTicket = (title: string) => ({
  title,
  description: 'Raised for the live test',
  requester: { email: 'caller@customer.example', name: 'Casey Caller' },
  impact: 2,
  urgency: 2,
  teamId: 'service-desk',
});

describe('Agent home and live collaboration', { timeout: 90_000 }, () => {
  let host: LocalHost;
  let browser: Browser;
  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows my tickets by SLA due, assists and notifications, with one-key accept and mark read', async () => {
    const alice = apiAs(host, 'alice@demo.local');
    const bob = apiAs(host, 'bob@demo.local');
    const mine = await alice.post<TTicket>('tickets', aTicket('Home: docking station flickers'));
    await bob.post(`tickets/${mine.id}/accept`);
    const theirs = await alice.post<TTicket>('tickets', aTicket('Home: shared drive slow'));
    await alice.post(`tickets/${theirs.id}/accept`);
    const assist = await alice.post<TAssist>(`tickets/${theirs.id}/assists`, {
      expert: { agentId: 'ag_bob' },
      question: 'Is the file server on your hardware list?',
    });

    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, 'bob@demo.local', '/');
    await page.getByTestId('home').waitFor();
    await page.locator(`[data-home-section="tickets"] [data-ticket="${mine.number}"]`).waitFor();
    const assistRow = page.locator(`[data-home-section="assists"] [data-assist="${assist.id}"]`);
    await assistRow.waitFor();
    await page.getByTestId('home-approvals').getByText('Nothing to approve').waitFor();
    // The assist request notifies Bob; the home shows it after its next load.
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByTestId('home').waitFor();
        return page.locator('[data-home-section="notifications"] [data-notification]').count();
      })
      .toBeGreaterThan(0);
    expect(await seriousAxeViolationsInBothThemes(page)).toEqual([]);
    await screenshot(page, 'agent-home');

    // 2 jumps to the assists, `a` accepts the selected one.
    await page.keyboard.press('2');
    await page.keyboard.press('a');
    await expect.poll(async () => (await bob.get<TAssist>(`assists/${assist.id}`)).state).toBe('accepted');

    // 4 jumps to the notifications, `v` marks the selected one read.
    await assistRow.getByRole('button', { name: /Accept/ }).waitFor({ state: 'detached' });
    const unreadBefore = (await bob.get<{ unread: number }>('notifications/unread-count')).unread;
    await page.keyboard.press('4');
    await page.keyboard.press('v');
    await expect
      .poll(async () => (await bob.get<{ unread: number }>('notifications/unread-count')).unread)
      .toBeLessThan(unreadBefore);

    // 1 jumps to my tickets, j moves down, o opens the selected one.
    await page.keyboard.press('1');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const focused = await page.evaluate<string | null>("document.activeElement?.getAttribute('href') ?? null");
    await page.keyboard.press('o');
    await page.waitForURL((url) => url.pathname === focused);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows two agents on one ticket to each other, announces changes, asks for a review before a reply, and refreshes lists', async () => {
    const alice = apiAs(host, 'alice@demo.local');
    const ticket = await alice.post<TTicket>('tickets', aTicket('Live: printer queue stuck'));
    await alice.post(`tickets/${ticket.id}/accept`);
    const a = await newPage(browser, host);
    const b = await newPage(browser, host);
    await Promise.all([
      signIn(a.page, 'alice@demo.local', `/tickets/${ticket.number}`),
      signIn(b.page, 'bob@demo.local', `/tickets/${ticket.number}`),
    ]);
    const seen = (page: typeof a.page, agentId: string, activity: string) =>
      page.locator(`[data-testid="presence"] [data-viewer="${agentId}"][data-activity="${activity}"]`).waitFor();
    await Promise.all([seen(a.page, 'ag_bob', 'viewing'), seen(b.page, 'ag_alice', 'viewing')]);

    // Alice starts a reply: Bob sees her writing.
    await a.page.locator('#composer-reply').fill('We restarted the spooler; please try again.');
    await seen(b.page, 'ag_alice', 'replying');
    expect(await seriousAxeViolationsInBothThemes(b.page)).toEqual([]);
    await screenshot(b.page, 'presence-replying');

    // Bob adds a note: Alice's page says there is new activity, by Bob.
    await b.page.locator('#composer-note').fill('The spooler is on print-02, not print-01.');
    await b.page.getByRole('button', { name: 'Add note' }).click();
    await a.page.getByTestId('new-activity').getByText('New activity on this ticket by Bob Agent').waitFor();

    // Sending now asks Alice to review first; after she has seen the note, the reply goes.
    await a.page.getByRole('button', { name: 'Send reply' }).click();
    const review = a.page.getByTestId('reply-review');
    await review.waitFor();
    expect(await seriousAxeViolationsInBothThemes(a.page)).toEqual([]);
    await screenshot(a.page, 'reply-review');
    await review.getByRole('button', { name: 'Show the changes' }).click();
    await a.page.getByTestId('timeline').getByText('The spooler is on print-02').waitFor();
    expect(await a.page.locator('#composer-reply').inputValue()).toContain('restarted the spooler');
    await a.page.getByRole('button', { name: 'Send reply' }).click();
    await a.page.getByTestId('timeline').getByText('please try again').waitFor();
    await expect.poll(() => a.page.locator('#composer-reply').inputValue()).toBe('');

    // Bob goes to the list: Alice sees him leave at once, and his list follows her status change.
    await b.page.goto('/?queue=all');
    await b.page.getByTestId('ticket-list').locator(`a[href="/tickets/${ticket.number}"]`).waitFor();
    await a.page
      .locator('[data-testid="presence"] [data-viewer="ag_bob"]')
      .waitFor({ state: 'detached', timeout: 5_000 });
    await alice.post(`tickets/${ticket.id}/status`, { status: 'pending', reason: 'Waiting for the customer' });
    const row = b.page
      .getByTestId('ticket-list')
      .locator('tr', { has: b.page.locator(`a[href="/tickets/${ticket.number}"]`) });
    await row.locator('.ui-badge', { hasText: 'pending' }).waitFor({ timeout: 10_000 });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
