/**
 * The real-world corpus (../shared/fixtures/mail, 103 messages: broken headers, odd charsets,
 * nested MIME, bounces): every message becomes a ticket whose mail entry keeps the sender,
 * the subject our parser reads and the attachments mailparser sees, or is quarantined with a
 * reason and its raw bytes. Nothing throws, nothing disappears. Subjects and sender names are
 * measured against what the senders wrote (corpus-expected.ts, read by hand from the bytes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { MailparserMimeParser } from '../../functions/adapters/mail/mailparser-parser.js';
import type { StoredDocument } from '../../shared/ports/document-store.js';
import type { TimelineEntry } from '../../shared/timeline/timeline-entry.js';
import { mailWorld } from '../support/mail-world.js';
import { CORPUS_EXPECTED } from './corpus-expected.js';

const CORPUS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'mail');

const corpusFiles = (): string[] =>
  readdirSync(CORPUS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => join(CORPUS_DIR, f));

type EmailData = { from: { address: string }; subject: string; attachments: unknown[] };

describe('the real-world mail corpus', () => {
  const files = corpusFiles();

  it('finds all 103 messages', () => {
    expect(files).toHaveLength(103);
  });

  it('ingests or quarantines every message, keeping sender, subject and attachment count', async () => {
    const parser = new MailparserMimeParser();
    const outcomes: Record<string, string[]> = {};
    for (const file of files) {
      const name = relative(CORPUS_DIR, file);
      const raw = readFileSync(file);
      const expected = await simpleParser(raw);
      const ours = await parser.parse(new Uint8Array(raw));
      const w = await mailWorld();
      const outcome = await w.deliver(new Uint8Array(raw));
      outcomes[outcome.status] = [...(outcomes[outcome.status] ?? []), name];
      if (outcome.status === 'quarantined') {
        const record = await w.services.mail.quarantine.get(outcome.quarantineId);
        expect(record?.reason, name).toMatch(/\w{5,}/);
        expect(await w.services.mail.quarantine.raw(record!), name).toEqual(new Uint8Array(raw));
        continue;
      }
      expect(outcome.status, name).toBe('created');
      if (outcome.status !== 'created') continue;
      const ticket = (
        await w.store.read<{ id: string; docType: string; requester: { email: string } }>(
          'tickets',
          outcome.ticketId,
          outcome.ticketId,
        )
      )?.doc;
      const entry = (await w.store.read<TimelineEntry & StoredDocument>('tickets', outcome.ticketId, outcome.entryId))
        ?.doc;
      const email = entry?.data.email as EmailData;
      // mailparser's sender, or (rfc2822/example13) the obsolete `From  :` line it drops.
      const sender = expected.from?.value[0]?.address?.toLowerCase() ?? ours.from?.address;
      expect(ticket?.requester.email, name).toBe(sender);
      expect(email.from.address, name).toBe(sender);
      // The subject our parser reads (measured against the hand-read table below).
      expect(email.subject, name).toBe(ours.subject);
      expect(email.attachments, name).toHaveLength(expected.attachments.length);
    }
    console.info(Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [k, v.length])), outcomes.quarantined);
    expect((outcomes.created ?? []).length).toBeGreaterThan(80);
  }, 120_000);

  it('reads at least 98% of subjects and of sender names as the sender wrote them', async () => {
    const parser = new MailparserMimeParser();
    const misses: string[] = [];
    const mailparserMisses: string[] = [];
    for (const file of files) {
      const name = relative(CORPUS_DIR, file).replace(/^mikel-mail\//, '');
      const expected = CORPUS_EXPECTED[name];
      expect(expected, `${name} is in corpus-expected.ts`).toBeDefined();
      const [subject, sender] = expected as readonly [string, string | null];
      const raw = readFileSync(file);
      const email = await parser.parse(new Uint8Array(raw));
      if (email.subject !== subject) misses.push(`${name} (subject)`);
      if ((email.from?.name ?? null) !== sender) misses.push(`${name} (sender name)`);
      // The same measure for mailparser alone, for the record.
      const plain = await simpleParser(raw);
      if ((plain.subject ?? '').replace(/[\r\n]+/g, ' ').trim() !== subject) mailparserMisses.push(`${name} (subject)`);
      if ((plain.from?.value[0]?.name?.trim() ?? null) !== sender) mailparserMisses.push(`${name} (sender name)`);
    }
    const share = (kind: string, list: string[]) =>
      `${files.length - list.filter((m) => m.endsWith(`(${kind})`)).length}/${files.length}`;
    console.info(
      `subjects ${share('subject', misses)}, sender names ${share('sender name', misses)}`,
      `(mailparser alone: ${share('subject', mailparserMisses)}, ${share('sender name', mailparserMisses)})`,
      misses,
    );
    // The one left: the sender's Big5 subject was re-encoded (as UTF-8 of Latin-1) before it arrived.
    expect(misses).toEqual(['error_emails/content_transfer_encoding_empty.eml (subject)']);
  }, 60_000);

  it('replays the whole corpus twice into one mailbox without a second entry for any message', async () => {
    const w = await mailWorld();
    const first = [];
    for (const file of files) first.push(await w.deliver(new Uint8Array(readFileSync(file))));
    const second = [];
    for (const file of files) second.push(await w.deliver(new Uint8Array(readFileSync(file))));
    expect(second.filter((o) => o.status !== 'duplicate')).toEqual([]);
    // In the first pass only a Message-ID seen before (the corpus has CRLF/LF twins) counts as a duplicate.
    const seen = new Set<string | null>();
    for (const outcome of first) {
      if (outcome.status === 'duplicate') expect(seen.has(outcome.messageId), outcome.messageId).toBe(true);
      seen.add(outcome.messageId);
    }
    expect(first.filter((o) => o.status === 'created' || o.status === 'attached').length).toBeGreaterThan(50);
  }, 120_000);
});
