import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import {
  acceptChangeFunction,
  moveChangeFunction,
  scheduleChangeFunction,
} from '../changes/change-commands.functions.js';
import { createChangeFunction, getChangeFunction } from '../changes/changes.functions.js';
import { listNotificationsFunction } from '../notifications/list-notifications.function.js';
import { acceptTicketFunction } from '../tickets/accept-ticket.function.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { getTicketFunction } from '../tickets/get-ticket.function.js';
import { getTimelineFunction } from '../tickets/get-timeline.function.js';
import {
  acceptProblemFunction,
  addProblemNoteFunction,
  addProblemTaskFunction,
  communicateWorkaroundFunction,
  linkProblemFunction,
  moveProblemFunction,
  transferProblemFunction,
  unlinkProblemFunction,
  updateProblemFunction,
  updateProblemTaskFunction,
} from './problem-commands.functions.js';
import {
  createProblemFunction,
  getProblemFunction,
  listProblemsFunction,
  problemTimelineFunction,
} from './problems.functions.js';

const ALICE = 'alice@demo.local';
const BOB = 'bob@demo.local';
const LEAD = 'lead@demo.local';

interface Created {
  id: string;
  number: string;
}

describe('problem HTTP functions', () => {
  let world: TestWorld;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);
  const on = (id: string) => ({ params: { id } });

  const anIncident = async (title: string, ownedBy?: string): Promise<Created> => {
    const made = await call(createTicketFunction, {
      as: LEAD,
      body: { title, requester: { email: 'pat@customer.example', name: 'Pat' }, impact: 2, urgency: 2 },
    });
    const ticket = made.json as Created;
    if (ownedBy) expect((await call(acceptTicketFunction, { as: ownedBy, ...on(ticket.id) })).status).toBe(200);
    return ticket;
  };

  beforeEach(async () => {
    world = await testWorld();
  });

  it('raises a numbered, unowned problem with a Location, readable by number', async () => {
    const created = await call(createProblemFunction, {
      as: ALICE,
      body: { title: 'VPN drops every afternoon', impact: 1, urgency: 2, affectedCiIds: ['ci_vpn'] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      number: 'PRB-1001',
      state: 'new',
      priority: 'P2',
      ownerId: null,
      knownError: false,
      links: [],
    });
    expect(created.json).not.toHaveProperty('problemId');
    const { id } = created.json as Created;
    expect(created.headers.get('location')).toBe(`/api/problems/${id}`);
    expect((await call(getProblemFunction, { as: BOB, ...on('prb-1001') })).json).toMatchObject({ id });
    const timeline = await call(problemTimelineFunction, { as: BOB, ...on(id) });
    expect((timeline.json as { items: { kind: string }[] }).items.map((e) => e.kind)).toEqual(['problem_created']);
  });

  it.each([
    ['an unknown field', { title: 'x', ownerId: 'ag_alice' }],
    ['no title and nothing to take it from', { description: 'x' }],
    ['an impact out of range', { title: 'x', impact: 7 }],
    ['an empty incident list', { title: 'x', fromTickets: [] }],
  ])('refuses %s as problem+json', async (_case, body) => {
    const refused = await call(createProblemFunction, { as: ALICE, body });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED' });
  });

  it('answers 404 for a problem that does not exist and 401 without a sign-in', async () => {
    expect((await call(getProblemFunction, { as: ALICE, ...on('PRB-9999') })).json).toMatchObject({
      code: 'PROBLEM.NOT_FOUND',
    });
    expect((await call(acceptProblemFunction, { as: ALICE, ...on('prb_nope') })).status).toBe(404);
    expect((await call(listProblemsFunction, {})).status).toBe(401);
  });

  it('creates a problem from several incidents: linked both ways, the incidents keep their owners', async () => {
    const first = await anIncident('VPN drops at 15:00', BOB);
    const second = await anIncident('VPN disconnects again');
    const created = await call(createProblemFunction, {
      as: ALICE,
      body: { fromTickets: [first.number, second.id, first.id] },
    });
    expect(created.status).toBe(201);
    const problem = created.json as Created;
    expect(created.json).toMatchObject({
      title: 'VPN drops at 15:00',
      links: [
        { kind: 'has_symptom', practice: 'ticket', id: first.id },
        { kind: 'has_symptom', practice: 'ticket', id: second.id },
      ],
    });
    for (const [ticket, ownerId] of [
      [first, 'ag_bob'],
      [second, null],
    ] as const)
      expect((await call(getTicketFunction, { as: ALICE, ...on(ticket.id) })).json).toMatchObject({
        ownerId,
        links: [{ kind: 'symptom_of', practice: 'problem', id: problem.id, number: problem.number }],
      });
    const missing = await call(createProblemFunction, { as: ALICE, body: { fromTickets: ['INC-9999'] } });
    expect(missing.json).toMatchObject({ code: 'TICKET.NOT_FOUND' });
  });

  it('creates a problem from an unsuccessful change only, linked both ways', async () => {
    const change = (
      await call(createChangeFunction, {
        as: ALICE,
        body: { type: 'standard', title: 'Patch VPN', templateId: 'tpl_patch', affectedCiIds: ['ci_vpn'] },
      })
    ).json as Created;
    const refused = await call(createProblemFunction, { as: ALICE, body: { fromChange: change.number } });
    expect(refused.json).toMatchObject({ code: 'PROBLEM.NOT_READY' });
    await call(acceptChangeFunction, { as: ALICE, ...on(change.id) });
    const window = { plannedStart: '2026-12-05T20:00:00Z', plannedEnd: '2026-12-05T21:00:00Z' };
    await call(scheduleChangeFunction, { as: ALICE, ...on(change.id), body: window });
    await call(moveChangeFunction, { as: ALICE, ...on(change.id), body: { state: 'scheduled' } });
    await call(moveChangeFunction, { as: ALICE, ...on(change.id), body: { state: 'implement' } });
    const review = await call(moveChangeFunction, {
      as: ALICE,
      ...on(change.id),
      body: { state: 'review', closeCode: 'backed_out' },
    });
    expect(review.status).toBe(200);
    const created = await call(createProblemFunction, { as: ALICE, body: { fromChange: change.number } });
    expect(created.status).toBe(201);
    const problem = created.json as Created;
    expect(created.json).toMatchObject({
      title: 'Unsuccessful CHG-1001: Patch VPN',
      affectedCiIds: ['ci_vpn'],
      links: [{ kind: 'created_from', practice: 'change', id: change.id }],
    });
    expect((await call(getChangeFunction, { as: ALICE, ...on(change.id) })).json).toMatchObject({
      links: [{ kind: 'created', practice: 'problem', id: problem.id }],
    });
  });

  it('accepts, transfers, edits with If-Match, plans tasks, notes, and walks to closed', async () => {
    const created = await call(createProblemFunction, { as: ALICE, body: { title: 'Printer queue stalls' } });
    const { id } = created.json as Created;
    expect((await call(moveProblemFunction, { as: ALICE, ...on(id), body: { state: 'assess' } })).json).toMatchObject({
      code: 'PROBLEM.NOT_OWNER',
    });
    const accepted = await call(acceptProblemFunction, { as: ALICE, ...on(id) });
    expect(accepted.json).toMatchObject({ ownerId: 'ag_alice' });
    const etag = accepted.headers.get('etag') as string;
    expect((await call(acceptProblemFunction, { as: BOB, ...on(id) })).json).toMatchObject({
      code: 'PROBLEM.ALREADY_OWNED',
    });
    await call(moveProblemFunction, { as: ALICE, ...on(id), body: { state: 'assess' } });
    const stale = await call(updateProblemFunction, {
      as: ALICE,
      ...on(id),
      headers: { 'if-match': etag },
      body: { workaround: 'Restart the spooler' },
    });
    expect(stale.status).toBe(412);
    const fresh = (await call(getProblemFunction, { as: ALICE, ...on(id) })).headers.get('etag') as string;
    const edited = await call(updateProblemFunction, {
      as: ALICE,
      ...on(id),
      headers: { 'if-match': fresh },
      body: { workaround: 'Restart the spooler', rootCause: { text: 'Driver leak', category: 'software' } },
    });
    expect(edited.json).toMatchObject({ workaround: 'Restart the spooler', rootCause: { category: 'software' } });
    const task = await call(addProblemTaskFunction, {
      as: ALICE,
      ...on(id),
      body: { kind: 'rca', title: 'Collect spooler dumps', assigneeId: 'ag_bob' },
    });
    const taskId = (task.json as { tasks: { id: string }[] }).tasks[0]?.id as string;
    const moved = await call(updateProblemTaskFunction, {
      as: BOB,
      params: { id, taskId },
      body: { state: 'done' },
    });
    expect(moved.json).toMatchObject({ tasks: [{ id: taskId, state: 'done', assigneeId: 'ag_bob' }] });
    expect((await call(updateProblemTaskFunction, { as: BOB, params: { id, taskId: 'x' }, body: {} })).status).toBe(
      404,
    );
    expect(
      (await call(addProblemNoteFunction, { as: BOB, ...on(id), body: { body: 'Seen on PRN02 too' } })).status,
    ).toBe(200);
    for (const state of ['root_cause_analysis', 'fix_in_progress', 'resolved', 'closed'])
      expect((await call(moveProblemFunction, { as: ALICE, ...on(id), body: { state } })).status).toBe(200);
    expect(
      (await call(transferProblemFunction, { as: ALICE, ...on(id), body: { toAgentId: 'ag_bob', reason: 'x' } })).json,
    ).toMatchObject({ code: 'PROBLEM.CLOSED' });
    const list = await call(listProblemsFunction, { as: BOB, path: 'problems?state=closed&owner=ag_alice' });
    expect((list.json as { items: Created[] }).items.map((p) => p.id)).toEqual([id]);
    expect((await call(listProblemsFunction, { as: BOB, path: 'problems?state=open' })).status).toBe(422);
    // Every save relayed its events: nothing is left in the problem's outbox.
    const left = await world.store.query('problems', {
      where: [{ field: 'docType', op: 'eq', value: 'outbox' }],
      limit: 5,
    });
    expect(left.items).toEqual([]);
  });

  it('communicates the workaround to every linked incident and tells their owners; resolving tells them too', async () => {
    const first = await anIncident('Outlook hangs on start', BOB);
    const second = await anIncident('Outlook frozen', LEAD);
    const { id } = (await call(createProblemFunction, { as: ALICE, body: { fromTickets: [first.id] } }))
      .json as Created;
    await call(acceptProblemFunction, { as: ALICE, ...on(id) });
    const linked = await call(linkProblemFunction, { as: ALICE, ...on(id), body: { tickets: [second.number] } });
    expect((linked.json as { links: unknown[] }).links).toHaveLength(2);
    expect((await call(communicateWorkaroundFunction, { as: ALICE, ...on(id) })).json).toMatchObject({
      code: 'PROBLEM.NOT_READY',
    });
    await call(updateProblemFunction, { as: ALICE, ...on(id), body: { workaround: 'Start Outlook with /safe' } });
    expect((await call(communicateWorkaroundFunction, { as: BOB, ...on(id) })).json).toMatchObject({
      code: 'PROBLEM.NOT_OWNER',
    });
    const sent = await call(communicateWorkaroundFunction, { as: ALICE, ...on(id) });
    expect(sent.json).toMatchObject({
      tickets: [
        { number: first.number, ownerId: 'ag_bob', ok: true },
        { number: second.number, ownerId: 'ag_lee', ok: true },
      ],
    });
    const timeline = await call(getTimelineFunction, { as: BOB, ...on(first.id) });
    const note = (timeline.json as { items: { kind: string; body: string | null }[] }).items.find(
      (e) => e.kind === 'note',
    );
    expect(note?.body).toContain('Start Outlook with /safe');
    expect((await call(getTicketFunction, { as: BOB, ...on(first.id) })).json).toMatchObject({ ownerId: 'ag_bob' });
    const bell = await call(listNotificationsFunction, { as: BOB });
    expect((bell.json as { items: { kind: string }[] }).items.map((n) => n.kind)).toEqual(['problem.workaround']);
    await call(updateProblemFunction, {
      as: ALICE,
      ...on(id),
      body: { rootCause: { text: 'Corrupt add-in cache', category: 'software' } },
    });
    for (const state of ['assess', 'root_cause_analysis', 'resolved'])
      expect((await call(moveProblemFunction, { as: ALICE, ...on(id), body: { state } })).status).toBe(200);
    const after = await call(listNotificationsFunction, { as: LEAD });
    expect((after.json as { items: { kind: string }[] }).items.map((n) => n.kind).sort()).toEqual([
      'problem.resolved',
      'problem.workaround',
    ]);
    const unlinked = await call(unlinkProblemFunction, {
      as: ALICE,
      ...on(id),
      body: { tickets: [second.id], reason: 'Different cause' },
    });
    expect((unlinked.json as { links: unknown[] }).links).toHaveLength(1);
    expect((await call(getTicketFunction, { as: LEAD, ...on(second.id) })).json).toMatchObject({ links: [] });
  });
});
