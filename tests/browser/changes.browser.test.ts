/**
 * The change screens in the browser (issue 16), on one `npm start` for the whole file (SQLite; the
 * API tests cover both stores): from the orders-database incident, "Create change" raises an emergency
 * change with the incident's CIs, linked both ways; the owner accepts it and edits the plan on its
 * page; the window conflicts with the open incident (listed as typed), so a lead schedules it over
 * the conflict with a reason; the list and the calendar find it. Then, with both members of the
 * emergency CAB required, Lee approves in "Approvals for me" and Dave by replying `approve` to his
 * approval mail over SMTP, and the owner takes it through scheduled, implement and review to
 * closed, the owner never moved. Axe finds nothing serious on any change screen, in both themes.
 */
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { TApprovalSettings, TChangeApprovals } from '../../shared/api/change-approvals.schemas.js';
import type { TChange } from '../../shared/api/changes.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { seriousAxeViolationsInBothThemes as axe } from './axe.js';
import { apiAs, hostAndBrowserForSuite, newPage, signIn } from './harness.js';

const ALICE = 'alice@demo.local';
const LEE = 'lead@demo.local';
const ADMIN = 'admin@demo.local';
const DAVE = 'dave@demo.local';
const DAVE_NAME = 'Dave DBA';

type OutboxItem = { messageId: string | null; subject: string | null; to: string | null };

describe('Change screens', { timeout: 120_000 }, () => {
  const suite = hostAndBrowserForSuite();
  /** The change the first test raises and the second takes to closed. */
  let number = '';

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
    await page.getByLabel('Type').selectOption('emergency');
    await page.getByLabel('Implementation plan').fill('Add the missing index on orders.customer_id');
    await page.getByRole('button', { name: 'Raise change' }).click();
    await page.getByTestId('change-state').filter({ hasText: 'New' }).waitFor();
    number = /CHG-\d+/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[0] as string;
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
    const planWindow = async (p: typeof page) => {
      await p.getByLabel('Planned start').fill(local(start));
      await p.getByLabel('Planned end').fill(local(new Date(start.getTime() + 3_600_000)));
      // The open P1/P2 incident on the same CI is a conflict, listed with its reason as typed.
      await p.getByTestId('window-conflicts').locator('[data-kind="open_incident"]').waitFor();
    };
    await planWindow(page);
    expect(await page.getByTestId('window-conflicts').textContent()).toContain(incident.number);
    expect(await axe(page)).toEqual([]);
    // Alice is no change manager: scheduling over it is refused; Lee (a lead) overrides with a reason.
    await page.getByLabel('Schedule anyway because (change managers)').fill('The fix for it');
    await page.getByRole('button', { name: 'Schedule over the conflicts' }).click();
    await page.getByText('Only a change manager schedules over conflicts').first().waitFor();
    const lead = await newPage(browser, host);
    await signIn(lead.page, LEE, `/changes/${number}`);
    await planWindow(lead.page);
    await lead.page
      .getByLabel('Schedule anyway because (change managers)')
      .fill('This change is the fix for that incident');
    await lead.page.getByRole('button', { name: 'Schedule over the conflicts' }).click();
    await expect
      .poll(async () => (await alice.get<TChange>(`changes/${number}`)).plannedStart)
      .toBe(start.toISOString());
    await lead.context.close();

    // The incident shows the change with its state.
    await page.goto(`/tickets/${incident.number}`);
    await page.getByTestId('ticket-changes').getByRole('link', { name: number }).waitFor();
    expect(await page.getByTestId('linked-change-state').textContent()).toBe('New');

    await page.goto('/changes?owner=me');
    await page.getByTestId('change-list').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);

    // Another change raised on the same CI in the same window: the calendar marks both.
    const overlapping = await alice.post<TChange>('changes', {
      type: 'normal',
      title: 'Reindex the orders database',
      affectedCiIds: raised.affectedCiIds,
      plannedStart: start.toISOString(),
      plannedEnd: new Date(start.getTime() + 1_800_000).toISOString(),
    });
    // The calendar shows it on its day; the keyboard moves between days and lists one.
    await page.goto(`/changes/calendar?day=${local(start).slice(0, 10)}`);
    const cell = page.locator(`[data-day="${local(start).slice(0, 10)}"]`);
    await cell.locator(`[data-change="${number}"].conflict`).waitFor();
    await page.getByTestId('calendar-day').getByRole('link', { name: number }).waitFor();
    expect(await page.getByTestId('calendar-day').textContent()).toContain(`Overlaps ${overlapping.number}`);
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-day') ?? null"))
      .not.toBe(local(start).slice(0, 10));
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('calendar-day').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'List' }).click();
    await page.getByTestId('calendar-list').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);

    // A standard change from the catalog: the template's plans, pre-approved.
    await page.goto('/changes/new');
    await page
      .getByLabel('Standard change template (optional)')
      .selectOption({ label: 'Restart an IIS application pool' });
    await expect.poll(() => page.getByLabel('Backout plan').inputValue()).not.toBe('');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Raise change' }).click();
    await page.getByTestId('change-state').waitFor();
    const standard = /CHG-\d+/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[0] as string;
    expect((await alice.get<TChange>(`changes/${standard}`)).type).toBe('standard');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes it through two approvers (one in the app, one by email) to closed, the owner never moved', async () => {
    const { host, browser } = suite;
    const alice = apiAs(host, ALICE);
    const admin = apiAs(host, ADMIN);
    // The emergency CAB is Lee (in the app) and Dave (reached by email only), and both must approve.
    const reach = await fetch(`${host.url}/api/agents/ag_dave/reach-by-email`, {
      method: 'PUT',
      headers: { authorization: `Dev ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reachByEmail: { address: DAVE, allowExternal: false } }),
    });
    expect(reach.status).toBe(200);
    // Ada sets that on the approval policy page; the windows page lists none yet.
    const ada = await newPage(browser, host);
    await signIn(ada.page, ADMIN, '/admin/change-approvals');
    const ecab = ada.page.getByRole('group', { name: 'Emergency CAB' });
    const ticked = ecab.getByRole('checkbox', { checked: true });
    while ((await ticked.count()) > 0) await ticked.first().uncheck();
    await ecab.getByLabel('Lee Lead').check();
    await ecab.getByLabel(DAVE_NAME).check();
    await ada.page.getByRole('group', { name: 'Rule 1 step 1' }).getByLabel('Quorum').selectOption('all');
    expect(await axe(ada.page)).toEqual([]);
    await ada.page.getByRole('button', { name: 'Save the policy' }).click();
    await ada.page
      .getByText(/Saved version \d+ of the approval policy/)
      .first()
      .waitFor();
    const settings = await admin.get<TApprovalSettings>('admin/approval-policy');
    expect(settings.ecabMemberIds.sort()).toEqual(['ag_dave', 'ag_lee']);
    expect(settings.policy.rules[0]).toMatchObject({ types: ['emergency'], steps: [{ quorum: { kind: 'all' } }] });
    await ada.page.goto('/changes/cab');
    await ada.page.getByRole('heading', { level: 1, name: 'CAB agenda' }).waitFor();
    await ada.page.getByTestId('cab-agenda').or(ada.page.getByText('No CAB meeting is scheduled')).first().waitFor();
    expect(await axe(ada.page)).toEqual([]);
    await ada.page.goto('/admin/change-windows');
    await ada.page.getByRole('heading', { name: 'New window' }).waitFor();
    expect(await axe(ada.page)).toEqual([]);
    expect(ada.errors).toEqual([]);
    await ada.context.close();

    const owner = await newPage(browser, host);
    const move = async (to: string, extra: { closeCode?: string; reason?: string } = {}) => {
      await owner.page.getByLabel('State', { exact: true }).selectOption({ label: to });
      if (extra.closeCode) await owner.page.getByLabel('How it went').selectOption({ label: extra.closeCode });
      if (extra.reason) await owner.page.getByLabel('Reason or review notes').fill(extra.reason);
      await owner.page.getByRole('button', { name: 'Apply' }).click();
      await owner.page.getByTestId('change-state').filter({ hasText: to }).waitFor();
    };
    await signIn(owner.page, ALICE, `/changes/${number}`);
    await move('Authorize');
    await owner.page
      .getByTestId('change-approvals')
      .locator('[data-approver="ag_lee"][data-state="requested"]')
      .waitFor();

    // Lee decides in the app, from Approvals for me; the requester is never asked.
    const lee = await newPage(browser, host);
    await signIn(lee.page, LEE, '/approvals');
    const row = lee.page.getByTestId('my-approvals').locator(`li[data-change="${number}"]`);
    await row.waitFor();
    expect(await axe(lee.page)).toEqual([]);
    await row.getByRole('button', { name: `Approve ${number}` }).click();
    await row.waitFor({ state: 'detached' });
    expect(await alice.get<{ items: unknown[] }>('approvals/mine')).toEqual({ items: [], nextCursor: null });

    // Dave approves by replying to his approval mail over SMTP (the token binds it to him).
    const approvalMail = async () =>
      (await alice.get<{ items: OutboxItem[] }>('dev/outbox?limit=100')).items.find(
        (m) => m.subject?.startsWith(`[${number}] Approval:`) && m.to?.includes(DAVE),
      );
    await expect.poll(approvalMail, { timeout: 30_000 }).toBeDefined();
    const mail = (await approvalMail()) as OutboxItem;
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: host.smtpPort, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      from: `Dave <${DAVE}>`,
      to: 'support@demo.local',
      subject: `Re: ${mail.subject}`,
      text: 'approve\n\nOn Friday, Support wrote:\n> Your approval',
      inReplyTo: mail.messageId as string,
      references: [mail.messageId as string],
    });
    await expect
      .poll(
        async () =>
          (await admin.get<TChangeApprovals>(`changes/${number}/approvals`)).records.find(
            (r) => r.approverId === 'ag_dave',
          ),
        { timeout: 30_000 },
      )
      .toMatchObject({ state: 'approved', decidedBy: 'ag_dave', channel: 'email' });

    await owner.page.reload();
    await expect.poll(() => owner.page.getByTestId('change-approval').textContent()).toBe('Approved');
    await expect
      .poll(() => owner.page.getByTestId('change-approvals').locator('[data-state="approved"]').count())
      .toBe(2);
    expect(await owner.page.locator('[data-approver="ag_dave"]').textContent()).toContain('by email');
    expect(await axe(owner.page)).toEqual([]);
    await move('Scheduled');
    await move('Implement');
    await move('Review', { closeCode: 'Successful' });
    await move('Closed', { reason: 'Review: the index fixed the slowness, no side effects' });
    expect(await owner.page.getByTestId('change-owner').textContent()).toBe('Alice Agent');

    const closed = await alice.get<TChange>(`changes/${number}`);
    expect(closed).toMatchObject({
      state: 'closed',
      closeCode: 'successful',
      ownerId: 'ag_alice',
      approval: 'approved',
    });
    const timeline = await alice.get<{ items: { kind: string }[] }>(`changes/${number}/timeline`);
    expect(timeline.items.filter((e) => e.kind === 'owner_changed')).toHaveLength(1); // Alice's accept only
    expect([...owner.errors, ...lee.errors]).toEqual([]);
    await owner.context.close();
    await lee.context.close();
  });
});
