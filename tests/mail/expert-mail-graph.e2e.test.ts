/**
 * Assists by email through Microsoft Graph (the simulator), trusted only on Exchange's own
 * headers (ADR 0015): `X-MS-Exchange-Organization-AuthAs: Internal` for a team mailbox inside the
 * organisation, `Authentication-Results ... dmarc=pass` for the external supplier that allows it.
 * The assist mail goes out by `sendMail` with our signed Message-ID; a reply that Exchange did not
 * vouch for, or an external reply to a team that takes only internal mail, performs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTicket, TTimelineEntry } from '../../shared/api/tickets.schemas.js';
import type { SentMail } from '../simulators/graph/sim-mail-model.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type GraphPlatform, SUPPORT_MAILBOX, startGraphPlatform, threadedReply } from './graph-platform.js';

const OWNER = 'alice@demo.local';
const ADMIN = 'admin@demo.local';
const CUSTOMER = 'carla@customer.test';
const SUPPLIER = 'storage@supplier.example';
const NETWORK_MAILBOX = 'network-team@demo.local';

/** A reply as the expert's Outlook writes it: threaded on the assist mail's Message-ID. */
const replyTo = (sent: SentMail, from: string, n: string, text: string) =>
  threadedReply(sent, `Expert <${from}>`, `${n}@expert.test`, text);

describe.each(E2E_STORES)('assists by email through Microsoft Graph (simulator) (%s)', (store) => {
  let g: GraphPlatform;
  beforeAll(async () => {
    g = await startGraphPlatform({ store });
  });
  afterAll(() => g?.stop());

  const api = <T>(as: string, path: string, init?: { method?: string; body?: unknown }) =>
    g.running.api<T>(as, path, init);
  const settle = async () => {
    for (let i = 0; i < 3; i++) await g.settle();
  };
  const quarantine = async () =>
    (await api<{ items: { reason: string; from: string | null }[] }>(ADMIN, 'admin/quarantine?limit=100')).body.items;
  const timeline = async (id: string) =>
    (await api<{ items: TTimelineEntry[] }>(OWNER, `tickets/${id}/timeline?limit=100`)).body.items;

  /** A ticket Alice owns with an assist asked of `teamId`, and the assist mail Graph sent. */
  async function askByMail(teamId: string, question: string) {
    const created = await api<TTicket>('lead@demo.local', 'tickets', {
      body: { title: `Graph assist ${question}`, requester: { email: CUSTOMER, name: 'Carla' }, impact: 2, urgency: 2 },
    });
    expect((await api(OWNER, `tickets/${created.body.id}/accept`, { method: 'POST' })).status).toBe(200);
    const asked = await api<{ id: string }>(OWNER, `tickets/${created.body.id}/assists`, {
      body: { expert: { teamId }, question },
    });
    expect(asked.status).toBe(201);
    await settle();
    const sent = g.sim.sent().filter((m) => m.subject.includes(`Assist: ${question}`));
    expect(sent).toHaveLength(1);
    return { ticket: created.body, assistId: asked.body.id, sent: sent[0] as SentMail };
  }

  it('lets an admin route a team’s assists to its mailbox, and refuses a bad address with 422', async () => {
    const bad = await api(ADMIN, 'teams/network/reach-by-email', {
      method: 'PUT',
      body: { reachByEmail: { address: 'not an address', allowExternal: false } },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const badZone = await api(ADMIN, 'teams/network/reach-by-email', {
      method: 'PUT',
      body: { reachByEmail: { address: NETWORK_MAILBOX, timeZone: 'Mars/Olympus' } },
    });
    expect(badZone.status).toBe(422);
    const notLead = await api('oscar@demo.local', 'teams/service-desk/reach-by-email', {
      method: 'PUT',
      body: { reachByEmail: { address: NETWORK_MAILBOX } },
    });
    expect(notLead.status).toBe(403);
    const set = await api<{ reachByEmail: unknown }>(ADMIN, 'teams/network/reach-by-email', {
      method: 'PUT',
      body: { reachByEmail: { address: NETWORK_MAILBOX, allowExternal: false, timeZone: 'Europe/Vienna' } },
    });
    expect(set.status).toBe(200);
    expect(set.body.reachByEmail).toEqual({
      address: NETWORK_MAILBOX,
      allowExternal: false,
      timeZone: 'Europe/Vienna',
    });
    expect(
      (await api(ADMIN, 'teams/nobody/reach-by-email', { method: 'PUT', body: { reachByEmail: null } })).status,
    ).toBe(404);
  });

  it('takes an internal team mailbox’s answer when Exchange stamps it AuthAs Internal', async () => {
    const { ticket, assistId, sent } = await askByMail('network', 'Is the core switch flapping?');
    expect(sent.via).toBe('sendMail');
    expect(sent.to).toEqual([NETWORK_MAILBOX]);
    expect(sent.internetMessageId).toMatch(/^<itn-m\.[a-z0-9]+\.[a-z0-9]+@demo\.local>$/);

    // The same words from outside: Exchange stamps Anonymous; a dmarc pass is not enough for an internal-only team.
    await g.sim.deliver(
      SUPPORT_MAILBOX,
      replyTo(sent, NETWORK_MAILBOX, 'net-ext', 'answer\nSpoofed from outside.'),
      'send',
      {
        authAs: 'Anonymous',
        authenticationResults: 'spf=pass; dkim=pass; dmarc=pass action=none header.from=demo.local',
      },
    );
    await settle();
    expect((await api<{ state: string }>(OWNER, `assists/${assistId}`)).body.state).toBe('requested');
    expect(
      (await quarantine()).some((q) => q.from === NETWORK_MAILBOX && q.reason.startsWith('unauthenticated: external')),
    ).toBe(true);

    await g.sim.deliver(
      SUPPORT_MAILBOX,
      replyTo(sent, NETWORK_MAILBOX, 'net-int', 'answer\nPort 24 flaps; fixed.'),
      'send',
      {
        authAs: 'Internal',
      },
    );
    await settle();
    expect((await api<{ state: string }>(OWNER, `assists/${assistId}`)).body.state).toBe('answered');
    const answered = (await timeline(ticket.id)).find((e) => e.kind === 'assist_answered');
    expect(answered).toMatchObject({ assistId, visibility: 'internal', body: 'Port 24 flaps; fixed.' });
    expect((await api<TTicket>(OWNER, `tickets/${ticket.id}`)).body.ownerId).toBe('ag_alice');
  });

  it('takes the external supplier’s answer on dmarc=pass, and quarantines it without one', async () => {
    const { ticket, assistId, sent } = await askByMail('storage', 'Is array 5 rebuilding?');
    expect(sent.to).toEqual([SUPPLIER]);

    await g.sim.deliver(SUPPORT_MAILBOX, replyTo(sent, SUPPLIER, 'sup-fail', 'answer\nYes.'), 'send', {
      authAs: 'Anonymous',
      authenticationResults: 'spf=fail; dkim=none; dmarc=fail action=quarantine header.from=supplier.example',
    });
    await settle();
    expect((await api<{ state: string }>(OWNER, `assists/${assistId}`)).body.state).toBe('requested');
    expect((await quarantine()).some((q) => q.from === SUPPLIER && q.reason.startsWith('unauthenticated:'))).toBe(true);

    await g.sim.deliver(SUPPORT_MAILBOX, replyTo(sent, SUPPLIER, 'sup-pass', 'decline not our array'), 'send', {
      authAs: 'Anonymous',
      authenticationResults: 'spf=pass; dkim=pass; dmarc=pass action=none header.from=supplier.example',
    });
    await settle();
    expect((await api<{ state: string }>(OWNER, `assists/${assistId}`)).body.state).toBe('declined');
    const entries = await timeline(ticket.id);
    expect(entries.filter((e) => e.kind === 'email_in' || e.kind === 'email_out')).toEqual([]);
    expect(g.sim.sent().filter((m) => m.to.includes(CUSTOMER) || m.cc.includes(CUSTOMER))).toEqual([]);
  });
});
