/**
 * The mail channel's HTTP functions with real HttpRequest objects over in-memory services:
 * attachments served safely, quarantine listed and re-processed by admins only, the dev
 * outbox, delivery state; every refusal as application/problem+json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { eml, type MailWorld, mailWorld } from '../../../tests/support/mail-world.js';
import { FileOutbox } from '../../adapters/mail/file-outbox.js';
import { SmtpMailbox } from '../../adapters/mail/smtp-mailbox.js';
import { devOutboxFunction } from './dev-outbox.function.js';
import { getAttachmentFunction } from './get-attachment.function.js';
import { listQuarantineFunction } from './list-quarantine.function.js';
import { listTicketSendsFunction } from './list-ticket-sends.function.js';
import { quarantineRawFunction } from './quarantine-raw.function.js';
import { reprocessQuarantineFunction } from './reprocess-quarantine.function.js';

const ADMIN = 'admin@demo.local';
const AGENT = 'alice@demo.local';
const folder = mkdtempSync(join(tmpdir(), 'itil-mail-fn-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const withAttachment = (type: string, name: string) =>
  [
    'From: carol@example.com',
    'To: support@demo.local',
    'Subject: files',
    'Message-ID: <files@example.com>',
    'Content-Type: multipart/mixed; boundary=b',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'see attached',
    '--b',
    `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    '',
    '<script>alert(1)</script>',
    '--b--',
    '',
  ].join('\r\n');

describe('mail HTTP functions', () => {
  let w: MailWorld;
  beforeEach(async () => {
    w = await mailWorld();
  });

  it('serves an attachment with a safe type, as a download, and 404s unknown or malformed ids', async () => {
    const outcome = await w.deliver(withAttachment('text/html', 'évil.html'));
    const entry =
      outcome.status === 'created' ? await w.store.read('tickets', outcome.ticketId, outcome.entryId) : undefined;
    const data = entry?.doc.data as { email: { attachments: { id: string; url: string }[] } } | undefined;
    const attachment = data?.email.attachments[0];
    expect(attachment?.url).toBe(`/api/attachments/${attachment?.id}`);
    const served = await invoke(getAttachmentFunction, w.services, { as: AGENT, params: { id: attachment?.id ?? '' } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toBe(
      `attachment; filename="_vil.html"; filename*=UTF-8''%C3%A9vil.html`,
    );
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    for (const id of ['att_nope', 'not an id', 'q_1']) {
      const missing = await invoke(getAttachmentFunction, w.services, { as: AGENT, params: { id } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await invoke(getAttachmentFunction, w.services, { params: { id: attachment?.id ?? '' } })).status).toBe(
      401,
    );
  });

  it('lists the quarantine for admins only, serves the raw message and re-processes it', async () => {
    const outcome = await w.deliver(
      eml({
        from: 'bot@example.com',
        subject: 'Out of office',
        messageId: 'ooo@example.com',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    expect(outcome.status).toBe('quarantined');
    expect((await invoke(listQuarantineFunction, w.services, { as: AGENT })).status).toBe(403);
    const listed = await invoke(listQuarantineFunction, w.services, { as: ADMIN });
    const items = (listed.json as { items: { id: string; reason: string; rawUrl: string }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]?.reason).toMatch(/automatic mail/);
    expect(items[0]).toMatchObject({ reasonKind: 'automatic' });
    // The reason filter keeps only that kind (issue 18's admin screen).
    const byReason = async (reason: string) =>
      (
        (await invoke(listQuarantineFunction, w.services, { as: ADMIN, path: `admin/quarantine?reason=${reason}` }))
          .json as { items: unknown[] }
      ).items.length;
    expect([await byReason('automatic'), await byReason('bad-token'), await byReason('other')]).toEqual([1, 0, 0]);
    const id = items[0]?.id ?? '';
    const raw = await invoke(quarantineRawFunction, w.services, { as: ADMIN, params: { id } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(raw.headers.get('content-disposition')).toContain(`${id}.eml`);
    const plain = await invoke(reprocessQuarantineFunction, w.services, { as: ADMIN, params: { id } });
    expect(plain.json).toMatchObject({ status: 'quarantined' });
    const forced = await invoke(reprocessQuarantineFunction, w.services, {
      as: ADMIN,
      params: { id },
      body: { forceNewTicket: true },
    });
    expect(forced.json).toMatchObject({ status: 'created' });
    expect((await invoke(reprocessQuarantineFunction, w.services, { as: ADMIN, params: { id } })).json).toMatchObject({
      status: 'duplicate',
    });
    expect((await invoke(listQuarantineFunction, w.services, { as: ADMIN })).json).toMatchObject({ items: [] });
  });

  it('answers bad input with problem+json', async () => {
    const badQuery = await invoke(listQuarantineFunction, w.services, {
      as: ADMIN,
      path: 'admin/quarantine?status=lost',
    });
    expect(badQuery.status).toBe(422);
    const badReason = await invoke(listQuarantineFunction, w.services, {
      as: ADMIN,
      path: 'admin/quarantine?reason=x',
    });
    expect(badReason.status).toBe(422);
    expect(badQuery.headers.get('content-type')).toBe('application/problem+json');
    const badBody = await invoke(reprocessQuarantineFunction, w.services, {
      as: ADMIN,
      params: { id: 'q_1' },
      body: { forceNewTicket: 'yes' },
    });
    expect(badBody.status).toBe(422);
    const unknownField = await invoke(reprocessQuarantineFunction, w.services, {
      as: ADMIN,
      params: { id: 'q_1' },
      body: { force: true },
    });
    expect(unknownField.status).toBe(422);
    expect(
      (await invoke(reprocessQuarantineFunction, w.services, { as: ADMIN, params: { id: 'q_missing' } })).status,
    ).toBe(404);
  });

  it('shows the dev outbox only when mail goes to the outbox, and the delivery state of replies', async () => {
    expect((await invoke(devOutboxFunction, w.services, { as: AGENT })).status).toBe(404);
    const outbox = new FileOutbox(join(folder, 'outbox'));
    const world = await mailWorld({ outbox, send: new SmtpMailbox(w.blobs, { outbox }) });
    const created = await world.deliver(
      eml({ from: 'carol@example.com', subject: 'Printer', messageId: 'p@example.com' }),
    );
    const ticketId = (created as { ticketId: string }).ticketId;
    await world.services.tickets.accept(ticketId, world.actor(AGENT));
    await world.services.tickets.reply(ticketId, { body: 'Try tray 2', cc: [] }, world.actor(AGENT));
    await world.flush();
    const listed = await invoke(devOutboxFunction, world.services, { as: AGENT });
    const [item] = (listed.json as { items: { inReplyTo: string; subject: string; raw: string }[] }).items;
    expect(item).toMatchObject({
      inReplyTo: '<p@example.com>',
      subject: expect.stringMatching(/^\[INC-\d+\] Re: Printer$/),
    });
    expect((await invoke(devOutboxFunction, world.services, { as: AGENT, path: 'dev/outbox?limit=0' })).status).toBe(
      422,
    );
    const sends = await invoke(listTicketSendsFunction, world.services, { as: AGENT, params: { id: ticketId } });
    expect((sends.json as { items: { status: string }[] }).items.map((s) => s.status)).toEqual(['sent']);
  });
});
