/**
 * NotificationService over in-memory ports: preferences decide the in-app and email channels
 * per kind, the author of a change is never told about it, and email alerts about one ticket
 * coalesce into one digest mail listing every change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../infra/seed/demo-organisation.js';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { ManualClock } from '../../tests/support/test-services.js';
import { DirectoryRepository } from '../directory/directory-repository.js';
import { type ActorRef, systemActor } from '../kernel/actor.js';
import { COALESCE_MS, EmailDigests } from './email-digest.js';
import { MemoryAlertMailer } from './mailbox-alert-mailer.js';
import type { NotificationKind, NotifyRequest } from './notification.js';
import { NotificationService } from './notification-service.js';
import { NotificationStore } from './notification-store.js';

const TICKET = { id: 'tk1', number: 'INC-0001', title: 'VPN down' };
let clock: ManualClock;
let mailer: MemoryAlertMailer;
let service: NotificationService;
let seq = 0;

beforeEach(async () => {
  const store = new InMemoryDocumentStore();
  const directory = new DirectoryRepository(store);
  for (const agent of DEMO_AGENTS) await directory.saveAgent(agent);
  clock = new ManualClock();
  mailer = new MemoryAlertMailer();
  service = new NotificationService(new NotificationStore(store), new EmailDigests(store, mailer), directory, clock);
});

const request = (over: Partial<NotifyRequest> = {}): NotifyRequest => ({
  sourceId: `ev${++seq}`,
  kind: 'ticket.assigned',
  recipients: ['ag_alice'],
  ticket: TICKET,
  title: `change ${seq}`,
  body: 'details',
  author: null,
  ...over,
});
const inApp = async (agentId: string) => (await service.list(agentId, { limit: 50 })).items;
/** Sends every digest that is due once the coalescing window has passed. */
const flushAll = async () => {
  clock.advance(COALESCE_MS);
  return service.flushDigests();
};
const off = (channel: 'inApp' | 'email', kind: NotificationKind) =>
  service.savePreferences('ag_alice', { inApp: {}, email: {}, [channel]: { [kind]: false } });

describe('NotificationService preferences', () => {
  it('delivers a kind in-app and by email by default', async () => {
    expect(await service.notify(request())).toBe(1);
    expect(await inApp('ag_alice')).toHaveLength(1);
    expect(await flushAll()).toBe(1);
    expect(mailer.sent.map((m) => m.to.address)).toEqual(['alice@demo.local']);
  });

  it('does not show a kind switched off in-app, but still emails it', async () => {
    await off('inApp', 'ticket.assigned');
    expect(await service.notify(request())).toBe(0);
    expect(await inApp('ag_alice')).toEqual([]);
    expect(await service.unreadCount('ag_alice')).toBe(0);
    expect(await flushAll()).toBe(1);
  });

  it('does not email a kind switched off by email, but still shows it', async () => {
    await off('email', 'ticket.assigned');
    await service.notify(request());
    expect(await inApp('ag_alice')).toHaveLength(1);
    expect(await flushAll()).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it('switching one kind off leaves the other kinds alone', async () => {
    await off('inApp', 'sla.warning');
    await service.notify(request({ kind: 'sla.warning', title: 'warned' }));
    await service.notify(request({ kind: 'assist.requested', title: 'asked' }));
    expect((await inApp('ag_alice')).map((n) => n.title)).toEqual(['asked']);
  });
});

describe('NotificationService authorship', () => {
  it('never notifies the author of the change', async () => {
    const author: ActorRef = { kind: 'agent', agentId: 'ag_alice' };
    const created = await service.notify(request({ recipients: ['ag_alice', 'ag_bob'], author }));
    expect(created).toBe(1);
    expect(await inApp('ag_alice')).toEqual([]);
    expect(await inApp('ag_bob')).toHaveLength(1);
    await flushAll();
    expect(mailer.sent.map((m) => m.to.address)).toEqual(['bob@demo.local']);
  });

  it('notifies everyone when the system made the change', async () => {
    await service.notify(request({ recipients: ['ag_alice', 'ag_bob'], author: systemActor('rules') }));
    expect(await inApp('ag_alice')).toHaveLength(1);
    expect(await inApp('ag_bob')).toHaveLength(1);
  });
});

describe('EmailDigests coalescing', () => {
  it('sends several changes to one ticket within the window as ONE email listing them', async () => {
    await service.notify(request({ title: 'assigned to you' }));
    clock.advance(30_000);
    await service.notify(request({ kind: 'assist.requested', title: 'assist asked' }));
    clock.advance(30_000);
    await service.notify(request({ kind: 'sla.breached', title: 'SLA breached' }));
    expect(await service.flushDigests()).toBe(0); // the window is still open
    clock.advance(COALESCE_MS);
    expect(await service.flushDigests()).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    const [mail] = mailer.sent;
    expect(mail?.subject).toBe('INC-0001: 3 updates');
    for (const title of ['assigned to you', 'assist asked', 'SLA breached']) expect(mail?.text).toContain(title);
    expect(await service.flushDigests()).toBe(0); // sent once only
  });

  it('keeps tickets and people in separate emails', async () => {
    await service.notify(request({ recipients: ['ag_alice', 'ag_bob'] }));
    await service.notify(request({ ticket: { id: 'tk2', number: 'INC-0002', title: 'Printer' } }));
    expect(await flushAll()).toBe(3);
    const subjects = mailer.sent.map((m) => `${m.to.address} ${m.subject.split(':')[0]}`).sort();
    expect(subjects).toEqual(['alice@demo.local INC-0001', 'alice@demo.local INC-0002', 'bob@demo.local INC-0001']);
  });

  it('does not add a redelivered event to the digest twice', async () => {
    const once = request();
    await service.notify(once);
    await service.notify(once);
    await flushAll();
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.subject).toBe(`INC-0001: ${once.title}`);
  });

  it('opens a new digest for a change after the previous one was sent', async () => {
    await service.notify(request({ title: 'before' }));
    await flushAll();
    await service.notify(request({ title: 'after' }));
    await flushAll();
    expect(mailer.sent.map((m) => m.subject)).toEqual(['INC-0001: before', 'INC-0001: after']);
  });
});
