import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { acceptTicketFunction } from '../tickets/accept-ticket.function.js';
import { changeStatusFunction } from '../tickets/change-status.function.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { listTicketAssistsFunction } from '../tickets/list-ticket-assists.function.js';
import { requestAssistFunction } from '../tickets/request-assist.function.js';
import { assistActionFunction } from './assist-action.function.js';
import { getAssistFunction } from './get-assist.function.js';
import { listAssistsFunction } from './list-assists.function.js';

const ALICE = 'alice@demo.local';
const DAVE = 'dave@demo.local';
const NINA = 'nina@demo.local';
const BOB = 'bob@demo.local';

type Assist = { id: string; state: string; expertAgentId: string | null };

describe('assist HTTP functions', () => {
  let world: TestWorld;
  let ticketId: string;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);
  const act = (as: string, id: string, action: string, body?: unknown) =>
    call(assistActionFunction, { as, params: { id, action }, ...(body ? { body } : {}) });

  beforeEach(async () => {
    world = await testWorld();
    const created = await call(createTicketFunction, {
      as: ALICE,
      body: { title: 'Orders DB slow', requester: { email: 'tom@customer.example', name: 'Tom' } },
    });
    ticketId = (created.json as { id: string }).id;
    await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
  });

  it('runs two assists in parallel, each with its own state, and never moves the owner', async () => {
    const toDave = await call(requestAssistFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { expert: { agentId: 'ag_dave' }, question: 'Slow query log?', dueAt: '2026-11-26T13:00:00Z' },
    });
    const toNetwork = await call(requestAssistFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { expert: { teamId: 'network' }, question: 'Packet loss?' },
    });
    expect(toDave.status).toBe(201);
    const daveAssist = toDave.json as Assist;
    const networkAssist = toNetwork.json as Assist;
    expect(toDave.headers.get('location')).toBe(`/api/assists/${daveAssist.id}`);

    const ninaInbox = await call(listAssistsFunction, { as: NINA, path: 'assists?expert=me&state=open' });
    expect((ninaInbox.json as { items: Assist[] }).items.map((a) => a.id)).toEqual([networkAssist.id]);
    const daveInbox = await call(listAssistsFunction, { as: DAVE, path: 'assists' });
    expect((daveInbox.json as { items: Assist[] }).items.map((a) => a.id)).toEqual([daveAssist.id]);

    expect(
      (await act(DAVE, daveAssist.id, 'contribute', { body: 'Missing index', proposeReply: true })).json,
    ).toMatchObject({ state: 'accepted' });
    expect((await act(NINA, networkAssist.id, 'accept')).json).toMatchObject({
      state: 'accepted',
      expertAgentId: 'ag_nina',
    });
    expect((await act(DAVE, daveAssist.id, 'answer', { body: 'Index created; fixed.' })).json).toMatchObject({
      state: 'answered',
    });

    const all = await call(listTicketAssistsFunction, { as: ALICE, params: { id: ticketId } });
    expect((all.json as { items: Assist[] }).items.map((a) => a.state)).toEqual(['answered', 'accepted']);

    const resolved = await call(changeStatusFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { status: 'resolved' },
    });
    expect(resolved.json).toMatchObject({ ownerId: 'ag_alice', status: 'resolved', openAssistCount: 0 });
    expect((await call(getAssistFunction, { as: ALICE, params: { id: networkAssist.id } })).json).toMatchObject({
      state: 'withdrawn',
    });
  });

  it('refuses experts acting on assists that are not theirs, and actions that do not exist', async () => {
    const requested = await call(requestAssistFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { expert: { agentId: 'ag_dave' }, question: 'Help?' },
    });
    const id = (requested.json as Assist).id;
    expect((await act(NINA, id, 'answer', { body: 'not mine' })).json).toMatchObject({ code: 'ASSIST.NOT_EXPERT' });
    expect((await act(DAVE, id, 'withdraw')).status).toBe(403);
    expect((await act(DAVE, id, 'explode')).status).toBe(404);
    expect((await act(DAVE, 't_nope.a9', 'accept')).status).toBe(404);
    expect((await act(DAVE, 'garbage', 'accept')).status).toBe(404);
    await act(DAVE, id, 'answer', { body: 'done' });
    expect((await act(DAVE, id, 'answer', { body: 'again' })).json).toMatchObject({ code: 'ASSIST.ALREADY_ANSWERED' });
  });

  it('lets only the owner ask, never themselves, and only known experts', async () => {
    const byBob = await call(requestAssistFunction, {
      as: BOB,
      params: { id: ticketId },
      body: { expert: { agentId: 'ag_dave' }, question: 'x' },
    });
    expect(byBob.json).toMatchObject({ code: 'TICKET.NOT_OWNER' });
    const self = await call(requestAssistFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { expert: { agentId: 'ag_alice' }, question: 'x' },
    });
    expect(self.json).toMatchObject({ code: 'ASSIST.SELF_ASSIST' });
    const ghost = await call(requestAssistFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { expert: { teamId: 'ghosts' }, question: 'x' },
    });
    expect(ghost.json).toMatchObject({ code: 'TEAM.NOT_FOUND' });
    const badDue = await call(requestAssistFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { expert: { teamId: 'network' }, question: 'x', dueAt: 'tomorrow' },
    });
    expect(badDue.status).toBe(422);
  });
});
