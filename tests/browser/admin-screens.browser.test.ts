/**
 * The admin screens in the browser (issues 18 and 19, ADR 0028), on `npm start` (one host for the
 * file): the rule editor builds a rule with a customer-tier condition and actions, dry-runs it on
 * recent tickets before saving, saves it, keeps its versions and restores one; a save over
 * someone else's change is refused and said so. Teams get members and leads, agents roles, and
 * an agent saved by another admin meanwhile is refused with a clear message. Macros show their
 * usage and are made with actions; ticket templates are edited; axe finds nothing serious.
 */
import { describe, expect, it } from 'vitest';
import type { TAgent, TTeamDetail } from '../../shared/api/directory.schemas.js';
import type { TMacro } from '../../shared/api/macros.schemas.js';
import type { TRule, TRuleVersion } from '../../shared/api/rules.schemas.js';
import type { TTicketTemplate } from '../../shared/api/ticket-templates.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { seriousAxeViolationsInBothThemes as axe } from './axe.js';
import { apiAs, hostAndBrowserForSuite, newPage, screenshot, signIn } from './harness.js';

const ADMIN = 'admin@demo.local';

describe('Admin screens', { timeout: 90_000 }, () => {
  const suite = hostAndBrowserForSuite();

  it('builds a rule, dry-runs it on recent tickets, saves it and restores an old version', async () => {
    const { host, browser } = suite;
    const vip = await apiAs(host, 'alice@demo.local').post<TTicket>('tickets', {
      title: 'ERP invoices stuck',
      requester: { email: 'cfo@northwind.example', name: 'Nora North' },
      teamId: 'service-desk',
      impact: 3,
      urgency: 3,
    });
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, ADMIN, '/admin/rules');
    await page.getByRole('heading', { name: 'Rules and routing' }).waitFor();
    await page.getByRole('button', { name: 'P1 incidents to Major Incident' }).waitFor();
    const problems: Record<string, string[]> = {};

    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByLabel('Name').fill('Enterprise tickets are P2');
    const condition = page.getByRole('listitem', { name: 'Condition 1' });
    await page.getByRole('button', { name: 'Add condition' }).click();
    await condition.getByLabel('Field').fill('ticket.customerTier');
    await condition.getByLabel('Operator').selectOption('equals');
    await condition.getByLabel('Value').fill('enterprise');
    const action = page.getByRole('listitem', { name: 'Action 1' });
    await action.getByLabel('Type of action 1').selectOption('set_fields');
    await action.getByLabel('Priority').selectOption('P2');
    await action.getByLabel('Add tags').fill('enterprise, vip-check');

    // The dry run shows the draft's effect on real tickets before anything is saved.
    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-run-summary').waitFor();
    const results = page.getByTestId('dry-run-results');
    const row = results.getByRole('row').filter({ hasText: vip.number });
    await row.waitFor();
    expect(await row.textContent()).toContain('priority: P4 → P2');
    // (the demo's own rule may have tagged it vip already)
    expect(await row.textContent()).toMatch(/tags: \[(vip)?\] → \[(vip, )?enterprise, vip-check\]/);
    expect(await results.textContent()).not.toContain('owner');
    problems.dryRun = await axe(page);
    await screenshot(page, 'admin-rules-dry-run');
    let rules = await apiAs(host, ADMIN).get<{ items: TRule[] }>('rules');
    expect(rules.items.map((r) => r.name)).not.toContain('Enterprise tickets are P2');

    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('heading', { name: 'Edit “Enterprise tickets are P2”' }).waitFor();
    rules = await apiAs(host, ADMIN).get<{ items: TRule[] }>('rules');
    const saved = rules.items.find((r) => r.name === 'Enterprise tickets are P2') as TRule;
    expect(saved).toMatchObject({
      version: 1,
      trigger: { kind: 'event', events: ['ticket.created'] },
      conditions: { all: [{ field: 'ticket.customerTier', op: 'equals', value: 'enterprise' }] },
      actions: [
        { type: 'add_note', body: 'Rule {{rule.name}} matched.' },
        { type: 'set_fields', priority: 'P2', addTags: ['enterprise', 'vip-check'] },
      ].slice(1),
    });

    // A second save makes version 2; version 1 can be viewed and restored (as version 3).
    await page.getByLabel('Name').fill('Enterprise tickets are P2 (checked)');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('heading', { name: 'Edit “Enterprise tickets are P2 (checked)”' }).waitFor();
    const versions = page.getByTestId('rule-versions');
    await versions.getByRole('row').filter({ hasText: 'v2 (current)' }).waitFor();
    await page.getByRole('button', { name: 'View version 1' }).click();
    const dialog = page.getByRole('dialog', { name: /Version 1 of/ });
    expect(await dialog.getByTestId('version-definition').textContent()).toContain(
      '"name": "Enterprise tickets are P2"',
    );
    problems.version = await axe(page);
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await versions.getByRole('row').filter({ hasText: 'v3 (current)' }).waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('Enterprise tickets are P2');
    const history = await apiAs(host, ADMIN).get<{ items: TRuleVersion[] }>(`rules/${saved.id}/versions`);
    expect(history.items.map((v) => `${v.version} ${v.change}`)).toEqual(['3 restored', '2 updated', '1 created']);

    // Someone else saves the rule meanwhile: this editor's save is refused and says so.
    await apiAs(host, 'lead@demo.local').post(`rules/${saved.id}/enable`, { enabled: false });
    await page.getByLabel('Name').fill('Overwrite attempt');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('Someone else changed “Overwrite attempt” since you opened it').waitFor();
    problems.conflict = await axe(page);
    await page.getByRole('button', { name: 'Reload the rule' }).click();
    await page.getByRole('heading', { name: 'Edit “Enterprise tickets are P2”' }).waitFor();
    const after = await apiAs(host, ADMIN).get<TRule>(`rules/${saved.id}`);
    expect(after).toMatchObject({ name: 'Enterprise tickets are P2', enabled: false, version: 4 });

    expect(problems).toEqual({ dryRun: [], version: [], conflict: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits agents and teams with If-Match, saying so when another admin saved first', async () => {
    const { host, browser } = suite;
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, ADMIN, '/admin/teams');
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByLabel('Id').fill('print-room');
    await page.getByLabel('Name').fill('Print room');
    const members = page.getByRole('group', { name: 'Members' });
    await members.getByLabel('Alice Agent').check();
    await members.getByLabel('Lee Lead').check();
    await page.getByRole('group', { name: 'Leads' }).getByLabel('Lee Lead leads').check();
    const problems: Record<string, string[]> = { team: await axe(page) };
    await page.getByRole('button', { name: 'Save team' }).click();
    await page.getByRole('heading', { name: 'Edit “Print room”' }).waitFor();
    const team = await apiAs(host, ADMIN).get<TTeamDetail>('teams/print-room');
    expect(team).toMatchObject({ name: 'Print room', leadIds: ['ag_lee'], memberIds: ['ag_alice', 'ag_lee'] });

    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    await page.getByRole('button', { name: /Alice Agent/ }).click();
    await page.getByRole('heading', { name: 'Edit “Alice Agent”' }).waitFor();
    expect(await page.getByRole('group', { name: 'Teams' }).getByLabel('Print room').isChecked()).toBe(true);
    await page.getByRole('group', { name: 'Roles' }).getByLabel('Team lead').check();
    await page.getByLabel('Working hours').selectOption('business-hours');
    await page.getByRole('button', { name: 'Save agent' }).click();
    await expect
      .poll(async () => {
        const saved = await apiAs(host, ADMIN).get<TAgent>('agents/ag_alice');
        return [saved.roles, saved.workingCalendarId];
      })
      .toEqual([['agent', 'lead'], 'business-hours']);

    // Another admin changes Alice's capacity meanwhile; this page's next save is refused.
    const response = await fetch(`${host.url}/api/agents/ag_alice`, { headers: { authorization: `Dev ${ADMIN}` } });
    const current = (await response.json()) as TAgent;
    const put = await fetch(`${host.url}/api/agents/ag_alice`, {
      method: 'PUT',
      headers: {
        authorization: `Dev ${ADMIN}`,
        'content-type': 'application/json',
        'if-match': response.headers.get('etag') as string,
      },
      body: JSON.stringify({
        email: current.email,
        name: current.name,
        roles: current.roles,
        teamIds: current.teamIds,
        skills: current.skills,
        capacity: 3,
        active: true,
      }),
    });
    expect(put.status).toBe(200);
    await page.getByLabel('Capacity (open tickets owned)').fill('12');
    await page.getByRole('button', { name: 'Save agent' }).click();
    await page.getByText('Someone else changed “Alice Agent” since you opened it').waitFor();
    await page.getByTestId('problem').getByText('Someone else changed this first').waitFor();
    problems.conflict = await axe(page);
    expect((await apiAs(host, ADMIN).get<TAgent>('agents/ag_alice')).capacity).toBe(3);
    await page.getByRole('button', { name: 'Reload the agent' }).click();
    await expect.poll(() => page.getByLabel('Capacity (open tickets owned)').inputValue()).toBe('3');

    expect(problems).toEqual({ team: [], conflict: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('manages shared macros with their usage, and ticket templates', async () => {
    const { host, browser } = suite;
    const { context, page, errors } = await newPage(browser, host);
    await signIn(page, ADMIN, '/admin/macros');
    await page.getByRole('heading', { name: 'Macros', level: 1 }).waitFor();
    await page.getByRole('button', { name: /Ask for more details .* used \d+×/ }).waitFor();
    await page.getByRole('button', { name: 'New macro' }).click();
    await page.getByLabel('Name').fill('Toner ordered');
    await page.getByLabel('Text').fill('Hello {{requester.firstName}}, the toner for {{ticket.number}} is on its way.');
    await page.getByLabel('Status').selectOption('pending');
    await page.getByLabel('Add tags').fill('toner');
    await page.getByRole('button', { name: 'Save macro' }).click();
    await page.getByRole('heading', { name: 'Edit “Toner ordered”' }).waitFor();
    await page.getByTestId('macro-usage').getByRole('row').filter({ hasText: 'Toner ordered' }).waitFor();
    const problems: Record<string, string[]> = { macros: await axe(page) };
    const macros = await apiAs(host, ADMIN).get<{ items: TMacro[] }>('macros?q=toner');
    expect(macros.items).toEqual([
      expect.objectContaining({
        scope: 'shared',
        mode: 'reply',
        usageCount: 0,
        actions: { status: 'pending', addTags: ['toner'] },
      }),
    ]);

    await page.getByRole('link', { name: 'Ticket templates' }).click();
    await page.getByRole('heading', { name: 'Ticket templates', level: 1 }).waitFor();
    await page.getByRole('button', { name: /Password reset/ }).click();
    await page.getByRole('heading', { name: 'Edit “Password reset”' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Password reset (identity checked)');
    await page.getByLabel('Tags').fill('password, identity');
    problems.templates = await axe(page);
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect
      .poll(
        async () =>
          (await apiAs(host, ADMIN).get<{ items: TTicketTemplate[] }>('ticket-templates')).items.find(
            (t) => t.name === 'Password reset',
          )?.fields,
      )
      .toMatchObject({
        title: 'Password reset (identity checked)',
        tags: ['password', 'identity'],
        type: 'service_request',
      });

    expect(problems).toEqual({ macros: [], templates: [] });
    expect(errors).toEqual([]);
    await context.close();
  });
});
