import { beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { assistActionFunction } from '../assists/assist-action.function.js';
import { acceptTicketFunction } from '../tickets/accept-ticket.function.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { getTicketFunction } from '../tickets/get-ticket.function.js';
import { requestAssistFunction } from '../tickets/request-assist.function.js';
import {
  applyWorkaroundFunction,
  editKnownErrorFunction,
  knownErrorSuggestionsFunction,
  promoteAssistFunction,
  publishKnownErrorFunction,
  redraftKnownErrorFunction,
  retireKnownErrorFunction,
} from './known-error-commands.functions.js';
import {
  createKnownErrorFunction,
  getKnownErrorFunction,
  knownErrorCandidatesFunction,
  knownErrorVersionsFunction,
  listKnownErrorsFunction,
} from './known-errors.functions.js';

const ALICE = 'alice@demo.local';
const BOB = 'bob@demo.local';
const DAVE = 'dave@demo.local';

const vpn = {
  title: 'VPN client drops every 10 minutes on Windows 11',
  symptoms: 'The GlobalProtect VPN disconnects after about ten minutes; users see error 0x80070005 and must reconnect.',
  rootCause: 'Power saving on the Wi-Fi adapter suspends the tunnel.',
  workaround: 'Disable "Allow the computer to turn off this device" on the Wi-Fi adapter, then reconnect.',
  errorCodes: ['0x80070005'],
  problemId: 'prb_not_here_yet',
};

type Ke = { id: string; number: string; status: string; version: number; useCount: number };

describe('known error HTTP functions', () => {
  let world: TestWorld;
  let dispatched = 0;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);
  const on = (id: string) => ({ params: { id } });
  /** Delivers the events published so far (the test bus records them), as the queue would. */
  const deliver = async () => {
    const published = world.bus.published.slice(dispatched);
    dispatched = world.bus.published.length;
    for (const p of published) await world.services.events.dispatch(p.message.body as DomainEvent);
  };
  const ticket = async (title: string, description = '') => {
    const created = await call(createTicketFunction, {
      as: ALICE,
      body: { title, description, requester: { email: 'tom@customer.example', name: 'Tom' } },
    });
    const { id } = created.json as { id: string };
    await call(acceptTicketFunction, { as: ALICE, ...on(id) });
    return id;
  };
  const published = async () => {
    const created = (await call(createKnownErrorFunction, { as: ALICE, body: vpn })).json as Ke;
    await call(publishKnownErrorFunction, { as: ALICE, ...on(created.id) });
    await deliver();
    return created;
  };

  beforeEach(async () => {
    world = await testWorld();
    dispatched = 0;
  });

  it('writes a numbered draft with a Location, readable by id or number, with a problem that need not exist', async () => {
    const created = await call(createKnownErrorFunction, { as: ALICE, body: vpn });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      number: 'KE-1001',
      status: 'draft',
      version: 1,
      problemId: 'prb_not_here_yet',
    });
    expect(created.json).not.toHaveProperty('knownErrorId');
    const { id } = created.json as Ke;
    expect(created.headers.get('location')).toBe(`/api/known-errors/${id}`);
    expect((await call(getKnownErrorFunction, { as: BOB, ...on('ke-1001') })).json).toMatchObject({ id });
    expect((await call(getKnownErrorFunction, { as: BOB, ...on('KE-9999') })).status).toBe(404);
  });

  it.each([
    ['an unknown field', { ...vpn, ownerId: 'x' }],
    ['an empty title', { ...vpn, title: ' ' }],
    ['too many error codes', { ...vpn, errorCodes: Array.from({ length: 51 }, (_, i) => `E${i}`) }],
  ])('refuses %s as problem+json', async (_case, body) => {
    const refused = await call(createKnownErrorFunction, { as: ALICE, body });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('makes every edit a new version and keeps the old ones; a stale If-Match is refused', async () => {
    const created = await call(createKnownErrorFunction, { as: ALICE, body: vpn });
    const { id } = created.json as Ke;
    const etag = created.headers.get('etag') as string;
    const edited = await call(editKnownErrorFunction, {
      as: BOB,
      ...on(id),
      headers: { 'if-match': etag },
      body: { workaround: 'Update the Wi-Fi driver to 23.40 or later.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ version: 2, workaround: 'Update the Wi-Fi driver to 23.40 or later.' });
    const stale = await call(editKnownErrorFunction, {
      as: BOB,
      ...on(id),
      headers: { 'if-match': etag },
      body: { title: 'x' },
    });
    expect(stale.status).toBe(412);
    expect((await call(editKnownErrorFunction, { as: BOB, ...on(id), body: {} })).status).toBe(422);
    const versions = (await call(knownErrorVersionsFunction, { as: BOB, ...on(id) })).json as {
      items: { version: number; change: string; workaround: string }[];
    };
    expect(versions.items.map((v) => [v.version, v.change])).toEqual([
      [2, 'edit'],
      [1, 'created'],
    ]);
    expect(versions.items[1]?.workaround).toBe(vpn.workaround);
  });

  it('follows the table: publish, retire, redraft; an illegal move is a 409', async () => {
    const { id } = (await call(createKnownErrorFunction, { as: ALICE, body: vpn })).json as Ke;
    expect((await call(redraftKnownErrorFunction, { as: ALICE, ...on(id) })).json).toMatchObject({
      code: 'KNOWN_ERROR.ILLEGAL_TRANSITION',
    });
    expect((await call(publishKnownErrorFunction, { as: ALICE, ...on(id) })).json).toMatchObject({
      status: 'published',
    });
    expect((await call(publishKnownErrorFunction, { as: ALICE, ...on(id) })).status).toBe(409);
    expect((await call(retireKnownErrorFunction, { as: ALICE, ...on(id) })).json).toMatchObject({ status: 'retired' });
    expect((await call(redraftKnownErrorFunction, { as: ALICE, ...on(id) })).json).toMatchObject({ status: 'draft' });
    const list = (await call(listKnownErrorsFunction, { as: BOB, path: 'known-errors?status=draft' })).json as {
      items: Ke[];
    };
    expect(list.items.map((k) => k.id)).toEqual([id]);
  });

  it('refuses to publish a known error with neither workaround nor root cause', async () => {
    const { id } = (await call(createKnownErrorFunction, { as: ALICE, body: { title: 'Something odd' } })).json as Ke;
    const refused = await call(publishKnownErrorFunction, { as: ALICE, ...on(id) });
    expect([refused.status, (refused.json as { code: string }).code]).toEqual([422, 'KNOWN_ERROR.INCOMPLETE']);
  });

  it('suggests a published known error for an incident that describes it, and stops once it is retired', async () => {
    const incident = await ticket('VPN keeps disconnecting', 'GlobalProtect drops after ten minutes with 0x80070005');
    const before = (await call(knownErrorSuggestionsFunction, { as: ALICE, ...on(incident) })).json as { items: [] };
    expect(before.items).toEqual([]);
    const ke = await published();
    const after = (await call(knownErrorSuggestionsFunction, { as: ALICE, ...on(incident) })).json as {
      items: { knownError: Ke; score: number; matches: { field: string }[] }[];
    };
    expect(after.items.map((s) => s.knownError.number)).toEqual([ke.number]);
    expect(after.items[0]?.matches.map((m) => m.field)).toContain('errorCodes');
    await call(retireKnownErrorFunction, { as: ALICE, ...on(ke.id) });
    await deliver();
    expect(await world.services.knownErrorIndex.index.count()).toBe(0);
    const gone = (await call(knownErrorSuggestionsFunction, { as: ALICE, ...on(incident) })).json as { items: [] };
    expect(gone.items).toEqual([]);
    expect((await call(knownErrorSuggestionsFunction, { as: ALICE, ...on('INC-9999') })).status).toBe(404);
  });

  it('applies the workaround as a note: the incident links to the known error and the use is counted', async () => {
    const incident = await ticket('VPN keeps disconnecting');
    const ke = await published();
    const applied = await call(applyWorkaroundFunction, {
      as: ALICE,
      ...on(ke.number),
      body: { ticketId: incident, as: 'note' },
    });
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ noted: true, knownError: { useCount: 1 } });
    expect((applied.json as { text: string }).text).toContain(vpn.workaround);
    const t = (await call(getTicketFunction, { as: ALICE, ...on(incident) })).json as {
      ownerId: string;
      links: { kind: string; practice: string; number: string }[];
    };
    expect(t.links).toEqual([
      expect.objectContaining({ kind: 'workaround_from', practice: 'known_error', number: ke.number }),
    ]);
    expect(t.ownerId).toBe('ag_alice');
    // As a reply: the text for the draft, the link already there (no second one), counted again.
    const reply = await call(applyWorkaroundFunction, {
      as: ALICE,
      ...on(ke.id),
      body: { ticketId: incident, as: 'reply' },
    });
    expect(reply.json).toMatchObject({ noted: false, knownError: { useCount: 2 } });
  });

  it('refuses to apply a draft', async () => {
    const incident = await ticket('VPN keeps disconnecting');
    const { id } = (await call(createKnownErrorFunction, { as: ALICE, body: vpn })).json as Ke;
    const refused = await call(applyWorkaroundFunction, {
      as: ALICE,
      ...on(id),
      body: { ticketId: incident, as: 'note' },
    });
    expect([refused.status, (refused.json as { code: string }).code]).toEqual([409, 'KNOWN_ERROR.NOT_PUBLISHED']);
  });

  it('promotes an answered assist into a draft once, by owner or expert only, into the candidates queue', async () => {
    const incident = await ticket('Orders DB slow at month end', 'Order entry times out, orders database slow');
    for (const title of ['Orders database slow again', 'Order entry slow: orders database timeouts'])
      await ticket(title, 'orders database slow, timeouts in order entry');
    const assist = (
      await call(requestAssistFunction, {
        as: ALICE,
        ...on(incident),
        body: { expert: { agentId: 'ag_dave' }, question: 'Why is the orders database slow at month end?' },
      })
    ).json as { id: string };
    const promote = (as: string) => call(promoteAssistFunction, { as, params: { id: incident, assistId: assist.id } });
    expect((await promote(ALICE)).json).toMatchObject({ code: 'ASSIST.NOT_ANSWERED' });
    await call(assistActionFunction, {
      as: DAVE,
      params: { id: assist.id, action: 'answer' },
      body: { body: 'The month-end report locks the orders table; run it on the replica.' },
    });
    expect((await promote(BOB)).status).toBe(403);
    const made = await promote(DAVE);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      status: 'draft',
      title: 'Orders DB slow at month end',
      symptoms: 'Why is the orders database slow at month end?',
      workaround: 'The month-end report locks the orders table; run it on the replica.',
      source: { kind: 'assist', assistId: assist.id },
    });
    expect((await promote(ALICE)).json).toMatchObject({ id: (made.json as Ke).id });
    await deliver();
    const queue = (await call(knownErrorCandidatesFunction, { as: BOB })).json as {
      items: { knownError: Ke; similarIncidents: number }[];
    };
    expect(queue.items.map((c) => c.knownError.id)).toEqual([(made.json as Ke).id]);
    expect(queue.items[0]?.similarIncidents).toBeGreaterThanOrEqual(2);
  });
});
