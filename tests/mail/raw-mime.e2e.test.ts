/**
 * The raw MIME we keep is byte for byte what arrived, 8-bit bytes and all: a message with a raw
 * ISO-8859-1 Subject, an 8-bit body and a line starting with "." (dot-stuffed on the wire) goes in
 * over SMTP (the listener's stored copy, read back as the queue function does) and through the
 * Graph simulator ($value, as the mailbox adapter fetches it); its
 * automatic twin (quarantined: an auto-reply that matches no ticket) is downloaded from the
 * quarantine's raw endpoint on both paths. Every copy has the sender's SHA-256, and the ticket
 * shows the subject as written.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { type GraphPlatform, SUPPORT_MAILBOX, startGraphPlatform } from './graph-platform.js';

const ADMIN = 'admin@demo.local';
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A mail as an old client sends it: raw Latin-1 in Subject, From and body, no MIME encoding. */
const legacyMail = (tag: string, automatic: boolean): Buffer =>
  Buffer.concat([
    Buffer.from(
      `From: J\xfcrgen M\xfcller <juergen.${tag}@kunde.example>\r\nTo: support@demo.local\r\n` +
        `Subject: ${automatic ? 'Abwesenheitsnotiz: ' : ''}Gr\xfc\xdfe aus K\xf6ln ${tag}\r\n` +
        `Message-ID: <${tag}${automatic ? '-auto' : ''}@kunde.example>\r\nDate: Mon, 3 Jul 2000 09:14:02 +0200\r\n` +
        (automatic ? 'Auto-Submitted: auto-replied\r\n' : '') +
        'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
        'Der Drucker druckt keine Umlaute: \xe4 \xf6 \xfc \xdf.\r\n.Diese Zeile beginnt mit einem Punkt.\r\n' +
        'Bytes: \x80\x9f\xa0\xff\r\n',
      'latin1',
    ),
  ]);

const quarantinedRaw = async (p: RunningPlatform, tag: string): Promise<Buffer> => {
  const list = await p.api<{ items: { id: string; subject: string | null; rawUrl: string }[] }>(
    ADMIN,
    'admin/quarantine',
  );
  const item = list.body.items.find((q) => q.subject?.includes(tag));
  if (!item) throw new Error(`no quarantined mail about ${tag}: ${JSON.stringify(list.body)}`);
  const response = await fetch(`${p.url}${item.rawUrl}`, { headers: { authorization: `Dev ${ADMIN}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
};

const subjectOf = async (p: RunningPlatform, tag: string): Promise<string | undefined> => {
  const list = await p.api<{ items: { title: string }[] }>(ADMIN, `tickets?q=${encodeURIComponent(tag)}`);
  return list.body.items[0]?.title;
};

describe('raw MIME over SMTP', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startRunningPlatform();
  });
  afterAll(() => p.stop());

  it('stores what the SMTP client sent byte for byte, and reads its subject as written', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.platform.smtpPort as number,
      secure: false,
      ignoreTLS: true,
    });
    const envelope = { from: 'juergen@kunde.example', to: ['support@demo.local'] };
    const mail = legacyMail('smtp8bit', false);
    const auto = legacyMail('smtp8bit', true);
    await transport.sendMail({ envelope, raw: mail });
    await transport.sendMail({ envelope, raw: auto });
    await p.platform.drainQueue();
    const inbound = join(p.composition.config.DATA_DIR, 'blobs', 'inbound');
    const smtp = p.composition.services.mail.mailboxFor('smtp');
    const stored = await Promise.all(
      readdirSync(inbound).map(async (file) => {
        const ref = {
          provider: 'smtp',
          mailbox: SUPPORT_MAILBOX,
          providerMessageId: file.replace(/\.eml$/, ''),
        } as const;
        return sha256((await smtp?.fetch(ref))?.raw ?? new Uint8Array());
      }),
    );
    expect(stored.sort()).toEqual([sha256(mail), sha256(auto)].sort());
    expect(await subjectOf(p, 'smtp8bit')).toBe('Grüße aus Köln smtp8bit');
    expect(sha256(await quarantinedRaw(p, 'smtp8bit'))).toBe(sha256(auto));
  });
});

describe('raw MIME through Microsoft Graph (simulator)', () => {
  let g: GraphPlatform;
  beforeAll(async () => {
    g = await startGraphPlatform();
  });
  afterAll(() => g.stop());

  it('ingests the $value bytes unchanged and keeps a quarantined one byte for byte', async () => {
    const mail = legacyMail('graph8bit', false);
    const auto = legacyMail('graph8bit', true);
    const first = await g.sim.deliver(SUPPORT_MAILBOX, mail);
    await g.sim.deliver(SUPPORT_MAILBOX, auto);
    await g.settle();
    // What the mailbox adapter hands to ingestion is what the simulator holds.
    const fetched = await g.running.composition.services.mail.mailboxFor('graph')?.fetch({
      provider: 'graph',
      mailbox: SUPPORT_MAILBOX,
      providerMessageId: first.message.id,
    });
    expect(fetched && sha256(fetched.raw)).toBe(sha256(mail));
    const [ticket] = await g.ticketsAbout('graph8bit');
    expect(ticket?.title).toBe('Grüße aus Köln graph8bit');
    expect(sha256(await quarantinedRaw(g.running, 'graph8bit'))).toBe(sha256(auto));
  });
});
