import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { getTicketFunction } from '../tickets/get-ticket.function.js';
import {
  acceptChangeFunction,
  addChangeNoteFunction,
  moveChangeFunction,
  scheduleChangeFunction,
  transferChangeFunction,
  updateChangePlanFunction,
} from './change-commands.functions.js';
import {
  changeTimelineFunction,
  createChangeFunction,
  getChangeFunction,
  listChangesFunction,
} from './changes.functions.js';

const ALICE = 'alice@demo.local';
const BOB = 'bob@demo.local';
const LEAD = 'lead@demo.local';

const standard = {
  type: 'standard',
  title: 'Restart the IIS app pool on WEB01',
  templateId: 'tpl_restart_app_pool',
  affectedCiIds: ['ci_web01'],
};

describe('change HTTP functions', () => {
  let world: TestWorld;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);
  const on = (id: string) => ({ params: { id } });

  beforeEach(async () => {
    world = await testWorld();
  });

  it('raises a numbered, unowned change with the caller as requester and a Location', async () => {
    const created = await call(createChangeFunction, { as: ALICE, body: standard });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      number: 'CHG-1001',
      type: 'standard',
      state: 'new',
      approval: 'not_required',
      ownerId: null,
      requester: { email: 'alice@demo.local', name: 'Alice Agent', agentId: 'ag_alice' },
      links: [],
    });
    expect(created.json).not.toHaveProperty('changeId');
    expect(created.json).not.toHaveProperty('lastSeq');
    const { id } = created.json as { id: string };
    expect(created.headers.get('location')).toBe(`/api/changes/${id}`);
    const byNumber = await call(getChangeFunction, { as: BOB, ...on('chg-1001') });
    expect(byNumber.json).toMatchObject({ id, number: 'CHG-1001' });
    expect((await call(createChangeFunction, { as: ALICE, body: { ...standard, type: 'normal' } })).json).toMatchObject(
      {
        number: 'CHG-1002',
        approval: 'pending',
      },
    );
  });

  it.each([
    ['an unknown field', { ...standard, ownerId: 'ag_alice' }, 422, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown type', { ...standard, type: 'urgent' }, 422, 'REQUEST.VALIDATION_FAILED'],
    ['a standard change without a template', { ...standard, templateId: null }, 422, 'REQUEST.VALIDATION_FAILED'],
    ['a window that is not a date', { ...standard, plannedStart: 'tomorrow' }, 422, 'REQUEST.VALIDATION_FAILED'],
  ])('refuses %s as problem+json', async (_case, body, status, code) => {
    const refused = await call(createChangeFunction, { as: ALICE, body });
    expect(refused.status).toBe(status);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json).toMatchObject({ code });
  });

  it('answers 404 for a change that does not exist and 401 without a sign-in', async () => {
    expect((await call(getChangeFunction, { as: ALICE, ...on('CHG-9999') })).status).toBe(404);
    expect((await call(acceptChangeFunction, { as: ALICE, ...on('chg_nothing') })).json).toMatchObject({
      code: 'CHANGE.NOT_FOUND',
    });
    expect((await call(listChangesFunction, {})).status).toBe(401);
  });

  it('takes a standard change from new to closed over HTTP, the owner never moved by the moves', async () => {
    const { id } = (await call(createChangeFunction, { as: ALICE, body: standard })).json as { id: string };
    expect((await call(moveChangeFunction, { as: ALICE, ...on(id), body: { state: 'scheduled' } })).json).toMatchObject(
      { code: 'CHANGE.NOT_OWNER' },
    );
    const accepted = await call(acceptChangeFunction, { as: ALICE, ...on(id) });
    expect(accepted.json).toMatchObject({ ownerId: 'ag_alice' });
    expect((await call(acceptChangeFunction, { as: BOB, ...on(id) })).json).toMatchObject({
      code: 'CHANGE.ALREADY_OWNED',
    });
    const notReady = await call(moveChangeFunction, { as: ALICE, ...on(id), body: { state: 'scheduled' } });
    expect(notReady.status).toBe(409);
    expect(notReady.json).toMatchObject({ code: 'CHANGE.NOT_READY' });
    const window = { plannedStart: '2026-12-05T20:00:00Z', plannedEnd: '2026-12-05T21:00:00Z' };
    expect((await call(scheduleChangeFunction, { as: ALICE, ...on(id), body: window })).status).toBe(200);
    expect((await call(moveChangeFunction, { as: ALICE, ...on(id), body: { state: 'scheduled' } })).status).toBe(200);
    expect((await call(moveChangeFunction, { as: ALICE, ...on(id), body: { state: 'implement' } })).status).toBe(200);
    const closed = await call(moveChangeFunction, {
      as: ALICE,
      ...on(id),
      body: { state: 'closed', closeCode: 'successful', closeNotes: 'Pool recycled' },
    });
    expect(closed.json).toMatchObject({ state: 'closed', closeCode: 'successful', ownerId: 'ag_alice' });
    // Every save relayed its events: nothing is left in the change's outbox.
    const left = await world.store.query('changes', {
      where: [{ field: 'docType', op: 'eq', value: 'outbox' }],
      limit: 10,
    });
    expect(left.items).toEqual([]);
    const published = world.bus.published.map((p) => p.message.type).filter((t) => t.startsWith('change.'));
    expect(published).toEqual([
      'change.created',
      'change.owner_changed',
      'change.updated',
      'change.state_changed',
      'change.state_changed',
      'change.state_changed',
    ]);
    const timeline = await call(changeTimelineFunction, { as: BOB, ...on(id) });
    const kinds = (timeline.json as { items: { kind: string }[] }).items.map((e) => e.kind);
    expect(kinds).toEqual([
      'change_created',
      'owner_changed',
      'fields_changed',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
  });

  it('transfers with a reason, guards with If-Match and freezes the plan after assessment', async () => {
    const created = await call(createChangeFunction, { as: ALICE, body: { ...standard, type: 'normal' } });
    const { id } = created.json as { id: string };
    await call(acceptChangeFunction, { as: ALICE, ...on(id) });
    const stale = created.headers.get('etag') as string;
    const refused = await call(updateChangePlanFunction, {
      as: ALICE,
      ...on(id),
      headers: { 'if-match': stale },
      body: { backoutPlan: 'Restore the snapshot' },
    });
    expect(refused.status).toBe(412);
    expect(
      (await call(updateChangePlanFunction, { as: ALICE, ...on(id), body: { backoutPlan: 'Snapshot' } })).json,
    ).toMatchObject({
      backoutPlan: 'Snapshot',
    });
    expect((await call(transferChangeFunction, { as: ALICE, ...on(id), body: { toAgentId: 'ag_bob' } })).status).toBe(
      422,
    );
    const moved = await call(transferChangeFunction, {
      as: LEAD,
      ...on(id),
      body: { toAgentId: 'ag_bob', reason: 'Bob runs the database changes' },
    });
    expect(moved.json).toMatchObject({ ownerId: 'ag_bob' });
    expect(
      (await call(addChangeNoteFunction, { as: ALICE, ...on(id), body: { body: 'Backup verified' } })).status,
    ).toBe(200);
    await call(moveChangeFunction, { as: BOB, ...on(id), body: { state: 'assess' } });
    const frozen = await call(moveChangeFunction, { as: BOB, ...on(id), body: { state: 'authorize' } });
    expect(frozen.json).toMatchObject({ code: 'CHANGE.NOT_READY' });
    const mine = await call(listChangesFunction, { as: BOB, path: 'changes?owner=me&state=assess' });
    expect((mine.json as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([id]);
  });

  it('creates a change from an incident: its CIs copied, both linked, the incident still unowned', async () => {
    const incident = await call(createTicketFunction, {
      as: LEAD,
      body: {
        title: 'Payroll is slow',
        requester: { email: 'pat@customer.example', name: 'Pat' },
        impact: 2,
        urgency: 2,
      },
    });
    const { id: ticketId, number: ticketNumber } = incident.json as { id: string; number: string };
    const created = await call(createChangeFunction, {
      as: ALICE,
      body: {
        type: 'normal',
        title: 'Add an index to the payroll database',
        fromTicket: ticketNumber,
        affectedCiIds: ['ci_db1'],
      },
    });
    expect(created.status).toBe(201);
    const change = created.json as { id: string; number: string };
    expect(created.json).toMatchObject({
      affectedCiIds: ['ci_db1'],
      links: [{ kind: 'created_from', practice: 'ticket', id: ticketId, number: ticketNumber }],
    });
    const ticket = await call(getTicketFunction, { as: ALICE, ...on(ticketId) });
    expect(ticket.json).toMatchObject({
      ownerId: null,
      links: [{ kind: 'created', practice: 'change', id: change.id, number: change.number }],
    });
    const missing = await call(createChangeFunction, {
      as: ALICE,
      body: { type: 'normal', title: 'x', fromTicket: 'INC-9999' },
    });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'TICKET.NOT_FOUND' });
  });
});
