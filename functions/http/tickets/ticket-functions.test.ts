import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { acceptTicketFunction } from './accept-ticket.function.js';
import { addNoteFunction } from './add-note.function.js';
import { changeStatusFunction } from './change-status.function.js';
import { createTicketFunction } from './create-ticket.function.js';
import { getTicketFunction } from './get-ticket.function.js';
import { getTimelineFunction } from './get-timeline.function.js';
import { listTicketsFunction } from './list-tickets.function.js';
import { replyFunction } from './reply.function.js';
import { transferTicketFunction } from './transfer-ticket.function.js';
import { updateTicketFunction } from './update-ticket.function.js';

const ALICE = 'alice@demo.local';
const BOB = 'bob@demo.local';
const LEAD = 'lead@demo.local';
const DAVE = 'dave@demo.local';

const newTicket = {
  title: 'VPN drops every hour',
  requester: { email: 'Pat@Customer.example', name: 'Pat' },
  impact: 2,
  urgency: 1,
};

describe('ticket HTTP functions', () => {
  let world: TestWorld;
  let ticketId: string;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);

  beforeEach(async () => {
    world = await testWorld();
    const created = await call(createTicketFunction, { as: LEAD, body: newTicket });
    ticketId = (created.json as { id: string }).id;
  });

  it('creates an unowned ticket with a number, a priority from the matrix and a Location', async () => {
    const created = await call(createTicketFunction, { as: ALICE, body: { ...newTicket, type: 'service_request' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      number: 'REQ-1001',
      priority: 'P2',
      ownerId: null,
      status: 'new',
      requester: { email: 'pat@customer.example' },
    });
    expect(created.headers.get('location')).toBe(`/api/tickets/${(created.json as { id: string }).id}`);
    expect(created.headers.get('etag')).toMatch(/^".+"$/);
  });

  it.each([
    ['unknown field', { body: { ...newTicket, owner: 'ag_alice' } }, 422, 'REQUEST.VALIDATION_FAILED'],
    ['wrong type', { body: { ...newTicket, impact: 'high' } }, 422, 'REQUEST.VALIDATION_FAILED'],
    ['malformed JSON', { rawBody: '{"title": ' }, 400, 'REQUEST.INVALID_JSON'],
    [
      'not JSON at all',
      { rawBody: 'title=x', headers: { 'content-type': 'text/plain' } },
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    ],
    ['oversize body', { body: { ...newTicket, description: 'x'.repeat(1_100_000) } }, 413, 'REQUEST.TOO_LARGE'],
  ])('refuses a create with %s as problem+json', async (_name, options, status, code) => {
    const response = await call(createTicketFunction, { as: ALICE, ...options });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.json).toMatchObject({ status, code });
  });

  it('answers 401 without credentials and 403 for an unknown person', async () => {
    expect((await call(getTicketFunction, { params: { id: ticketId } })).status).toBe(401);
    const stranger = await call(getTicketFunction, { as: 'mallory@evil.example', params: { id: ticketId } });
    expect(stranger.status).toBe(403);
    expect(stranger.json).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('reads a ticket by id or by number, with an ETag; a bad id is a 404, never a 500', async () => {
    const byId = await call(getTicketFunction, { as: ALICE, params: { id: ticketId } });
    const byNumber = await call(getTicketFunction, { as: ALICE, params: { id: 'inc-1001' } });
    expect(byNumber.json).toEqual(byId.json);
    expect(byId.headers.get('etag')).toBeTruthy();
    expect((await call(getTicketFunction, { as: ALICE, params: { id: 't_missing' } })).status).toBe(404);
    expect((await call(getTicketFunction, { as: ALICE, params: { id: '../../etc/passwd' } })).status).toBe(404);
  });

  it('lets exactly one agent accept; the second gets 409 TICKET.ALREADY_OWNED and the owner stays', async () => {
    const first = await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
    const second = await call(acceptTicketFunction, { as: BOB, params: { id: ticketId } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ ownerId: 'ag_alice', status: 'open' });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ code: 'TICKET.ALREADY_OWNED' });
  });

  it('runs a command again on the fresh ticket when a background write lands in between (no If-Match)', async () => {
    await call(acceptTicketFunction, { as: LEAD, params: { id: ticketId } });
    // A background writer (rules, routing, SLA timer) saves the ticket right before the transfer does.
    const batch = world.store.batch.bind(world.store);
    let interfered = false;
    world.store.batch = async (container, pk, operations) => {
      if (!interfered && pk === ticketId) {
        interfered = true;
        const current = await world.store.read('tickets', ticketId, ticketId);
        if (current) await batch('tickets', ticketId, [{ op: 'replace', doc: current.doc, ifMatch: current.etag }]);
      }
      return batch(container, pk, operations);
    };
    const alice = world.actor(ALICE);
    const moved = await call(transferTicketFunction, {
      as: LEAD,
      params: { id: ticketId },
      body: { toAgentId: alice.agentId, reason: 'Alice knows this model' },
    });
    expect(interfered).toBe(true);
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ ownerId: alice.agentId });
  });

  it('refuses accept to an expert (403) and a stale If-Match (412)', async () => {
    expect((await call(acceptTicketFunction, { as: DAVE, params: { id: ticketId } })).status).toBe(403);
    const before = await call(getTicketFunction, { as: ALICE, params: { id: ticketId } });
    await call(addNoteFunction, { as: BOB, params: { id: ticketId }, body: { body: 'looking' } });
    const stale = await call(acceptTicketFunction, {
      as: ALICE,
      params: { id: ticketId },
      headers: { 'if-match': before.headers.get('etag') as string },
    });
    expect(stale.status).toBe(412);
    expect(stale.json).toMatchObject({ code: 'REQUEST.PRECONDITION_FAILED' });
  });

  it('transfers only with a reason and only by the owner or a lead', async () => {
    await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
    const byBob = await call(transferTicketFunction, {
      as: BOB,
      params: { id: ticketId },
      body: { toAgentId: 'ag_bob', reason: 'mine now' },
    });
    expect(byBob.json).toMatchObject({ code: 'TICKET.NOT_OWNER' });
    const noReason = await call(transferTicketFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { toAgentId: 'ag_bob', reason: ' ' },
    });
    expect(noReason.status).toBe(422);
    const toNobody = await call(transferTicketFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { toAgentId: 'ag_nobody', reason: 'x' },
    });
    expect(toNobody.json).toMatchObject({ code: 'AGENT.NOT_FOUND' });
    const byLead = await call(transferTicketFunction, {
      as: LEAD,
      params: { id: ticketId },
      body: { toAgentId: 'ag_bob', reason: 'Alice is on leave' },
    });
    expect(byLead.json).toMatchObject({ ownerId: 'ag_bob' });
  });

  it('edits fields (priority follows impact/urgency) and replies, and the timeline tells it in order', async () => {
    await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
    const patched = await call(updateTicketFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { impact: 1, urgency: 1, tags: ['vpn'] },
    });
    expect(patched.json).toMatchObject({ priority: 'P1', tags: ['vpn'] });
    const emptyPatch = await call(updateTicketFunction, { as: ALICE, params: { id: ticketId }, body: {} });
    expect(emptyPatch.status).toBe(422);
    const replied = await call(replyFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { body: 'Please restart the client.', status: 'pending' },
    });
    expect(replied.json).toMatchObject({ status: 'pending' });
    expect((await call(replyFunction, { as: BOB, params: { id: ticketId }, body: { body: 'me too' } })).status).toBe(
      403,
    );
    const timeline = await call(getTimelineFunction, { as: DAVE, params: { id: ticketId } });
    const kinds = (timeline.json as { items: { kind: string }[] }).items.map((e) => e.kind);
    expect(kinds).toEqual(['ticket_created', 'owner_changed', 'fields_changed', 'email_out', 'status_changed']);
  });

  it('resolves only for the owner, and refuses an illegal move with both states named', async () => {
    const unowned = await call(changeStatusFunction, {
      as: LEAD,
      params: { id: ticketId },
      body: { status: 'resolved' },
    });
    expect(unowned.json).toMatchObject({ code: 'TICKET.NOT_OWNER' });
    await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
    const closed = await call(changeStatusFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { status: 'closed' },
    });
    expect(closed.status).toBe(409);
    expect(closed.json).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', from: 'open', to: 'closed' });
    const resolved = await call(changeStatusFunction, {
      as: ALICE,
      params: { id: ticketId },
      body: { status: 'resolved', reason: 'fixed' },
    });
    expect(resolved.json).toMatchObject({ status: 'resolved', ownerId: 'ag_alice' });
  });

  it('lists queues with filters and an opaque cursor that pages through everything once', async () => {
    for (let i = 0; i < 6; i++) {
      world.clock.advance(1_000);
      await call(createTicketFunction, { as: LEAD, body: { ...newTicket, title: `Printer ${i}` } });
    }
    await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `owner=none&status=new&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await call(listTicketsFunction, { as: ALICE, path: `tickets?${query}` });
      const body = page.json as { items: { id: string; ownerId: string | null }[]; nextCursor: string | null };
      expect(body.items.every((t) => t.ownerId === null)).toBe(true);
      seen.push(...body.items.map((t) => t.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const mine = await call(listTicketsFunction, { as: ALICE, path: 'tickets?owner=me' });
    expect((mine.json as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([ticketId]);
    // The text search reads the full-text index, fed by domain events (not dispatched in this world).
    await world.services.search.indexer.rebuild();
    const search = await call(listTicketsFunction, { as: ALICE, path: 'tickets?q=PRINTER%203' });
    expect((search.json as { items: { title: string }[] }).items.map((t) => t.title)).toEqual(['Printer 3']);
    expect((await call(listTicketsFunction, { as: ALICE, path: 'tickets?status=bogus' })).status).toBe(422);
    expect((await call(listTicketsFunction, { as: ALICE, path: 'tickets?cursor=garbage' })).status).toBe(422);
  });

  it('publishes one event per change through the outbox and leaves no outbox behind', async () => {
    await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
    await call(addNoteFunction, { as: ALICE, params: { id: ticketId }, body: { body: 'note' } });
    expect(world.bus.types()).toEqual(['ticket.created', 'ticket.owner_changed', 'ticket.note_added']);
    const leftovers = await world.store.query('tickets', {
      where: [{ field: 'docType', op: 'eq', value: 'outbox' }],
      limit: 10,
    });
    expect(leftovers.items).toHaveLength(0);
  });

  it('keeps events in the outbox when the bus is down, and the sweep delivers them later', async () => {
    world.bus.failNext = 1;
    await call(acceptTicketFunction, { as: ALICE, params: { id: ticketId } });
    expect(world.bus.types()).not.toContain('ticket.owner_changed');
    expect(await world.services.relay.sweep()).toBe(1);
    expect(world.bus.types()).toContain('ticket.owner_changed');
  });
});
