/**
 * Threading and robot-mail rules of the ingestion path, over the real parser and in-memory
 * stores: each case is a mail a helpdesk really receives, and where it must (not) land.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../shared/ports/document-store.js';
import type { TimelineEntry } from '../../shared/timeline/timeline-entry.js';
import { eml, type MailWorld, mailWorld } from '../support/mail-world.js';

const fixture = (name: string, values: Record<string, string>) =>
  Object.entries(values).reduce(
    (text, [k, v]) => text.replaceAll(`{{${k}}}`, v),
    readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url), 'utf8').replace(/\r?\n/g, '\r\n'),
  );

const OWNER = 'alice@demo.local';

const rejectedRules = (entry: TimelineEntry | undefined): string[] =>
  ((entry?.data.threading as { rejected?: { rule: string }[] } | undefined)?.rejected ?? []).map((r) => r.rule);

describe('mail threading', () => {
  let w: MailWorld;
  let ticketId: string;
  let number: string;
  beforeEach(async () => {
    w = await mailWorld();
    const first = await w.deliver(
      eml({
        from: 'Carla <carla@example.com>',
        cc: 'Dan <dan@example.com>',
        subject: 'Printer jams',
        messageId: 'first@example.com',
        body: 'It jams.',
      }),
    );
    expect(first.status).toBe('created');
    ticketId = (first as { ticketId: string }).ticketId;
    expect((await w.services.tickets.accept(ticketId, w.actor(OWNER))).ok).toBe(true);
    number =
      (await w.store.read<{ id: string; docType: string; number: string }>('tickets', ticketId, ticketId))?.doc
        .number ?? '';
  });

  const entries = async (id: string) =>
    (
      await w.store.query<TimelineEntry & StoredDocument>('tickets', {
        partitionKey: id,
        where: [
          { field: 'ticketId', op: 'eq', value: id },
          { field: 'docType', op: 'eq', value: 'entry' },
        ],
        orderBy: [{ field: 'seq', direction: 'asc' }],
        limit: 200,
      })
    ).items.map((i) => i.doc);
  const mails = async (id: string) => (await entries(id)).filter((e) => e.kind === 'email_in');
  const status = async (id: string) =>
    (await w.store.read<{ id: string; docType: string; status: string }>('tickets', id, id))?.doc.status;
  const replyAndSend = async (body = 'Try tray 2.') => {
    const replied = await w.services.tickets.reply(ticketId, { body, cc: [], status: 'pending' }, w.actor(OWNER));
    expect(replied.ok).toBe(true);
    await w.flush();
    return w.mailbox.sent.at(-1);
  };

  it('creates the ticket with the sender as requester and the subject as title', async () => {
    const ticket = (
      await w.store.read<{
        id: string;
        docType: string;
        title: string;
        requester: { email: string };
        participants: string[];
      }>('tickets', ticketId, ticketId)
    )?.doc;
    expect(ticket).toMatchObject({ title: 'Printer jams', requester: { email: 'carla@example.com' } });
    expect(ticket?.participants).toEqual(['carla@example.com', 'dan@example.com']);
    expect(number).toMatch(/^INC-\d+$/);
  });

  it('attaches a reply that only has References', async () => {
    const outcome = await w.deliver(
      eml({
        from: 'carla@example.com',
        subject: 'something else',
        messageId: 'r1@example.com',
        references: '<first@example.com>',
      }),
    );
    expect(outcome).toMatchObject({ status: 'attached', ticketId, rule: 'references' });
  });

  it('does not attach a stranger who quotes the ticket number', async () => {
    const outcome = await w.deliver(
      eml({ from: 'mallory@evil.example', subject: `Re: [${number}] Printer jams`, messageId: 'm1@evil.example' }),
    );
    expect(outcome).toMatchObject({ status: 'created' });
    expect(outcome.status === 'created' && outcome.ticketId).not.toBe(ticketId);
    const [entry] = await mails((outcome as { ticketId: string }).ticketId);
    expect(rejectedRules(entry)).toContain('subject-number');
  });

  it('attaches a participant who quotes the ticket number, including a cc that writes for the first time', async () => {
    expect(
      await w.deliver(
        eml({ from: 'carla@example.com', subject: `[${number}] any news?`, messageId: 'n1@example.com' }),
      ),
    ).toMatchObject({ status: 'attached', rule: 'subject-number', ticketId });
    expect(
      await w.deliver(
        eml({ from: 'Dan <dan@example.com>', subject: `Re: [${number}] Printer jams`, messageId: 'd1@example.com' }),
      ),
    ).toMatchObject({ status: 'attached', rule: 'subject-number', ticketId });
  });

  it('does not attach a forged signed Message-ID', async () => {
    const sent = await replyAndSend();
    const forged = (sent?.messageId ?? '').replace(/\.([a-z2-7]{20})@/, '.aaaaaaaaaaaaaaaaaaaa@');
    expect(forged).not.toBe(sent?.messageId);
    const outcome = await w.deliver(
      eml({ from: 'mallory@evil.example', subject: 'hi', messageId: 'f1@evil.example', inReplyTo: forged }),
    );
    expect(outcome.status).toBe('created');
    const [entry] = await mails((outcome as { ticketId: string }).ticketId);
    expect(rejectedRules(entry)[0]).toBe('signed-id');
  });

  it('threads our reply out with In-Reply-To and the ticket number, and the answer back by its signed id', async () => {
    const sent = await replyAndSend();
    expect(sent).toMatchObject({ inReplyTo: 'first@example.com', references: ['first@example.com'] });
    expect(sent?.subject).toBe(`[${number}] Re: Printer jams`);
    expect(await status(ticketId)).toBe('pending');
    const answer = await w.deliver(
      eml({
        from: 'carla@example.com',
        subject: 'Re: whatever',
        messageId: 'a1@example.com',
        inReplyTo: sent?.messageId ?? '',
      }),
    );
    expect(answer).toMatchObject({ status: 'attached', rule: 'signed-id', reopened: true });
    expect(await status(ticketId)).toBe('open');
  });

  it('attaches an out-of-office answer to our reply without waking the ticket or answering it', async () => {
    const sent = await replyAndSend();
    const before = w.mailbox.sent.length;
    const outcome = await w.deliver(
      fixture('out-of-office.eml', { N: '1', SUBJECT: sent?.subject ?? '', IN_REPLY_TO: sent?.messageId ?? '' }),
    );
    expect(outcome).toMatchObject({ status: 'attached', ticketId, automatic: 'out-of-office', reopened: false });
    await w.flush();
    expect(w.mailbox.sent.length).toBe(before);
    expect(await status(ticketId)).toBe('pending');
  });

  it('attaches a bounce of our reply to the ticket and marks the recipient as bouncing', async () => {
    const sent = await replyAndSend();
    const outcome = await w.deliver(
      fixture('bounce.eml', { N: '1', RECIPIENT: 'carla@example.com', RETURNED_ID: sent?.messageId ?? '' }),
    );
    expect(outcome).toMatchObject({ status: 'attached', ticketId, automatic: 'bounce', reopened: false });
    expect(await w.services.mail.records.isBouncing('carla@example.com')).toBe(true);
    expect(await status(ticketId)).toBe('pending');
  });

  it('quarantines robot mail that matches no ticket, and opens one when an admin says so', async () => {
    const outcome = await w.deliver(
      fixture('out-of-office.eml', { N: '2', SUBJECT: 'hello', IN_REPLY_TO: 'unknown@nowhere' }),
    );
    expect(outcome.status).toBe('quarantined');
    const record = await w.services.mail.quarantine.get((outcome as { quarantineId: string }).quarantineId);
    expect(record?.reason).toMatch(/automatic mail \(out-of-office/);
    const again = await w.services.mail.ingestion.ingest(
      { ref: record!.ref, raw: (await w.services.mail.quarantine.raw(record!))!, receivedAt: record!.at },
      { fromQuarantine: record!, forceNewTicket: true },
    );
    expect(again.status).toBe('created');
    expect((await w.services.mail.quarantine.get(record!.id))?.status).toBe('reprocessed');
  });

  it('makes one entry of a duplicate delivery (same Message-ID, same or another provider id)', async () => {
    const raw = eml({
      from: 'carla@example.com',
      subject: 'Re: Printer jams',
      messageId: 'dup@example.com',
      inReplyTo: 'first@example.com',
    });
    expect((await w.deliver(raw, { providerMessageId: 'graph-1', provider: 'graph' })).status).toBe('attached');
    expect((await w.deliver(raw, { providerMessageId: 'graph-1', provider: 'graph' })).status).toBe('duplicate');
    expect((await w.deliver(raw)).status).toBe('duplicate');
    expect((await mails(ticketId)).filter((e) => e.data.messageId === 'dup@example.com')).toHaveLength(1);
  });

  it('reopens a resolved ticket within the window and opens a linked ticket after it', async () => {
    const resolve = async (id: string) => {
      await w.services.tickets.accept(id, w.actor(OWNER));
      expect(
        (await w.services.tickets.changeStatus(id, { status: 'resolved', reason: 'fixed' }, w.actor(OWNER))).ok,
      ).toBe(true);
    };
    await resolve(ticketId);
    w.clock.advance(3 * 86_400_000);
    expect(
      await w.deliver(
        eml({
          from: 'carla@example.com',
          subject: 'Re: Printer jams',
          messageId: 'late1@example.com',
          inReplyTo: 'first@example.com',
        }),
      ),
    ).toMatchObject({ status: 'attached', reopened: true });
    await resolve(ticketId);
    w.clock.advance(15 * 86_400_000);
    const later = await w.deliver(
      eml({
        from: 'carla@example.com',
        subject: 'Re: Printer jams',
        messageId: 'late2@example.com',
        inReplyTo: 'first@example.com',
      }),
    );
    expect(later).toMatchObject({ status: 'created', linkedTo: ticketId });
    expect(await status(ticketId)).toBe('resolved');
  });

  it('uses the provider conversation id only for participants', async () => {
    await w.deliver(eml({ from: 'carla@example.com', subject: 'conv start', messageId: 'c0@example.com' }), {
      conversationId: 'CONV-1',
    });
    const own = await w.deliver(eml({ from: 'carla@example.com', subject: 'no refs', messageId: 'c1@example.com' }), {
      conversationId: 'CONV-1',
    });
    expect(own).toMatchObject({ status: 'attached', rule: 'conversation' });
    const stranger = await w.deliver(
      eml({ from: 'eve@elsewhere.example', subject: 'no refs', messageId: 'c2@example.com' }),
      { conversationId: 'CONV-1' },
    );
    expect(stranger.status).toBe('created');
  });
});
