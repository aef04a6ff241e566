/**
 * The APIs behind the admin screens end to end on the local platform, on SQLite and on Cosmos
 * (issues 18 and 19, ADR 0028): rule versions (every save one, view, restore, If-Match), the rule
 * editor's dry run of a draft over recent tickets (customer facts, what would change, the owner
 * never), safe regular expressions refused as problems; agents and teams created and edited with
 * If-Match (two admins cannot overwrite each other), team members written onto the agents, the
 * last admin kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TProblem } from '../../shared/api/common.schemas.js';
import type { TAgent, TTeamDetail } from '../../shared/api/directory.schemas.js';
import type { TRule, TRulePreview, TRuleVersion } from '../../shared/api/rules.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

const ADMIN = 'admin@demo.local';

const draft = (overrides: Record<string, unknown> = {}) => ({
  name: 'Printers to Service Desk',
  trigger: { kind: 'event', events: ['ticket.created'] },
  conditions: { field: 'ticket.title', op: 'matches', pattern: '\\bprinter\\b', ignoreCase: true },
  actions: [{ type: 'set_fields', priority: 'P2', addTags: ['printer'] }],
  ...overrides,
});

describe.each(E2E_STORES)('Admin screen APIs (%s)', (store) => {
  let p: RunningPlatform;

  beforeAll(async () => {
    p = await startRunningPlatform({ store });
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
  });

  it('keeps a version of every save, shows one and restores it as a new version', async () => {
    const created = await p.api<TRule>(ADMIN, 'rules', { body: draft() });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const id = created.body.id;
    const etag1 = created.headers.get('etag') as string;

    const edited = await p.api<TRule>(ADMIN, `rules/${id}`, {
      method: 'PUT',
      body: draft({ name: 'Printers are P3', actions: [{ type: 'set_fields', priority: 'P3' }] }),
      headers: { 'if-match': etag1 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);

    // A second admin still holding the first ETag is refused, and nothing is written.
    const stale = await p.api<TProblem>(ADMIN, `rules/${id}`, {
      method: 'PUT',
      body: draft({ name: 'Lost update' }),
      headers: { 'if-match': etag1 },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');

    const off = await p.api<TRule>(ADMIN, `rules/${id}/enable`, { body: { enabled: false } });
    expect(off.body).toMatchObject({ version: 3, enabled: false });

    const versions = await p.api<{ items: TRuleVersion[] }>(ADMIN, `rules/${id}/versions`);
    expect(versions.body.items.map((v) => [v.version, v.change, v.definition.name])).toEqual([
      [3, 'disabled', 'Printers are P3'],
      [2, 'updated', 'Printers are P3'],
      [1, 'created', 'Printers to Service Desk'],
    ]);
    expect(versions.body.items[0]?.savedBy).toEqual({ kind: 'agent', agentId: 'ag_admin' });

    const one = await p.api<TRuleVersion>(ADMIN, `rules/${id}/versions/1`);
    expect(one.body.definition.actions).toEqual([{ type: 'set_fields', priority: 'P2', addTags: ['printer'] }]);

    const staleRestore = await p.api<TProblem>(ADMIN, `rules/${id}/versions/1/restore`, {
      method: 'POST',
      headers: { 'if-match': etag1 },
    });
    expect(staleRestore.status).toBe(412);
    const restored = await p.api<TRule>(ADMIN, `rules/${id}/versions/1/restore`, {
      method: 'POST',
      headers: { 'if-match': off.headers.get('etag') as string },
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 4, name: 'Printers to Service Desk', enabled: true });
    const latest = await p.api<TRuleVersion>(ADMIN, `rules/${id}/versions/4`);
    expect(latest.body).toMatchObject({ change: 'restored', restoredFrom: 1 });

    expect((await p.api<TProblem>(ADMIN, `rules/${id}/versions/99`)).status).toBe(404);
    expect((await p.api<TProblem>(ADMIN, `rules/${id}/versions/abc`)).status).toBe(404);
    expect((await p.api<TProblem>('alice@demo.local', `rules/${id}/versions`)).status).toBe(403);

    const deleted = await p.api(ADMIN, `rules/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await p.api(ADMIN, `rules/${id}/versions`)).status).toBe(404);
  });

  it('dry-runs a draft over recent tickets: which match and what would change, never the owner', async () => {
    const printer = await p.api<TTicket>('alice@demo.local', 'tickets', {
      body: {
        title: 'Printer jams on floor 3',
        requester: { email: 'pat.jones@customer.example', name: 'Pat Jones' },
        teamId: 'service-desk',
        impact: 3,
        urgency: 3,
      },
    });
    await p.api('alice@demo.local', `tickets/${printer.body.id}/accept`, { method: 'POST' });
    const other = await p.api<TTicket>('alice@demo.local', 'tickets', {
      body: { title: 'Mailbox full', requester: { email: 'pat.jones@customer.example', name: 'Pat Jones' } },
    });
    const rulesBefore = (await p.api<{ items: TRule[] }>(ADMIN, 'rules')).body.items.length;

    const preview = await p.api<TRulePreview>(ADMIN, 'rules/preview', { body: { rule: draft(), limit: 20 } });
    expect(preview.status).toBe(200);
    expect(preview.body.eventType).toBe('ticket.created');
    expect(preview.body.examined).toBe(preview.body.tickets.length);
    expect(preview.body.examined).toBeGreaterThanOrEqual(2);
    // Newest first.
    const times = preview.body.tickets.map((t) => t.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    const row = (id: string) => preview.body.tickets.find((t) => t.ticketId === id);
    expect(row(printer.body.id)).toMatchObject({
      matched: true,
      // P2 from impact 3 x urgency 3 moves both levels as little as possible, as execution does.
      changes: [
        { field: 'priority', from: 'P4', to: 'P2' },
        { field: 'impact', from: 3, to: 1 },
        { field: 'urgency', from: 3, to: 2 },
        { field: 'tags', from: [], to: ['printer'] },
      ],
    });
    expect(row(printer.body.id)?.actions).toEqual([
      { index: 0, type: 'set_fields', summary: 'Set priority P2, add tags [printer]' },
    ]);
    expect(row(printer.body.id)?.changes.map((c) => c.field)).not.toContain('owner');
    expect(row(other.body.id)).toMatchObject({ matched: false, changes: [], actions: [] });

    // Nothing was saved or changed by the dry run.
    expect((await p.api<{ items: TRule[] }>(ADMIN, 'rules')).body.items).toHaveLength(rulesBefore);
    const after = await p.api<TTicket>(ADMIN, `tickets/${printer.body.id}`);
    expect(after.body).toMatchObject({ priority: 'P4', tags: [], ownerId: 'ag_alice' });
  });

  it('matches on customer facts and routes in the dry run', async () => {
    const vip = await p.api<TTicket>('alice@demo.local', 'tickets', {
      body: {
        title: 'ERP is slow',
        requester: { email: 'cfo@northwind.example', name: 'Nora North' },
        teamId: 'service-desk',
      },
    });
    expect(vip.body.customerTier).toBe('enterprise');
    const preview = await p.api<TRulePreview>(ADMIN, 'rules/preview', {
      body: {
        rule: draft({
          conditions: { field: 'ticket.customerTier', op: 'equals', value: 'enterprise' },
          actions: [{ type: 'route', teamId: 'major-incident' }],
        }),
        limit: 50,
        event: { type: 'ticket.updated' },
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.eventType).toBe('ticket.updated');
    // The draft triggers on ticket.created only: fed another event it matches nothing.
    expect(preview.body.matched).toBe(0);
    const created = await p.api<TRulePreview>(ADMIN, 'rules/preview', {
      body: {
        rule: draft({
          conditions: { field: 'ticket.customerTier', op: 'equals', value: 'enterprise' },
          actions: [{ type: 'route', teamId: 'major-incident' }],
        }),
        limit: 50,
      },
    });
    const matched = created.body.tickets.filter((t) => t.matched);
    expect(matched.map((t) => t.ticketId)).toContain(vip.body.id);
    for (const t of matched) expect(t.actions.map((a) => a.summary)).toEqual(['Route to team major-incident']);
    expect(matched.find((t) => t.ticketId === vip.body.id)?.changes).toEqual([
      { field: 'team', from: 'service-desk', to: 'major-incident' },
    ]);
  });

  it('refuses unsafe patterns, owner-changing drafts and bad bodies as problems', async () => {
    const backtracking = await p.api<TProblem>(ADMIN, 'rules/preview', {
      body: { rule: draft({ conditions: { field: 'ticket.title', op: 'matches', pattern: '(a)\\1' } }) },
    });
    expect(backtracking.status).toBe(422);
    expect(backtracking.headers.get('content-type')).toContain('application/problem+json');
    expect(backtracking.body.errors?.[0]?.message).toMatch(/back-references/);

    const owner = await p.api<TProblem>(ADMIN, 'rules/preview', {
      body: { rule: draft({ actions: [{ type: 'set_fields', ownerId: 'ag_alice' }] }) },
    });
    expect(owner.status).toBe(422);
    expect(owner.body.detail).toMatch(/never change the owner/);

    const tooMany = await p.api<TProblem>(ADMIN, 'rules/preview', { body: { rule: draft(), limit: 5000 } });
    expect(tooMany.status).toBe(422);
    const unknownTeam = await p.api<TProblem>(ADMIN, 'rules/preview', {
      body: { rule: draft({ actions: [{ type: 'route', teamId: 'nope' }] }) },
    });
    expect(unknownTeam.status).toBe(404);
  });

  it('creates and edits agents with If-Match, and keeps the last admin', async () => {
    const created = await p.api<TAgent>(ADMIN, 'agents', {
      body: { email: 'Nina.New@demo.local', name: 'Nina New', roles: ['agent'], teamIds: ['network'], capacity: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'nina.new@demo.local', active: true, availability: 'offline' });
    const etag = created.headers.get('etag') as string;
    const got = await p.api<TAgent>(ADMIN, `agents/${created.body.id}`);
    expect(got.headers.get('etag')).toBe(etag);

    const body = { email: 'nina.new@demo.local', name: 'Nina New', roles: ['agent', 'lead'], teamIds: ['network'] };
    const first = await p.api<TAgent>(ADMIN, `agents/${created.body.id}`, {
      method: 'PUT',
      body,
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    expect(first.body.roles).toEqual(['agent', 'lead']);
    // The second admin saved from the same page: refused, the first admin's change kept.
    const second = await p.api<TProblem>(ADMIN, `agents/${created.body.id}`, {
      method: 'PUT',
      body: { ...body, roles: ['expert'], active: false },
      headers: { 'if-match': etag },
    });
    expect(second.status).toBe(412);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect((await p.api<TAgent>(ADMIN, `agents/${created.body.id}`)).body).toMatchObject({
      roles: ['agent', 'lead'],
      active: true,
    });

    const taken = await p.api<TProblem>(ADMIN, 'agents', {
      body: { email: 'alice@demo.local', name: 'Other Alice', roles: ['agent'] },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('AGENT.EMAIL_TAKEN');

    // Working hours name an SLA calendar routing honours; one that does not exist is refused.
    const hours = await p.api<TAgent>(ADMIN, `agents/${created.body.id}`, {
      method: 'PUT',
      body: { ...body, workingCalendarId: 'business-hours' },
      headers: { 'if-match': first.headers.get('etag') as string },
    });
    expect(hours.status).toBe(200);
    expect(hours.body.workingCalendarId).toBe('business-hours');
    const noCalendar = await p.api<TProblem>(ADMIN, `agents/${created.body.id}`, {
      method: 'PUT',
      body: { ...body, workingCalendarId: 'moon-hours' },
    });
    expect(noCalendar.status).toBe(422);
    expect(noCalendar.body.errors?.map((e) => e.path)).toEqual(['workingCalendarId']);
    const lastAdmin = await p.api<TProblem>(ADMIN, 'agents/ag_admin', {
      method: 'PUT',
      body: { email: 'admin@demo.local', name: 'Ada Admin', roles: ['agent'], teamIds: ['service-desk'] },
    });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.code).toBe('DIRECTORY.LAST_ADMIN');
    const bad = await p.api<TProblem>(ADMIN, 'agents', { body: { email: 'x', name: '', roles: [], ownerId: 'x' } });
    expect(bad.status).toBe(422);
    expect((await p.api<TProblem>('lead@demo.local', 'agents', { body: body })).status).toBe(403);
    expect((await p.api<TProblem>(ADMIN, 'agents/nobody')).status).toBe(404);
  });

  it('creates a team with leads and members, edits its members with If-Match', async () => {
    const created = await p.api<TTeamDetail>(ADMIN, 'teams', {
      body: {
        id: 'field-service',
        name: 'Field Service',
        leadIds: ['ag_lee'],
        memberIds: ['ag_alice', 'ag_lee'],
        offerMinutes: 15,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'field-service',
      slug: 'field-service',
      memberIds: ['ag_alice', 'ag_lee'],
    });
    const alice = await p.api<TAgent>(ADMIN, 'agents/ag_alice');
    expect(alice.body.teamIds).toEqual(['service-desk', 'field-service']);
    const etag = created.headers.get('etag') as string;

    const edited = await p.api<TTeamDetail>(ADMIN, 'teams/field-service', {
      method: 'PUT',
      body: { name: 'Field Service', leadIds: ['ag_lee'], memberIds: ['ag_lee', 'ag_bob'], offerMinutes: 15 },
      headers: { 'if-match': etag },
    });
    expect(edited.status).toBe(200);
    const team = await p.api<TTeamDetail>(ADMIN, 'teams/field-service');
    expect(team.body.memberIds.sort()).toEqual(['ag_bob', 'ag_lee']);
    expect((await p.api<TAgent>(ADMIN, 'agents/ag_alice')).body.teamIds).toEqual(['service-desk']);

    const stale = await p.api<TProblem>(ADMIN, 'teams/field-service', {
      method: 'PUT',
      body: { name: 'Lost', leadIds: [], memberIds: [] },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect((await p.api<TTeamDetail>(ADMIN, 'teams/field-service')).body).toMatchObject({ name: 'Field Service' });

    const again = await p.api<TProblem>(ADMIN, 'teams', { body: { id: 'field-service', name: 'Again' } });
    expect(again.status).toBe(409);
    const ghost = await p.api<TProblem>(ADMIN, 'teams', {
      body: { id: 'ghosts', name: 'Ghosts', memberIds: ['ag_nobody'] },
    });
    expect(ghost.status).toBe(404);
    const badId = await p.api<TProblem>(ADMIN, 'teams', { body: { id: 'Not A Slug', name: 'x' } });
    expect(badId.status).toBe(422);
  });

  it('reads a ticket template with its ETag, and refuses a stale change', async () => {
    const list = await p.api<{ items: { id: string; name: string }[] }>(ADMIN, 'ticket-templates?all=true');
    const id = list.body.items[0]?.id as string;
    const one = await p.api<{ id: string; name: string }>(ADMIN, `ticket-templates/${id}`);
    expect(one.status).toBe(200);
    const etag = one.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    const first = await p.api(ADMIN, `ticket-templates/${id}`, {
      method: 'PATCH',
      body: { description: 'first' },
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    const second = await p.api<TProblem>(ADMIN, `ticket-templates/${id}`, {
      method: 'PATCH',
      body: { description: 'second' },
      headers: { 'if-match': etag },
    });
    expect(second.status).toBe(412);
    expect((await p.api<TProblem>(ADMIN, 'ticket-templates/tt_nope')).status).toBe(404);
  });
});
