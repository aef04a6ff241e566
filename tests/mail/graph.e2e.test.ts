/**
 * End-to-end through the Graph simulator on the real local platform: subscription at start,
 * notification -> inbound queue -> `mail-inbound` -> exactly one ticket, duplicate, forged and dropped
 * notifications, lifecycle events, renewal, 429 with Retry-After, replies in the thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBSCRIPTIONS_PK, type SubscriptionState, stateId } from '../../functions/adapters/graph/graph-state.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { customerMail, type GraphPlatform, SUPPORT_MAILBOX, startGraphPlatform } from './graph-platform.js';

describe.each(E2E_STORES)('Microsoft Graph mail on the local platform (simulator) (%s)', (store) => {
  let g: GraphPlatform;
  const sleeps: number[] = [];
  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${g.running.url}/api/${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  const storedSubscription = async () =>
    (await g.running.composition.store.read<SubscriptionState>('config', SUBSCRIPTIONS_PK, stateId(SUPPORT_MAILBOX)))
      ?.doc;
  /** The customer address of each ticket made from mail with this (unique) subject. */
  const requestersOf = async (subject: string): Promise<string[]> =>
    (await g.ticketsAbout(subject)).map((t) => t.requester.email);
  /** After draining: the one ticket made from `subject`, with the Message-ID of each mail on it. */
  const mailOnTicket = async (subject: string) => {
    const tickets = await g.ticketsAbout(subject);
    expect(tickets.map((t) => t.title)).toEqual([subject]);
    const timeline = await g.timelineOf(tickets[0]?.id ?? '');
    return timeline.filter((e) => e.kind === 'email_in').map((e) => e.data.messageId);
  };

  beforeAll(async () => {
    g = await startGraphPlatform({
      store,
      retrySleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
  });
  afterAll(() => g?.stop());

  it('creates the subscription at start, after Graph validated both webhook URLs', async () => {
    const [sub] = g.sim.subscriptions();
    expect(g.sim.subscriptions()).toHaveLength(1);
    expect(sub).toMatchObject({
      mailbox: SUPPORT_MAILBOX,
      notificationUrl: `${g.running.url}/api/mail/graph/notifications`,
      lifecycleNotificationUrl: `${g.running.url}/api/mail/graph/lifecycle`,
      changeType: 'created',
    });
    expect(await storedSubscription()).toMatchObject({
      subscriptionId: sub?.id,
      expirationDateTime: sub?.expirationDateTime,
    });
  });

  it('answers the validation handshake with the decoded token as text/plain', async () => {
    const token = 'Validation: Testing client application reachability + ünïcode';
    const response = await fetch(
      `${g.running.url}/api/mail/graph/notifications?validationToken=${encodeURIComponent(token)}`,
      { method: 'POST' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(token);
  });

  it('turns a notification into exactly one ticket through the inbound-mail queue', async () => {
    const { notified } = await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-1', 'VPN down e2e-1'));
    expect(notified.map((n) => n.status)).toEqual([202]);
    await g.settle();
    expect(await requestersOf('VPN down e2e-1')).toEqual(['carla@customer.test']);
    expect(await mailOnTicket('VPN down e2e-1')).toEqual(['e2e-1@customer.test']);
  });

  it('collapses duplicate notifications into one ticket with one email_in entry', async () => {
    const { notified } = await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-dup', 'Duplicate e2e-dup'), 'twice');
    expect(notified.map((n) => n.status)).toEqual([202, 202]);
    await g.settle();
    expect(await requestersOf('Duplicate e2e-dup')).toEqual(['carla@customer.test']);
    expect(await mailOnTicket('Duplicate e2e-dup')).toEqual(['e2e-dup@customer.test']);
  });

  it('ignores an item whose clientState does not match: no ticket is made from it', async () => {
    const { message } = await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-forged', 'Forged e2e-forged'), 'drop');
    const [result] = await g.sim.notify(SUPPORT_MAILBOX, message.id, { clientState: 'forged-client-state-000000' });
    expect(result?.status).toBe(202);
    await g.settle();
    expect(await requestersOf('Forged e2e-forged')).toEqual([]);
    // The same notification with our clientState is processed, so the empty list above is the check's doing.
    const [trusted] = await g.sim.notify(SUPPORT_MAILBOX, message.id);
    expect(trusted?.status).toBe(202);
    await g.settle();
    expect(await requestersOf('Forged e2e-forged')).toEqual(['carla@customer.test']);
  });

  it('refuses a body that is not JSON with 400 problem+json', async () => {
    const response = await post('mail/graph/notifications', '{"value": [');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('finds a message whose notification was dropped with the delta catch-up timer', async () => {
    await g.runTimer('graph-delta-catch-up'); // first round: takes the current state
    await g.settle();
    await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-dropped', 'Dropped e2e-dropped'), 'drop');
    await g.settle();
    expect(await requestersOf('Dropped e2e-dropped')).toEqual([]);
    await g.runTimer('graph-delta-catch-up');
    await g.settle();
    expect(await requestersOf('Dropped e2e-dropped')).toEqual(['carla@customer.test']);
    expect(await mailOnTicket('Dropped e2e-dropped')).toEqual(['e2e-dropped@customer.test']);
  });

  it('resyncs with delta on a `missed` lifecycle event', async () => {
    await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-missed', 'Missed e2e-missed'), 'drop');
    await g.settle();
    expect(await requestersOf('Missed e2e-missed')).toEqual([]);
    const sub = g.sim.subscriptions()[0];
    expect((await g.sim.lifecycle(sub?.id ?? '', 'missed')).status).toBe(202);
    await g.settle();
    expect(await requestersOf('Missed e2e-missed')).toEqual(['carla@customer.test']);
    expect(await mailOnTicket('Missed e2e-missed')).toEqual(['e2e-missed@customer.test']);
  });

  it('renews on `reauthorizationRequired`, storing the expiry Graph granted', async () => {
    g.sim.setMaxSubscriptionMinutes(20);
    const sub = g.sim.subscriptions()[0];
    expect((await g.sim.lifecycle(sub?.id ?? '', 'reauthorizationRequired')).status).toBe(202);
    await g.graph.notifications.settled();
    const renewed = g.sim.subscriptions()[0];
    expect(renewed?.id).toBe(sub?.id);
    expect(Date.parse(renewed?.expirationDateTime ?? '') - Date.now()).toBeLessThanOrEqual(20 * 60_000);
    expect((await storedSubscription())?.expirationDateTime).toBe(renewed?.expirationDateTime);
  });

  it('renews early from the renewal timer and recreates a subscription Graph forgot (404)', async () => {
    const before = g.sim.subscriptions()[0];
    const patches = () =>
      g.sim.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/subscriptions/')).length;
    const patched = patches();
    await g.runTimer('graph-subscriptions-renew'); // 20 min granted: inside the 30 min margin, so renewed now
    expect(patches()).toBe(patched + 1);
    g.sim.forgetSubscription(before?.id ?? '');
    await g.runTimer('graph-subscriptions-renew');
    const after = g.sim.subscriptions();
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(before?.id);
    expect((await storedSubscription())?.subscriptionId).toBe(after[0]?.id);
    g.sim.setMaxSubscriptionMinutes(4_230);
  });

  it('recreates the subscription and resyncs on `subscriptionRemoved`', async () => {
    const old = g.sim.subscriptions()[0];
    await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-removed', 'Removed e2e-removed'), 'drop');
    await g.settle();
    expect(await requestersOf('Removed e2e-removed')).toEqual([]);
    expect((await g.sim.lifecycle(old?.id ?? '', 'subscriptionRemoved')).status).toBe(202);
    await g.settle();
    const now = g.sim.subscriptions();
    expect(now).toHaveLength(1);
    expect(now[0]?.id).not.toBe(old?.id);
    expect(await requestersOf('Removed e2e-removed')).toEqual(['carla@customer.test']);
    expect(await mailOnTicket('Removed e2e-removed')).toEqual(['e2e-removed@customer.test']);
    // Notifications reach us through the new subscription.
    const next = await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-after-removed', 'After removal e2e-after'));
    expect(next.notified.map((n) => n.subscriptionId)).toEqual([now[0]?.id]);
    await g.settle();
    expect(await requestersOf('After removal e2e-after')).toEqual(['carla@customer.test']);
  });

  it('honours Retry-After when Graph throttles the fetch of a queued message', async () => {
    const { message } = await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-429', 'Throttled'), 'drop');
    g.sim.inject({ status: 429, retryAfterSeconds: 1, pathIncludes: '$value' });
    sleeps.length = 0;
    const started = Date.now();
    const fetched = await g.graph.mailbox.fetch({
      provider: 'graph',
      mailbox: SUPPORT_MAILBOX,
      providerMessageId: message.id,
    });
    expect(fetched.internetMessageId).toBe('<e2e-429@customer.test>');
    expect(sleeps).toEqual([1_000]);
    const hits = g.sim.requests.filter((r) => r.path.includes('/$value'));
    const [throttled, retried] = hits.slice(-2);
    expect(throttled?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect((retried?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('replies through `reply` in the customer thread, with our x-itil-ticket header', async () => {
    const { message } = await g.sim.deliver(SUPPORT_MAILBOX, customerMail('e2e-reply', 'Printer [INC-1001]'), 'drop');
    await g.graph.mailbox.send({
      messageId: '<signed.INC-1001@itil-next.test>',
      from: { address: SUPPORT_MAILBOX, name: 'Support' },
      to: [{ address: 'carla@customer.test', name: 'Carla' }],
      cc: [],
      subject: 'Re: Printer [INC-1001]',
      text: 'Fixed.',
      html: null,
      inReplyTo: '<e2e-reply@customer.test>',
      references: ['<e2e-reply@customer.test>'],
      headers: {},
      attachments: [],
      replyToProviderMessageId: message.id,
    });
    expect(g.sim.sent().at(-1)).toMatchObject({
      via: 'reply',
      inReplyTo: '<e2e-reply@customer.test>',
      conversationId: message.conversationId,
      headers: { 'x-itil-ticket': '<signed.INC-1001@itil-next.test>' },
    });
  });
});
