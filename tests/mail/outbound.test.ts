/**
 * Sending replies: the send record makes a retried or duplicated send a no-op, transient
 * failures retry, and a permanent or last failure is told on the ticket.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SendRequest } from '../../shared/mail/outbound-mailer.js';
import { PermanentDeliveryError } from '../../shared/ports/mailbox.js';
import { eml, type MailWorld, mailWorld } from '../support/mail-world.js';

const AGENT = 'alice@demo.local';

describe('outbound mail', () => {
  let w: MailWorld;
  let ticketId: string;
  let request: SendRequest;
  beforeEach(async () => {
    w = await mailWorld();
    const created = await w.deliver(eml({ from: 'carol@example.com', subject: 'Printer', messageId: 'p@example.com' }));
    ticketId = (created as { ticketId: string }).ticketId;
    await w.services.tickets.accept(ticketId, w.actor(AGENT));
    const replied = await w.services.tickets.reply(
      ticketId,
      { body: 'Try tray 2', cc: ['boss@example.com'] },
      w.actor(AGENT),
    );
    if (!replied.ok) throw new Error('reply refused');
    // Deliver the events (not the sends) so the send request is queued but not run.
    for (const { queue, message } of w.bus.published)
      if (queue === 'events') await w.services.events.dispatch(message.body as never);
    const queued = w.bus.published.filter((p) => p.queue === 'outbound-mail');
    expect(queued).toHaveLength(1);
    request = queued[0]?.message.body as SendRequest;
  });

  const entries = async () =>
    (
      await w.store.query<{ id: string; docType: string; kind: string; body: string | null }>('tickets', {
        partitionKey: ticketId,
        where: [
          { field: 'ticketId', op: 'eq', value: ticketId },
          { field: 'docType', op: 'eq', value: 'entry' },
        ],
        limit: 100,
      })
    ).items.map((i) => i.doc);

  it('sends once, even when the send message is delivered again', async () => {
    expect(await w.services.mail.outbound.send(request, { final: false })).toBe('sent');
    expect(await w.services.mail.outbound.send(request, { final: false })).toBe('already-done');
    expect(w.mailbox.sent).toHaveLength(1);
    expect(w.mailbox.sent[0]).toMatchObject({
      to: [{ address: 'carol@example.com' }],
      cc: [{ address: 'boss@example.com' }],
      inReplyTo: 'p@example.com',
      headers: { 'X-ITIL-Ticket': expect.stringMatching(/^INC-/) },
    });
    expect(await w.services.mail.records.message(w.mailbox.sent[0]?.messageId ?? '')).toMatchObject({
      doc: { status: 'done', direction: 'out', ticketId },
    });
  });

  it('retries a transient failure and sends on the next delivery', async () => {
    w.mailbox.failures.push(new Error('connection reset'));
    await expect(w.services.mail.outbound.send(request, { final: false })).rejects.toThrow('connection reset');
    expect((await w.services.mail.outboundRecords.get(request.entryId))?.doc).toMatchObject({
      status: 'pending',
      attempts: 1,
      reason: 'connection reset',
    });
    expect(await w.services.mail.outbound.send(request, { final: false })).toBe('sent');
    expect(w.mailbox.sent).toHaveLength(1);
  });

  it('records a permanent refusal on the send record and on the ticket, without retrying', async () => {
    w.mailbox.failures.push(new PermanentDeliveryError('550 5.1.1 unknown user'));
    expect(await w.services.mail.outbound.send(request, { final: false })).toBe('failed');
    expect((await w.services.mail.outboundRecords.get(request.entryId))?.doc).toMatchObject({
      status: 'failed',
      reason: '550 5.1.1 unknown user',
    });
    expect((await entries()).filter((e) => e.kind === 'email_failed').map((e) => e.body)).toEqual([
      '550 5.1.1 unknown user',
    ]);
    expect(await w.services.mail.outbound.send(request, { final: false })).toBe('already-done');
  });

  it('gives up on the last delivery of a transient failure', async () => {
    w.mailbox.failures.push(new Error('timeout'));
    expect(await w.services.mail.outbound.send(request, { final: true })).toBe('failed');
    expect((await entries()).some((e) => e.kind === 'email_failed')).toBe(true);
  });

  it('does not send while another delivery holds the record, and takes over a stale one', async () => {
    const record = await w.services.mail.outboundRecords.get(request.entryId);
    await w.services.mail.outboundRecords.move(record!, { status: 'sending', at: w.clock.now().toISOString() });
    await expect(w.services.mail.outbound.send(request, { final: false })).rejects.toThrow(/being sent/);
    w.clock.advance(10 * 60_000);
    expect(await w.services.mail.outbound.send(request, { final: false })).toBe('sent');
  });
});
