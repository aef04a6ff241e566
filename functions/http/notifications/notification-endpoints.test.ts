/**
 * The notification endpoints with real HttpRequest objects over the in-memory test world: the
 * list (newest first, unread filter), marking one or all read, the bell's unread count, and
 * the caller's preferences (GET defaults, PUT then GET, invalid input refused).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationKind } from '../../../shared/notifications/notification.js';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { listNotificationsFunction } from './list-notifications.function.js';
import { markAllNotificationsReadFunction } from './mark-all-read.function.js';
import { markNotificationReadFunction } from './mark-read.function.js';
import { getNotificationPreferencesFunction, putNotificationPreferencesFunction } from './preferences.function.js';
import { unreadCountFunction } from './unread-count.function.js';

type Item = { id: string; title: string; kind: string; readAt: string | null };
type Page = { items: Item[]; unread: number; nextCursor: string | null };
type Prefs = { inApp: Record<string, boolean>; email: Record<string, boolean> };

let w: TestWorld;
beforeEach(async () => {
  w = await testWorld();
});

/** Tells `agentId` something, one minute after the previous notification. */
async function tell(agentId: string, title: string, kind: NotificationKind = 'rule.notify'): Promise<void> {
  await w.services.orchestra.notifications.notify({
    sourceId: `src-${title}`,
    kind,
    recipients: [agentId],
    ticket: null,
    title,
    body: 'b',
    author: null,
  });
  w.clock.advance(60_000);
}

const list = (as: string, query = '') =>
  invoke(listNotificationsFunction, w.services, { path: `notifications${query}`, as });
const unread = async (as: string) =>
  ((await invoke(unreadCountFunction, w.services, { as })).json as { unread: number }).unread;
const markRead = (as: string, id: string) =>
  invoke(markNotificationReadFunction, w.services, {
    path: `notifications/${encodeURIComponent(id)}/read`,
    params: { id },
    as,
  });

describe('notifications over HTTP', () => {
  it('lists the caller’s notifications newest first, with the unread count', async () => {
    await tell('ag_alice', 'first');
    await tell('ag_alice', 'second');
    await tell('ag_bob', 'for bob');
    const res = await list('alice@demo.local');
    expect(res.status).toBe(200);
    const page = res.json as Page;
    expect(page.items.map((n) => n.title)).toEqual(['second', 'first']);
    expect(page.unread).toBe(2);
  });

  it('marks one read, which lowers the unread count and the unread-only list', async () => {
    await tell('ag_alice', 'first');
    await tell('ag_alice', 'second');
    const [newest] = ((await list('alice@demo.local')).json as Page).items;
    const res = await markRead('alice@demo.local', newest?.id ?? '');
    expect(res.status).toBe(200);
    expect((res.json as { unread: number }).unread).toBe(1);
    expect(await unread('alice@demo.local')).toBe(1);
    const unreadOnly = (await list('alice@demo.local', '?unread=true')).json as Page;
    expect(unreadOnly.items.map((n) => n.title)).toEqual(['first']);
  });

  it('answers 404 for someone else’s notification and leaves it unread', async () => {
    await tell('ag_alice', 'private');
    const [mine] = ((await list('alice@demo.local')).json as Page).items;
    const res = await markRead('bob@demo.local', mine?.id ?? '');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await unread('alice@demo.local')).toBe(1);
  });

  it('marks everything read at once', async () => {
    for (const t of ['a', 'b', 'c']) await tell('ag_alice', t);
    await tell('ag_bob', 'bob keeps his');
    const res = await invoke(markAllNotificationsReadFunction, w.services, { as: 'alice@demo.local' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ marked: 3, unread: 0 });
    expect(await unread('alice@demo.local')).toBe(0);
    expect(await unread('bob@demo.local')).toBe(1);
    expect(((await list('alice@demo.local', '?unread=true')).json as Page).items).toEqual([]);
  });

  it('refuses a bad query with 422', async () => {
    const res = await list('alice@demo.local', '?limit=0');
    expect(res.status).toBe(422);
  });
});

describe('notification preferences over HTTP', () => {
  const get = (as = 'alice@demo.local') => invoke(getNotificationPreferencesFunction, w.services, { as });
  const put = (body: unknown, as = 'alice@demo.local') =>
    invoke(putNotificationPreferencesFunction, w.services, { body, as });

  it('starts with everything in-app and email for what needs action', async () => {
    const prefs = (await get()).json as Prefs;
    expect(Object.values(prefs.inApp).every(Boolean)).toBe(true);
    expect(prefs.email['ticket.assigned']).toBe(true);
    expect(prefs.email['sla.warning']).toBe(false);
  });

  it('stores what the caller switched, for the caller only', async () => {
    const res = await put({
      inApp: { 'sla.warning': false },
      email: { 'sla.warning': true, 'ticket.assigned': false },
    });
    expect(res.status).toBe(200);
    const prefs = (await get()).json as Prefs;
    expect(prefs.inApp['sla.warning']).toBe(false);
    expect(prefs.email['sla.warning']).toBe(true);
    expect(prefs.email['ticket.assigned']).toBe(false);
    expect(prefs.inApp['ticket.assigned']).toBe(true);
    expect(((await get('bob@demo.local')).json as Prefs).inApp['sla.warning']).toBe(true);
  });

  it('and then no longer shows that kind in-app', async () => {
    await put({ inApp: { 'sla.warning': false }, email: {} });
    await tell('ag_alice', 'warned', 'sla.warning');
    await tell('ag_alice', 'told', 'rule.notify');
    expect(((await list('alice@demo.local')).json as Page).items.map((n) => n.title)).toEqual(['told']);
  });

  it.each([
    [{ inApp: { 'no.such.kind': true }, email: {} }],
    [{ inApp: {} }],
    [{ inApp: { 'sla.warning': 'yes' }, email: {} }],
  ])('refuses %j with 422 problem+json', async (body) => {
    const res = await put(body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await get()).json as Prefs).inApp['sla.warning']).toBe(true);
  });
});
