import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { acceptChangeFunction, scheduleChangeFunction } from './change-commands.functions.js';
import {
  assessChangeRiskFunction,
  changeRiskFunction,
  linkCausedIncidentFunction,
  ticketChangesFunction,
} from './change-insights.functions.js';
import { changeCalendarFunction, changeConflictsFunction, nextFreeSlotFunction } from './change-schedule.functions.js';
import { addChangeTaskFunction, updateChangeTaskFunction } from './change-tasks.functions.js';
import {
  createChangeWindowFunction,
  deleteChangeWindowFunction,
  getChangeWindowFunction,
  listChangeWindowsFunction,
  replaceChangeWindowFunction,
} from './change-windows.functions.js';
import { changeTimelineFunction, createChangeFunction } from './changes.functions.js';

const ALICE = 'alice@demo.local';
const BOB = 'bob@demo.local';
const LEAD = 'lead@demo.local';

/** Sunday 2026-12-06 02:00-06:00 UTC is inside the weekly window; Monday is not. */
const SUNDAY = { plannedStart: '2026-12-06T02:00:00Z', plannedEnd: '2026-12-06T04:00:00Z' };
const MONDAY = { plannedStart: '2026-12-07T02:00:00Z', plannedEnd: '2026-12-07T04:00:00Z' };
const weekly = (scope: string) => ({
  kind: 'maintenance',
  name: 'Sunday night',
  scope,
  timeZone: 'UTC',
  recurrence: { rule: 'FREQ=WEEKLY;BYDAY=SU', startTime: '02:00', durationMinutes: 240, from: '2026-01-01' },
});

describe('change schedule HTTP functions', () => {
  let world: TestWorld;
  let cis: { shop: string; app: string; srv: string };
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);
  const on = (id: string) => ({ params: { id } });
  /** A GET with a query string on `route`. */
  const get = (route: string, query: Record<string, string>) => ({ path: `${route}?${new URLSearchParams(query)}` });

  const ci = async (name: string, ciClass: string) => {
    const made = await world.services.cmdb.create(
      {
        name,
        ciClass,
        status: 'active',
        environment: 'production',
        criticality: 2,
        ownerTeamId: null,
        location: null,
        assetTag: null,
        serial: null,
        hostNames: [],
        ipAddresses: [],
        attributes: {},
        redundancy: null,
      },
      world.actor('admin@demo.local'),
    );
    if (!made.ok) throw new Error(made.error.message);
    return made.value.ci.id;
  };

  /** A normal change on `ciIds`, owned by `owner`. */
  const change = async (ciIds: string[], owner = ALICE) => {
    const created = await call(createChangeFunction, {
      as: owner,
      body: { type: 'normal', title: `Patch ${ciIds.join(', ')}`, affectedCiIds: ciIds },
    });
    const { id } = created.json as { id: string };
    expect((await call(acceptChangeFunction, { as: owner, ...on(id) })).status).toBe(200);
    return id;
  };

  beforeEach(async () => {
    world = await testWorld();
    const shop = await ci('Web shop', 'business_service');
    const app = await ci('shop-app', 'application');
    const srv = await ci('srv-01', 'server');
    const admin = world.actor('admin@demo.local');
    expect((await world.services.cmdb.addRelation(shop, { type: 'depends_on', toId: app }, admin)).ok).toBe(true);
    expect((await world.services.cmdb.addRelation(app, { type: 'runs_on', toId: srv }, admin)).ok).toBe(true);
    cis = { shop, app, srv };
  });

  it('keeps windows with If-Match: create, read, replace, delete', async () => {
    const created = await call(createChangeWindowFunction, { as: LEAD, body: weekly(cis.srv) });
    expect(created.status).toBe(201);
    const window = created.json as { id: string; scopeName: string };
    expect(window.scopeName).toBe('srv-01');
    expect((await call(createChangeWindowFunction, { as: ALICE, body: weekly(cis.srv) })).status).toBe(403);
    const bad = await call(createChangeWindowFunction, {
      as: LEAD,
      body: { ...weekly(cis.srv), recurrence: { ...weekly(cis.srv).recurrence, rule: 'FREQ=DAILY;BYHOUR=3' } },
    });
    expect(bad.json).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', field: 'recurrence.rule' });
    const read = await call(getChangeWindowFunction, { as: BOB, ...on(window.id) });
    const etag = read.headers.get('etag') as string;
    const renamed = { ...weekly(cis.srv), name: 'Sunday early' };
    expect((await call(replaceChangeWindowFunction, { as: LEAD, ...on(window.id), body: renamed })).json).toMatchObject(
      {
        code: 'REQUEST.PRECONDITION_FAILED',
      },
    );
    const replaced = await call(replaceChangeWindowFunction, {
      as: LEAD,
      ...on(window.id),
      body: renamed,
      headers: { 'if-match': etag },
    });
    expect(replaced.json).toMatchObject({ name: 'Sunday early' });
    expect(
      (
        await call(replaceChangeWindowFunction, {
          as: LEAD,
          ...on(window.id),
          body: renamed,
          headers: { 'if-match': etag },
        })
      ).status,
    ).toBe(412);
    const listed = (await call(listChangeWindowsFunction, { as: BOB })).json as { items: unknown[] };
    expect(listed.items).toHaveLength(1);
    const fresh = replaced.headers.get('etag') as string;
    expect(
      (await call(deleteChangeWindowFunction, { as: LEAD, ...on(window.id), headers: { 'if-match': fresh } })).status,
    ).toBe(204);
    expect((await call(getChangeWindowFunction, { as: BOB, ...on(window.id) })).status).toBe(404);
  });

  it('refuses a window with conflicts with 409 listing them, and lets only a change manager override with a reason', async () => {
    await call(createChangeWindowFunction, { as: LEAD, body: weekly(cis.srv) });
    const first = await change([cis.srv]);
    expect((await call(scheduleChangeFunction, { as: ALICE, ...on(first), body: SUNDAY })).status).toBe(200);
    const second = await change([cis.app], BOB);
    const refused = await call(scheduleChangeFunction, { as: BOB, ...on(second), body: SUNDAY });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json).toMatchObject({
      code: 'CHANGE.SCHEDULE_CONFLICT',
      conflicts: [{ kind: 'neighbour_overlap', ciId: cis.srv, ref: { type: 'change', id: first, label: 'CHG-1001' } }],
    });
    const conflicts = await call(changeConflictsFunction, {
      as: BOB,
      ...on('CHG-1002'),
      ...get('changes/CHG-1002/conflicts', { start: MONDAY.plannedStart, end: MONDAY.plannedEnd }),
    });
    // Monday: no overlap any more, and the app has no window of its own (the server's is not its).
    expect((conflicts.json as { conflicts: unknown[] }).conflicts).toEqual([]);
    const override = { ...SUNDAY, override: { reason: 'Same maintenance crew, coordinated' } };
    expect((await call(scheduleChangeFunction, { as: BOB, ...on(second), body: override })).status).toBe(403);
    const overridden = await call(scheduleChangeFunction, { as: LEAD, ...on(second), body: override });
    expect(overridden.status).toBe(200);
    const timeline = (await call(changeTimelineFunction, { as: BOB, ...on(second) })).json as {
      items: { kind: string; body: string | null; data: Record<string, unknown> }[];
    };
    const entry = timeline.items.find((e) => e.data.override);
    expect(entry?.body).toBe('Scheduled over conflicts: Same maintenance crew, coordinated');
    expect(entry?.data.override).toMatchObject({ conflicts: [{ kind: 'neighbour_overlap' }] });
  });

  it('says outside the maintenance window, and finds the next free slot', async () => {
    await call(createChangeWindowFunction, { as: LEAD, body: weekly(cis.srv) });
    const id = await change([cis.srv]);
    const refused = await call(scheduleChangeFunction, { as: ALICE, ...on(id), body: MONDAY });
    expect(refused.json).toMatchObject({ conflicts: [{ kind: 'outside_maintenance', ciId: cis.srv }] });
    const slot = await call(nextFreeSlotFunction, {
      as: ALICE,
      ...get('changes/next-free-slot', { change: 'CHG-1001', after: MONDAY.plannedStart, durationMinutes: '120' }),
    });
    expect(slot.json).toEqual({
      slot: { start: '2026-12-13T02:00:00.000Z', end: '2026-12-13T04:00:00.000Z' },
      horizonDays: 90,
    });
    expect(
      (await call(nextFreeSlotFunction, { as: ALICE, ...get('changes/next-free-slot', { change: id }) })).json,
    ).toMatchObject({
      code: 'REQUEST.VALIDATION_FAILED',
    });
  });

  it('shows the calendar with windows shaded and conflicts flagged', async () => {
    await call(createChangeWindowFunction, {
      as: LEAD,
      body: {
        kind: 'blackout',
        name: 'Year end',
        scope: 'global',
        start: '2026-12-20T00:00:00Z',
        end: '2027-01-04T00:00:00Z',
      },
    });
    const a = await change([cis.app]);
    const b = await change([cis.app], BOB);
    await call(scheduleChangeFunction, { as: ALICE, ...on(a), body: SUNDAY });
    await call(scheduleChangeFunction, {
      as: LEAD,
      ...on(b),
      body: { ...SUNDAY, override: { reason: 'Both teams on site' } },
    });
    const calendar = await call(changeCalendarFunction, {
      as: BOB,
      ...get('changes/calendar', { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }),
    });
    expect(calendar.status).toBe(200);
    const body = calendar.json as {
      changes: { id: string; conflicts: string[] }[];
      windows: { name: string; start: string }[];
    };
    expect(body.changes.map((c) => [c.id, c.conflicts])).toEqual([
      [a, ['ci_overlap']],
      [b, ['ci_overlap']],
    ]);
    expect(body.windows).toMatchObject([{ name: 'Year end', start: '2026-12-20T00:00:00.000Z' }]);
    expect(
      (
        await call(changeCalendarFunction, {
          as: BOB,
          ...get('changes/calendar', { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }),
        })
      ).status,
    ).toBe(422);
  });

  it('books the task assignees: an agent on two changes at once is a conflict', async () => {
    const a = await change([cis.shop]);
    const added = await call(addChangeTaskFunction, {
      as: ALICE,
      ...on(a),
      body: { title: 'Drain the pool', assigneeId: 'ag_dave' },
    });
    expect(added.status).toBe(200);
    const task = (added.json as { implementationTasks: { id: string; order: number; state: string }[] })
      .implementationTasks[0];
    expect(task).toMatchObject({ order: 1, state: 'open' });
    await call(scheduleChangeFunction, { as: ALICE, ...on(a), body: SUNDAY });
    const b = await change([cis.srv], BOB);
    await call(addChangeTaskFunction, { as: BOB, ...on(b), body: { title: 'Reboot', assigneeId: 'ag_dave' } });
    const refused = await call(scheduleChangeFunction, { as: BOB, ...on(b), body: SUNDAY });
    expect(refused.json).toMatchObject({
      conflicts: [{ kind: 'assignee_booked', ref: { type: 'agent', id: 'ag_dave' } }],
    });
    // The assignee moves their own task; nobody else but the owner or a lead edits it.
    const moved = await call(updateChangeTaskFunction, {
      as: 'dave@demo.local',
      params: { id: a, taskId: task?.id as string },
      body: { state: 'in_progress' },
    });
    expect(moved.json).toMatchObject({ implementationTasks: [{ state: 'in_progress' }] });
    const renamed = await call(updateChangeTaskFunction, {
      as: 'dave@demo.local',
      params: { id: a, taskId: task?.id as string },
      body: { title: 'Something else' },
    });
    expect(renamed.json).toMatchObject({ code: 'CHANGE.NOT_OWNER' });
    const illegal = await call(updateChangeTaskFunction, {
      as: ALICE,
      params: { id: a, taskId: task?.id as string },
      body: { state: 'done' },
    });
    expect(illegal.status).toBe(200);
    const back = await call(updateChangeTaskFunction, {
      as: ALICE,
      params: { id: a, taskId: task?.id as string },
      body: { state: 'cancelled' },
    });
    expect(back.json).toMatchObject({ code: 'CHANGE_TASK.ILLEGAL_TRANSITION' });
  });

  it('assesses the risk with the CMDB facts: impacted service, outside the window, the higher level wins', async () => {
    await call(createChangeWindowFunction, { as: LEAD, body: weekly(cis.app) });
    const id = await change([cis.app]);
    await call(scheduleChangeFunction, {
      as: LEAD,
      ...on(id),
      body: { ...MONDAY, override: { reason: 'Vendor only available on Monday' } },
    });
    const view = await call(changeRiskFunction, { as: BOB, ...on(id) });
    expect(view.json).toMatchObject({
      facts: {
        cis: [{ ciId: cis.app, name: 'shop-app', criticality: 2 }],
        impactedServices: [{ id: cis.shop, name: 'Web shop' }],
        recentUnsuccessful: [],
        outsideMaintenanceWindow: true,
      },
      risk: null,
    });
    const answers = { outage: 'none', tested: 'yes', backout: 'easy', experience: 'often' };
    const assessed = await call(assessChangeRiskFunction, { as: ALICE, ...on(id), body: { answers } });
    expect(assessed.json).toMatchObject({ risk: { level: 'high', questionnaireLevel: 'low', ruleLevel: 'high' } });
    const reasons = (assessed.json as { risk: { reasons: { text: string }[] } }).risk.reasons.map((r) => r.text);
    expect(reasons).toEqual([
      'Planned outside the maintenance window',
      'shop-app is a criticality 2 CI',
      'Impacts Web shop',
    ]);
    const unanswered = await call(assessChangeRiskFunction, {
      as: ALICE,
      ...on(id),
      body: { answers: { outage: 'none' } },
    });
    expect(unanswered.json).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', question: 'tested' });
  });

  it('shows a ticket the changes on its CIs in the last 72 hours and the change that caused it, linked both ways', async () => {
    const id = await change([cis.srv]);
    world.clock.advance(9 * 86_400_000); // 2026-12-05 09:00, the day before the window
    await call(scheduleChangeFunction, {
      as: ALICE,
      ...on(id),
      body: { plannedStart: '2026-12-04T20:00:00Z', plannedEnd: '2026-12-04T22:00:00Z' },
    });
    const made = await call(createTicketFunction, {
      as: LEAD,
      body: { title: 'Shop is down', requester: { email: 'pat@customer.example', name: 'Pat' }, impact: 1, urgency: 1 },
    });
    const ticket = made.json as { id: string; number: string; ownerId: string | null };
    const set = await world.services.cmdb.setTicketCis(
      ticket.id,
      { cis: [{ ciId: cis.srv, primary: true }] },
      world.actor(LEAD),
    );
    expect(set.ok).toBe(true);
    const linked = await call(linkCausedIncidentFunction, { as: ALICE, ...on(id), body: { ticket: ticket.number } });
    expect(linked.json).toMatchObject({ links: [{ kind: 'caused', practice: 'ticket', id: ticket.id }] });
    const seen = await call(ticketChangesFunction, { as: BOB, ...on(ticket.id) });
    expect(seen.json).toMatchObject({
      hours: 72,
      recent: [
        { changeId: id, number: 'CHG-1001', state: 'new', ciId: cis.srv, plannedStart: '2026-12-04T20:00:00.000Z' },
      ],
      linked: [{ changeId: id, number: 'CHG-1001', state: 'new', kind: 'caused_by' }],
    });
    const earlier = await call(ticketChangesFunction, {
      as: BOB,
      ...on(ticket.id),
      ...get(`tickets/${ticket.id}/changes`, { hours: '1' }),
    });
    expect((earlier.json as { recent: unknown[] }).recent).toEqual([]);
    // An open P1 on the CI is now a conflict of any window for a change on it.
    const other = await change([cis.srv], BOB);
    const refused = await call(scheduleChangeFunction, { as: BOB, ...on(other), body: MONDAY });
    expect(refused.json).toMatchObject({
      conflicts: [{ kind: 'open_incident', ref: { type: 'ticket', id: ticket.id } }],
    });
  });
});
