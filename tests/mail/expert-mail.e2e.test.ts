/**
 * Assists and approvals by email over SMTP on the real local platform (ADR 0015): an assist to
 * the email-only supplier team -> a mail in the outbox with a signed token id, never to the
 * customer -> the team's reply with `answer` -> the assist is answered, the owner unchanged,
 * nothing to the customer. A forged token, a wrong sender, a customer replying with the assist's
 * subject and a replay of the reply perform nothing and are quarantined with their reason.
 * Then the email action: approve once, a second approve is "already decided", expired refused.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { TestApprovals } from '../support/test-approvals.js';

type Ticket = { id: string; number: string; status: string; ownerId: string | null };
type Entry = {
  kind: string;
  body: string | null;
  assistId: string | null;
  visibility: string;
  data: Record<string, unknown>;
};
type OutboxItem = {
  messageId: string | null;
  inReplyTo: string | null;
  subject: string | null;
  to: string | null;
  raw: string;
};
type Quarantined = { reason: string; from: string | null; subject: string | null };

const OWNER = 'alice@demo.local';
const CUSTOMER = 'carla@customer.test';
const SUPPLIER = 'storage@supplier.example';

describe.each(E2E_STORES)('assists and approvals by email over SMTP (%s)', (store) => {
  let p: RunningPlatform;
  const approvals = new TestApprovals();
  let raw: (mail: SendMailOptions) => Promise<void>;
  beforeAll(async () => {
    p = await startRunningPlatform({ store, overrides: { emailActionHandlers: [approvals] } });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.platform.smtpPort as number,
      secure: false,
      ignoreTLS: true,
    });
    raw = async (mail) => {
      await transport.sendMail({ to: 'support@demo.local', ...mail });
    };
  });
  afterAll(() => p?.stop());

  const drain = async () => {
    for (let i = 0; i < 3; i++) await p.platform.drainQueue();
  };
  const outbox = async () => (await p.api<{ items: OutboxItem[] }>(OWNER, 'dev/outbox?limit=100')).body.items;
  const quarantine = async () =>
    (await p.api<{ items: Quarantined[] }>('admin@demo.local', 'admin/quarantine?limit=100')).body.items;
  const timeline = async (id: string) =>
    (await p.api<{ items: Entry[] }>(OWNER, `tickets/${id}/timeline?limit=100`)).body.items;

  let ticket: Ticket;
  let assistId: string;
  let assistMail: OutboxItem;

  it('mails an assist to the email-only team with a signed id, never to the customer', async () => {
    const created = await p.api<Ticket>('lead@demo.local', 'tickets', {
      body: { title: 'SAN latency', requester: { email: CUSTOMER, name: 'Carla' }, impact: 1, urgency: 2 },
    });
    ticket = created.body;
    expect((await p.api(OWNER, `tickets/${ticket.id}/accept`, { method: 'POST' })).status).toBe(200);
    const asked = await p.api<{ id: string }>(OWNER, `tickets/${ticket.id}/assists`, {
      body: { expert: { teamId: 'storage' }, question: 'Is array 3 degraded?' },
    });
    expect(asked.status).toBe(201);
    assistId = asked.body.id;
    await drain();
    const mails = (await outbox()).filter((m) => m.subject?.includes('Assist:'));
    expect(mails).toHaveLength(1);
    assistMail = mails[0] as OutboxItem;
    expect(assistMail.subject).toBe(`[${ticket.number}] Assist: Is array 3 degraded?`);
    expect(assistMail.to).toContain(SUPPLIER);
    expect(assistMail.messageId).toMatch(/^<itn-m\.[a-z0-9]+\.[a-z0-9]+@demo\.local>$/);
    expect(assistMail.raw).toContain('Is array 3 degraded?');
    expect(assistMail.raw).toContain('answer   - the rest of your reply is the answer');
    expect((await outbox()).filter((m) => m.to?.includes(CUSTOMER))).toEqual([]);
  });

  it('quarantines a forged token, a wrong sender and a customer using the assist subject; nothing happens', async () => {
    const forged = (assistMail.messageId as string).replace(/\.([a-z0-9]+)@/, '.aaaaaaaaaaaaaaaaaaaa@');
    await raw({
      from: SUPPLIER,
      subject: `Re: ${assistMail.subject}`,
      text: 'answer\nForged.',
      inReplyTo: forged,
      references: [forged],
    });
    await raw({
      from: 'mallory@elsewhere.example',
      subject: `Re: ${assistMail.subject}`,
      text: 'answer\nNot me.',
      inReplyTo: assistMail.messageId as string,
      references: [assistMail.messageId as string],
    });
    await raw({ from: CUSTOMER, subject: `Re: ${assistMail.subject}`, text: 'Customer writing into the assist.' });
    await drain();
    const reasons = (await quarantine()).map((q) => `${q.from}: ${q.reason.split(':')[0]}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        `${SUPPLIER}: bad token`,
        'mallory@elsewhere.example: wrong sender',
        `${CUSTOMER}: bad token`,
      ]),
    );
    const entries = await timeline(ticket.id);
    expect(entries.filter((e) => e.assistId === assistId).map((e) => e.kind)).toEqual(['assist_requested']);
    expect(entries.filter((e) => e.kind === 'email_in')).toEqual([]);
  });

  it('answers the assist from the reply, internal and by email; the owner keeps the ticket, the customer gets nothing', async () => {
    const before = (await outbox()).length;
    await raw({
      from: `Storage Team <${SUPPLIER}>`,
      cc: CUSTOMER,
      subject: `Re: ${assistMail.subject}`,
      text: `ANSWER Array 3 lost a disk; we swapped it.\n\n-- \nSupplier storage desk\n\nOn Mon, Support wrote:\n> Is array 3 degraded?`,
      inReplyTo: assistMail.messageId as string,
      references: [assistMail.messageId as string],
      messageId: '<reply-1@supplier.example>',
      attachments: [{ filename: 'array3.log', content: 'disk 7 failed' }],
    });
    await drain();
    const assist = await p.api<{ state: string }>(OWNER, `assists/${assistId}`);
    expect(assist.body.state).toBe('answered');
    const after = await p.api<Ticket>(OWNER, `tickets/${ticket.id}`);
    expect(after.body.ownerId).toBe('ag_alice');
    const entries = await timeline(ticket.id);
    const answered = entries.find((e) => e.kind === 'assist_answered');
    expect(answered).toMatchObject({ assistId, visibility: 'internal', body: 'Array 3 lost a disk; we swapped it.' });
    expect(answered?.data.byEmail).toMatchObject({
      from: SUPPLIER,
      command: 'answer',
      copiedCustomer: [CUSTOMER],
      attachments: [expect.objectContaining({ filename: 'array3.log' })],
    });
    expect(entries.find((e) => e.kind === 'assist_accepted')?.data).toMatchObject({ implicit: true, byEmail: true });
    expect(entries.filter((e) => e.kind === 'email_in' || e.kind === 'email_out')).toEqual([]);
    expect((await outbox()).slice(0, (await outbox()).length - before).filter((m) => m.to?.includes(CUSTOMER))).toEqual(
      [],
    );
    const bell = await p.api<{ items: { title: string; body: string }[] }>(OWNER, 'notifications?limit=100');
    expect(bell.body.items.map((n) => n.title)).toContain(`An expert answered on ${ticket.number} by email`);
    expect(bell.body.items.find((n) => n.title.includes('by email'))?.body).toMatch(
      /^Warning: the expert's mail also went to the customer/,
    );
  });

  it('quarantines a replay of the same reply as replayed and performs nothing', async () => {
    const count = (await timeline(ticket.id)).length;
    await raw({
      from: SUPPLIER,
      subject: `Re: ${assistMail.subject}`,
      text: 'ANSWER Array 3 lost a disk; we swapped it.',
      inReplyTo: assistMail.messageId as string,
      references: [assistMail.messageId as string],
      messageId: '<reply-1@supplier.example>',
    });
    await drain();
    expect((await quarantine()).some((q) => q.from === SUPPLIER && q.reason.startsWith('replayed:'))).toBe(true);
    expect(await timeline(ticket.id)).toHaveLength(count);
  });

  it('performs an email action once: approve, a second approve is already decided, an expired token is refused', async () => {
    const actions = p.composition.services.mail.emailActions;
    approvals.create('apr-1');
    approvals.create('apr-2');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const { messageId } = await actions.request({
      kind: 'test.approval',
      recordId: 'apr-1',
      ticketId: null,
      actions: ['approve', 'reject'],
      to: { address: 'dave@demo.local', name: 'Dave' },
      expiresAt: future,
      subject: 'Approve change CHG-1',
      text: 'Please approve CHG-1.',
    });
    const expired = await actions.request({
      kind: 'test.approval',
      recordId: 'apr-2',
      ticketId: null,
      actions: ['approve', 'reject'],
      to: { address: 'dave@demo.local', name: 'Dave' },
      expiresAt: new Date(Date.now() - 1000).toISOString(),
      subject: 'Approve change CHG-2',
      text: 'Please approve CHG-2.',
    });
    await drain();
    expect((await outbox()).find((m) => m.messageId === `<${messageId}>`)?.raw).toContain('approve, reject <reason>');
    const reply = (n: number, id: string, subject: string) =>
      raw({
        from: 'dave@demo.local',
        subject: `Re: ${subject}`,
        text: 'Approve\n\nThanks',
        inReplyTo: `<${id}>`,
        references: [`<${id}>`],
        messageId: `<approve-${n}@demo.local>`,
      });
    await reply(1, messageId, 'Approve change CHG-1');
    await drain();
    await reply(2, messageId, 'Approve change CHG-1');
    await reply(3, expired.messageId, 'Approve change CHG-2');
    await drain();
    expect(approvals.records.get('apr-1')).toMatchObject({
      state: 'approved',
      decidedBy: 'dave@demo.local',
      decisions: 1,
    });
    expect(approvals.records.get('apr-2')).toMatchObject({ state: 'pending', decisions: 0 });
    const confirmations = (await outbox()).filter((m) => m.inReplyTo?.startsWith('<approve-'));
    const result = (n: number) => confirmations.find((m) => m.inReplyTo === `<approve-${n}@demo.local>`)?.raw ?? '';
    expect(result(1)).toContain('Result: done.');
    expect(result(2)).toContain('Result: not done: it was already decided.');
    expect(result(3)).toContain('Result: not done: the request has expired.');
    expect(
      (await quarantine()).some(
        (q) => q.subject === 'Re: Approve change CHG-2' && q.reason.startsWith('expired token:'),
      ),
    ).toBe(true);
  });
});
