import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineContentIds, MimeParseError, type ParsedEmail } from '../../../shared/mail/parsed-email.js';
import { defaultMailWorkers, MailWorkerPool } from './mail-worker-pool.js';
import { MailparserMimeParser } from './mailparser-parser.js';
import { SanitizeHtmlSanitizer } from './sanitize-html-sanitizer.js';

const CORPUS_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'mail');
const corpus = readdirSync(CORPUS_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.eml'))
  .sort()
  .map((f) => ({ name: f, raw: new Uint8Array(readFileSync(join(CORPUS_DIR, f))) }));

describe('MailWorkerPool (mail-worker.ts in worker threads)', () => {
  const pool = new MailWorkerPool(2);
  afterAll(() => pool.close());

  it('gives the same ParsedEmail as the main thread, plus its sanitized HTML and its text, for every corpus message', async () => {
    const local = new MailparserMimeParser();
    const sanitizer = new SanitizeHtmlSanitizer();
    // mailparser dates a message without a (readable) Date header at the moment it parses it.
    const comparable = ({ sanitizedHtml: _, htmlText: __, ...email }: ParsedEmail) => ({
      ...email,
      date: email.date && Math.abs(Date.parse(email.date) - Date.now()) < 60_000 ? 'now' : email.date,
    });
    const parsed = await Promise.all(corpus.map((m) => pool.parse(m.raw)));
    expect(parsed).toHaveLength(103);
    for (const [index, message] of corpus.entries()) {
      const expected = await local.parse(message.raw);
      const actual = parsed[index] as ParsedEmail;
      expect({ name: message.name, ...comparable(actual) }).toEqual({ name: message.name, ...comparable(expected) });
      const html = expected.html === null ? null : sanitizer.sanitize(expected.html, inlineContentIds(expected));
      expect(actual.sanitizedHtml, message.name).toBe(html);
      expect(actual.htmlText, message.name).toBe(
        html !== null && expected.text.trim() === '' ? sanitizer.toText(html) : null,
      );
    }
    // The corpus has mails with only HTML: their text is made in the worker.
    expect(parsed.filter((p) => typeof p.htmlText === 'string' && p.htmlText !== '').length).toBeGreaterThan(0);
  });

  it('sanitizes HTML as the main-thread sanitizer does', async () => {
    const html =
      '<p onclick="x()">Hi<script>alert(1)</script><img src="cid:logo@x"><img src="https://t.example/p.gif"></p>';
    const expected = new SanitizeHtmlSanitizer().sanitize(html, new Set(['logo@x']));
    expect(await pool.sanitize(html, new Set(['logo@x']))).toBe(expected);
    expect(expected).toContain('cid:logo@x');
    expect(expected).not.toMatch(/script|onclick|t\.example/);
  });

  it('hands back attachment bytes the caller owns, and leaves the raw message intact', async () => {
    const raw = new TextEncoder().encode(
      'From: a@x.y\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: application/octet-stream; name=f.bin\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--b--\r\n',
    );
    const before = raw.slice();
    const email = await pool.parse(raw);
    expect([...(email.attachments[0]?.content ?? [])]).toEqual([0, 1, 2, 3]);
    expect(raw).toEqual(before);
  });

  it('reports what the worker cannot read as a MimeParseError (quarantined, not retried)', async () => {
    await expect(pool.parse('not bytes' as unknown as Uint8Array)).rejects.toBeInstanceOf(MimeParseError);
    expect((await pool.parse(corpus[0]?.raw as Uint8Array)).subject).toBeTypeOf('string');
  });

  it('fails the tasks of a worker that dies with a plain Error, and replaces the worker', async () => {
    const dying = new MailWorkerPool(1);
    await dying.parse(corpus[0]?.raw as Uint8Array);
    // Many in flight, so the kill meets some of them whatever the machine's speed (one could finish first).
    const running = Array.from({ length: 20 }, (_, i) =>
      dying.parse(corpus[i % corpus.length]?.raw as Uint8Array).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    // The pool's only worker, killed as an out-of-memory crash would.
    const [only] = (dying as unknown as { workers: { worker: { terminate(): Promise<number> } }[] }).workers;
    await only?.worker.terminate();
    const errors = (await Promise.all(running)).filter((e) => e !== null);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(MimeParseError);
      expect(String(error)).toMatch(/mail worker stopped/);
    }
    expect((await dying.parse(corpus[1]?.raw as Uint8Array)).subject).toBeTypeOf('string');
    await dying.close();
  });

  it('fails tasks with a plain Error once closed (the queue retries them)', async () => {
    const closing = new MailWorkerPool(1);
    await closing.sanitize('<b>x</b>', new Set());
    await closing.parse(corpus[0]?.raw as Uint8Array);
    await closing.close();
    const error = await closing.parse(corpus[0]?.raw as Uint8Array).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(MimeParseError);
  });

  it('uses every core but the main thread, between 1 and 4 workers', () => {
    expect([1, 2, 3, 8, 64].map(defaultMailWorkers)).toEqual([1, 1, 2, 4, 4]);
  });
});
