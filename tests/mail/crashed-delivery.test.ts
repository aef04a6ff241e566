/**
 * A delivery that died holding a Message-ID claim (the process was killed between the claim and
 * the ticket write): the queue's next delivery of the same message takes the claim over at once,
 * while a delivery of another queue message (Graph's webhook and delta both announce a message)
 * still waits for the claim's lease.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RawInboundMessage } from '../../shared/ports/mailbox.js';
import { eml, type MailWorld, mailWorld } from '../support/mail-world.js';

describe('MailIngestion after a crashed delivery', () => {
  let w: MailWorld;
  const raw = (): RawInboundMessage => ({
    ref: { provider: 'smtp', mailbox: 'support@demo.local', providerMessageId: 'smtp_1' },
    raw: new TextEncoder().encode(
      eml({ from: 'Carla <carla@example.com>', subject: 'VPN down', messageId: 'vpn@example.com' }),
    ),
    receivedAt: w.clock.now().toISOString(),
  });

  beforeEach(async () => {
    w = await mailWorld();
    // Delivery 1 of queue message smtp.smtp_1 claimed the Message-ID, then its process died.
    const claimed = await w.services.mail.records.claim('vpn@example.com', w.clock.now().toISOString(), undefined, {
      key: 'smtp.smtp_1',
      count: 1,
    });
    expect(claimed.claimed).toBe(true);
  });

  it('takes the claim over on the next delivery of the same queue message, at once', async () => {
    const outcome = await w.services.mail.ingestion.ingest(raw(), { delivery: { key: 'smtp.smtp_1', count: 2 } });
    expect(outcome.status).toBe('created');
    const again = await w.services.mail.ingestion.ingest(raw(), { delivery: { key: 'smtp.smtp_1', count: 3 } });
    expect(again).toMatchObject({ status: 'duplicate', ticketId: (outcome as { ticketId: string }).ticketId });
  });

  it('leaves a fresh claim alone for another queue message or an unknown delivery', async () => {
    await expect(
      w.services.mail.ingestion.ingest(raw(), { delivery: { key: 'graph.other', count: 2 } }),
    ).rejects.toThrow('is being processed by another delivery');
    await expect(w.services.mail.ingestion.ingest(raw())).rejects.toThrow('is being processed by another delivery');
    await expect(
      w.services.mail.ingestion.ingest(raw(), { delivery: { key: 'smtp.smtp_1', count: 1 } }),
    ).rejects.toThrow('is being processed by another delivery');
  });

  it('keeps one quarantine record when a delivery died after quarantining and before finishing its claim', async () => {
    const robot: RawInboundMessage = {
      ref: { provider: 'smtp', mailbox: 'support@demo.local', providerMessageId: 'smtp_2' },
      raw: new TextEncoder().encode(
        eml({
          from: 'Out of office <carla@example.com>',
          subject: 'Automatic reply: away',
          messageId: 'ooo@example.com',
          headers: { 'Auto-Submitted': 'auto-replied' },
        }),
      ),
      receivedAt: w.clock.now().toISOString(),
    };
    const first = await w.services.mail.ingestion.ingest(robot, { delivery: { key: 'smtp.smtp_2', count: 1 } });
    expect(first.status).toBe('quarantined');
    // The state a kill leaves between the quarantine write and the claim's finish: claimed by delivery 1.
    const record = await w.services.mail.records.message('ooo@example.com');
    await w.store.batch('mail', record!.doc.pk, [
      {
        op: 'upsert',
        doc: { ...record!.doc, status: 'claimed', quarantineId: null, delivery: { key: 'smtp.smtp_2', count: 1 } },
      },
    ]);
    const again = await w.services.mail.ingestion.ingest(robot, { delivery: { key: 'smtp.smtp_2', count: 2 } });
    expect(again).toMatchObject({
      status: 'quarantined',
      quarantineId: (first as { quarantineId: string }).quarantineId,
    });
    const listed = await w.services.mail.quarantine.list('all', 10);
    expect(listed.items.map((q) => q.messageId)).toEqual(['ooo@example.com']);
  });
});
