/**
 * The local email story end to end on the real platform: a customer mails the SMTP listener ->
 * a ticket -> the owner replies -> the reply is an .eml in the outbox, threaded with In-Reply-To
 * -> the customer answers that mail over SMTP -> the same ticket, back to open. A duplicate merged
 * into another ticket (by hand and by a bulk job) passes the customer's later replies on to it.
 */
import type { SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { smtpSender } from '../support/smtp-sender.js';

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
    send = smtpSender(p.platform.smtpPort as number);
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

  it('threads a later reply to a merged duplicate onto the ticket it was merged into', async () => {
    const targetMail = await send({
      from: 'dora@example.com',
      to: 'support@demo.local',
      subject: 'VPN drops every hour',
      text: 'The VPN drops.',
    });
    const duplicateMail = await send({
      from: 'dora@example.com',
      to: 'support@demo.local',
      subject: 'VPN again',
      text: 'Still dropping, and my colleague too.',
      cc: 'erik@example.com',
    });
    const thirdMail = await send({
      from: 'dora@example.com',
      to: 'support@demo.local',
      subject: 'VPN!!',
      text: 'Help',
    });
    await p.platform.drainQueue();
    const byTitle = new Map((await ticketsOf('dora@example.com')).map((t) => [t.title, t]));
    const target = byTitle.get('VPN drops every hour') as Ticket;
    const duplicate = byTitle.get('VPN again') as Ticket;
    const third = byTitle.get('VPN!!') as Ticket;
    expect(target && duplicate && third).toBeTruthy();
    expect(targetMail && thirdMail).toBeTruthy();
    // The owner of the duplicate answers it first: the customer will reply to that mail.
    expect((await p.api(OWNER, `tickets/${duplicate.id}/accept`, { method: 'POST' })).status).toBe(200);
    expect((await p.api(OWNER, `tickets/${duplicate.id}/replies`, { body: { body: 'Looking into it.' } })).status).toBe(
      200,
    );
    await p.platform.drainQueue();
    await p.platform.drainQueue();
    const outbox = await p.api<{ items: OutboxItem[] }>(OWNER, 'dev/outbox');
    const reply = outbox.body.items.find((m) => m.inReplyTo === duplicateMail) as OutboxItem;
    expect(reply?.messageId).toMatch(/^<itn\./);

    // alice owns the duplicate, the target is unowned: she may edit both, so she may merge.
    const merged = await p.api<Ticket & { mergedInto: { number: string } }>(OWNER, `tickets/${duplicate.id}/merge`, {
      body: { into: target.number, assists: 'withdraw' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'closed', mergedInto: { number: target.number } });
    const mergedFrom = (await timeline(target.id)).find((e) => e.kind === 'merged_from');
    expect(mergedFrom?.data).toMatchObject({ source: { id: duplicate.id, number: duplicate.number } });
    expect((await p.api<Ticket>(OWNER, `tickets/${target.id}`)).body).toMatchObject({ status: 'new' });
    // Merging it again is refused for another target, and a no-op for the same one.
    expect((await p.api(OWNER, `tickets/${duplicate.id}/merge`, { body: { into: third.id } })).status).toBe(409);
    expect((await p.api(OWNER, `tickets/${duplicate.id}/merge`, { body: { into: target.id } })).status).toBe(200);

    // The third one goes by a bulk job ("merge selected into X"), done by a lead.
    const job = await p.api<{ id: string }>('lead@demo.local', 'bulk/jobs', {
      body: { action: { type: 'merge', into: target.number, assists: 'move' }, ticketIds: [third.id, target.id] },
    });
    expect(job.status).toBe(202);
    let outcomes: { ticketId: string; outcome: string; code: string | null }[] = [];
    for (let i = 0; i < 100 && outcomes.length < 2; i++) {
      await p.platform.drainQueue();
      outcomes = (await p.api<{ outcomes: typeof outcomes }>('lead@demo.local', `bulk/jobs/${job.body.id}`)).body
        .outcomes;
    }
    expect(outcomes.map((o) => [o.ticketId, o.outcome, o.code])).toEqual([
      [third.id, 'done', null],
      [target.id, 'refused', 'REQUEST.VALIDATION_FAILED'],
    ]);

    // Later the customer replies to our mail on the duplicate (signed Message-ID), and the colleague
    // answers the duplicate's first mail (References only), and someone replies on the third by subject number.
    await send({
      from: 'dora@example.com',
      to: 'support@demo.local',
      subject: `Re: ${reply.subject}`,
      text: 'It dropped again at 10:00.',
      inReplyTo: reply.messageId ?? '',
      references: [duplicateMail, reply.messageId ?? ''],
    });
    await send({
      from: 'erik@example.com',
      to: 'support@demo.local',
      subject: 'Re: VPN again',
      text: 'Same here.',
      inReplyTo: duplicateMail,
      references: [duplicateMail],
    });
    await send({
      from: 'dora@example.com',
      to: 'support@demo.local',
      subject: `Re: [${third.number}] VPN!!`,
      text: 'And?',
    });
    await p.platform.drainQueue();
    const onTarget = (await timeline(target.id)).filter((e) => e.kind === 'email_in');
    expect(onTarget.map((e) => e.body)).toEqual(['The VPN drops.', 'It dropped again at 10:00.', 'Same here.', 'And?']);
    expect(onTarget.map((e) => (e.data.threading as { rule: string; mergedFrom?: string[] }).mergedFrom)).toEqual([
      undefined,
      [duplicate.number],
      [duplicate.number],
      [third.number],
    ]);
    expect(onTarget[1]?.data.threading).toMatchObject({ rule: 'signed-id' });
    expect(onTarget[2]?.data.threading).toMatchObject({ rule: 'references' });
    expect(onTarget[3]?.data.threading).toMatchObject({ rule: 'subject-number' });
    // Nothing new was opened, nothing landed on the closed duplicates.
    expect(await ticketsOf('dora@example.com')).toHaveLength(3);
    expect((await timeline(duplicate.id)).filter((e) => e.kind === 'email_in')).toHaveLength(1);
  }, 120_000);

  it('refuses mail for addresses other than the support address', async () => {
    await expect(
      send({ from: 'x@example.com', to: 'someone-else@demo.local', subject: 'x', text: 'x' }),
    ).rejects.toThrow(/550|no such mailbox/i);
  });
});
