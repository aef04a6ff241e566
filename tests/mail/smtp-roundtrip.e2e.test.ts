/**
 * The local email story end to end on the real platform: a customer mails the SMTP listener ->
 * a ticket -> the owner replies -> the reply is an .eml in the outbox, threaded with In-Reply-To
 * -> the customer answers that mail over SMTP -> the same ticket, back to open.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Ticket = { id: string; number: string; status: string; requester: { email: string }; title: string };
type Entry = { kind: string; body: string | null; data: Record<string, unknown> };
type OutboxItem = {
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  subject: string | null;
  to: string | null;
};

const OWNER = 'alice@demo.local';

describe.each(E2E_STORES)('email over SMTP on the local platform (%s)', (store) => {
  let p: RunningPlatform;
  let send: (mail: SendMailOptions) => Promise<string>;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.platform.smtpPort as number,
      secure: false,
      ignoreTLS: true,
    });
    send = async (mail) => (await transport.sendMail(mail)).messageId as string;
  });
  afterAll(async () => {
    await p.stop();
  });

  const ticketsOf = async (requester: string) => {
    const list = await p.api<{ items: Ticket[] }>(
      'admin@demo.local',
      `tickets?q=${encodeURIComponent(requester)}&limit=100`,
    );
    return list.body.items.filter((t) => t.requester.email === requester);
  };
  const timeline = async (id: string) =>
    (await p.api<{ items: Entry[] }>(OWNER, `tickets/${id}/timeline?limit=100`)).body.items;

  it('turns a mail into a ticket, threads the reply out and the answer back in', async () => {
    expect(p.platform.smtpPort).toBeGreaterThan(0);
    const firstId = await send({
      from: 'Carla Customer <carla@example.com>',
      to: 'support@demo.local',
      subject: 'Printer on floor 3 jams',
      text: 'It jams on every page.\n\n-- \nCarla',
    });
    await p.platform.drainQueue();
    const [ticket] = await ticketsOf('carla@example.com');
    expect(ticket).toMatchObject({ title: 'Printer on floor 3 jams', status: 'new' });
    const created = ticket as Ticket;
    const first = (await timeline(created.id)).find((e) => e.kind === 'email_in');
    expect(first?.body).toBe('It jams on every page.');
    expect(first?.data.threading).toMatchObject({ rule: 'new-ticket' });

    expect((await p.api(OWNER, `tickets/${created.id}/accept`, { method: 'POST' })).status).toBe(200);
    const replied = await p.api<Ticket>(OWNER, `tickets/${created.id}/replies`, {
      body: { body: 'Please try tray 2.', status: 'pending' },
    });
    expect(replied.status).toBe(200);
    await p.platform.drainQueue();
    await p.platform.drainQueue();

    const outbox = await p.api<{ items: OutboxItem[] }>(OWNER, 'dev/outbox');
    const reply = outbox.body.items.find((m) => m.messageId?.startsWith('<itn.'));
    expect(reply).toBeDefined();
    expect(reply?.inReplyTo).toBe(firstId);
    expect(reply?.subject).toContain(`[${created.number}]`);
    expect(reply?.to).toContain('carla@example.com');
    const sends = await p.api<{ items: { status: string }[] }>(OWNER, `tickets/${created.id}/sends`);
    expect(sends.body.items.map((s) => s.status)).toEqual(['sent']);
    expect((await p.api<Ticket>(OWNER, `tickets/${created.id}`)).body.status).toBe('pending');

    await send({
      from: 'carla@example.com',
      to: 'support@demo.local',
      subject: `Re: ${reply?.subject}`,
      text: 'Tray 2 works, thanks!\n\nOn Mon someone wrote:\n> Please try tray 2.',
      inReplyTo: reply?.messageId ?? '',
      references: [firstId, reply?.messageId ?? ''],
    });
    await p.platform.drainQueue();
    expect(await ticketsOf('carla@example.com')).toHaveLength(1);
    const after = await p.api<Ticket>(OWNER, `tickets/${created.id}`);
    expect(after.body.status).toBe('open');
    const answers = (await timeline(created.id)).filter((e) => e.kind === 'email_in');
    expect(answers).toHaveLength(2);
    expect(answers[1]?.body).toBe('Tray 2 works, thanks!');
    expect(answers[1]?.data.threading).toMatchObject({ rule: 'signed-id' });
  });

  it('refuses mail for addresses other than the support address', async () => {
    await expect(
      send({ from: 'x@example.com', to: 'someone-else@demo.local', subject: 'x', text: 'x' }),
    ).rejects.toThrow(/550|no such mailbox/i);
  });
});
