/**
 * Mail from old clients, one fixture per class (tests/fixtures/legacy-mail, written by
 * make-fixtures.ts): read by the production parser and ingested as the inbound-mail queue would.
 * mailparser alone turns the letters of each of these into U+FFFD or mojibake (or leaves the
 * files inside), which the first test records so the fixtures keep proving something.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { MailparserMimeParser } from '../../functions/adapters/mail/mailparser-parser.js';
import { extractUuencodedBlocks, uudecodePart } from '../../functions/adapters/mail/uuencode.js';
import type { StoredDocument } from '../../shared/ports/document-store.js';
import type { TimelineEntry } from '../../shared/timeline/timeline-entry.js';
import { LOG, PNG } from '../fixtures/legacy-mail/make-fixtures.js';
import { mailWorld } from '../support/mail-world.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'legacy-mail');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));
const parser = new MailparserMimeParser();
const parse = (name: string) => parser.parse(fixture(name));

const HEADER_CASES = [
  ['outlook2000-raw-latin1-headers.eml', 'Drucker im 2. Stock: keine Umlaute (ä ö ü ß)', 'Jürgen Müller'],
  ['eudora-undeclared-8bit.eml', 'Problème d’accès à la messagerie – réponse urgente', 'Hélène Dupré'],
  ['pine-raw-koi8r-headers.eml', 'Принтер на третьем этаже не печатает', 'Сергей Иванов'],
  ['netscape-8bit-inside-encoded-word.eml', 'Grüße aus Köln: VPN bricht ab', 'Jörg Weiß'],
  ['utf7-headers-and-body.eml', 'Drucker: „Fehler 0x80“ – bitte prüfen', 'Björn Sørensen'],
] as const;

describe('legacy mail', () => {
  it.each(HEADER_CASES)('reads the subject and sender name of %s as written', async (name, subject, sender) => {
    const email = await parse(name);
    expect(email.subject).toBe(subject);
    expect(email.from?.name).toBe(sender);
    expect(email.text).not.toContain('\uFFFD');
    // What mailparser alone makes of it: the fixture shows a real loss.
    const plain = await simpleParser(Buffer.from(fixture(name)));
    expect(plain.subject === subject && plain.from?.value[0]?.name === sender).toBe(false);
  });

  it('decodes undeclared 8-bit bodies in the charset it detects, and UTF-7 bodies', async () => {
    expect((await parse('eudora-undeclared-8bit.eml')).text).toContain(
      'accéder à ma boîte aux lettres : « mot de passe refusé »',
    );
    const utf7 = await parse('utf7-headers-and-body.eml');
    expect(utf7.text).toBe('Der Drucker meldet „Fehler 0x80“. Grüße, Bjørn');
    expect(utf7.html).toContain('<script>');
  });

  it('stores a UTF-7 HTML body sanitized: the script it hid is gone', async () => {
    const w = await mailWorld();
    const outcome = await w.deliver(fixture('utf7-headers-and-body.eml'));
    if (outcome.status !== 'created') throw new Error(`not created: ${JSON.stringify(outcome)}`);
    const entry = (await w.store.read<TimelineEntry & StoredDocument>('tickets', outcome.ticketId, outcome.entryId))
      ?.doc;
    const email = entry?.data.email as { html: string; subject: string };
    expect(email.subject).toBe('Drucker: „Fehler 0x80“ – bitte prüfen');
    expect(email.html).toBe('<p>Der Drucker meldet „Fehler 0x80“.</p>');
  });

  it('turns x-uuencode parts into their files', async () => {
    const { attachments, text } = await parse('uuencode-transfer-encoding.eml');
    expect(text).toBe('Das Protokoll und ein Bild sind angehaengt.\n');
    expect(attachments.map((a) => [a.filename, a.contentType, Buffer.from(a.content)])).toEqual([
      ['druck.log', 'text/plain', iconv.encode(LOG, 'latin1')],
      ['fehler.png', 'image/png', PNG],
    ]);
  });

  it('takes `begin 644` blocks out of a plain text body as files', async () => {
    const { attachments, text } = await parse('uuencode-block-in-body.eml');
    expect(text).toBe('Hello,\n\nthe screenshot is below.\n\n\nThanks, Pat\n');
    expect(attachments.map((a) => [a.filename, a.contentType, Buffer.from(a.content)])).toEqual([
      ['error.png', 'image/png', PNG],
    ]);
  });

  it('decodes uuencode as the classic tools write it, and leaves look-alikes alone', () => {
    expect(uudecodePart(Buffer.from('begin 644 cat.txt\n#0V%T\n`\nend\n'))?.content.toString()).toBe('Cat');
    const prose = 'begin 644 is how the block starts\nthen some words that are not data\nend\n';
    expect(extractUuencodedBlocks(prose)).toEqual({ files: [], text: prose });
  });

  it('shows a text part with a file name as text and lists it as a file', async () => {
    const { attachments, text } = await parse('text-part-with-filename.eml');
    expect(text).toBe('Siehe Protokoll.\n\nDruckauftrag 4711: Fehler 0x80 (Papierstau)\nWarteschlange: Überlauf\n');
    expect(attachments.map((a) => [a.filename, a.contentType, a.inline, Buffer.from(a.content)])).toEqual([
      ['druck.log', 'text/plain; charset=iso-8859-1', false, iconv.encode(LOG, 'latin1')],
    ]);
  });

  it('unpacks winmail.dat into its files, with their long names', async () => {
    const { attachments } = await parse('outlook-winmail-dat.eml');
    expect(attachments.map((a) => [a.filename, a.contentType, a.content.byteLength])).toEqual([
      ['zappa_av1.jpg', 'image/jpeg', 2937],
      ['bookmark.htm', 'text/html', 85805],
    ]);
    expect(Buffer.from(attachments[0]?.content ?? []).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('keeps a winmail.dat it cannot read as the file, byte for byte', async () => {
    const started = performance.now();
    const { attachments } = await parse('outlook-winmail-dat-corrupt.eml');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(attachments.map((a) => [a.filename, a.contentType])).toEqual([['winmail.dat', 'application/ms-tnef']]);
    expect(Buffer.from(attachments[0]?.content ?? [])).toEqual(readFileSync(join(DIR, 'winmail-corrupt.dat')));
  });

  it('ingests every fixture as a ticket with its files stored', async () => {
    for (const [name, files] of [
      ['outlook-winmail-dat.eml', 2],
      ['uuencode-transfer-encoding.eml', 2],
      ['uuencode-block-in-body.eml', 1],
      ['text-part-with-filename.eml', 1],
      ...HEADER_CASES.map(([n]) => [n, 0] as const),
    ] as const) {
      const w = await mailWorld();
      const outcome = await w.deliver(fixture(name));
      expect(outcome.status, name).toBe('created');
      if (outcome.status !== 'created') continue;
      const entry = (await w.store.read<TimelineEntry & StoredDocument>('tickets', outcome.ticketId, outcome.entryId))
        ?.doc;
      const stored =
        (entry?.data.email as { attachments: { id: string; size: number }[] } | undefined)?.attachments ?? [];
      expect(stored, name).toHaveLength(files);
      for (const a of stored) expect((await w.blobs.get(`attachments/${a.id}`))?.content.byteLength, name).toBe(a.size);
    }
  });
});

/** Text in each script; a charset's sample is what of it the charset can carry. */
const SCRIPTS =
  'Grüße àéîõ ñ ÅØÆ ĄĘŁŃŚŹŻ ČŘŠŽ ŐŰ ĞŞİ Привет Їжак Ελληνικά שלום مرحبا สวัสดี Việt 日本語テスト 中文繁體 한국어 ·€';

/**
 * Every charset iconv-lite can encode, each under one of its names that mail could carry (its
 * table also keys code pages by bare number, "1252", which no mail names).
 */
function iconvCharsets(): string[] {
  iconv.getCodec('utf8'); // loads the table
  const table = (iconv as unknown as { encodings: Record<string, unknown> }).encodings;
  const names = new Map<unknown, string>();
  for (const name of Object.keys(table)) {
    if (name.startsWith('_') || /^\d+$/.test(name)) continue;
    if (/^(?:base64|hex|binary|ucs2|ucs4(?:le|be)?|utf16(?:le|be)?|utf32(?:le|be)?|cesu8)$/.test(name)) continue;
    const codec = iconv.getCodec(name);
    if (!names.has(codec)) names.set(codec, name);
  }
  return [...names.values()];
}

const sampleFor = (charset: string): string =>
  [...SCRIPTS]
    .filter((c) => c === ' ' || (c.codePointAt(0) as number) > 0x7f)
    .filter((c) => iconv.decode(iconv.encode(`a${c}`, charset), charset) === `a${c}`)
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();

describe('charsets', () => {
  const charsets = iconvCharsets();

  it('covers the charsets iconv-lite knows, UTF-7 included', () => {
    expect(charsets.length).toBeGreaterThan(80);
    expect(charsets).toEqual(
      expect.arrayContaining(['utf7', 'latin9', 'cp20866', 'macroman', 'windows949', 'gb18030', 'big5', 'eucjp']),
    );
  });

  it('decodes an encoded-word subject and a body in every one of them', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const charset of charsets) {
      const sample = sampleFor(charset);
      if (sample.replace(/ /g, '').length < 2) continue;
      tried++;
      const text = `Test ${sample}`;
      const encoded = iconv.encode(text, charset);
      const raw = Buffer.concat([
        Buffer.from(
          `From: a@b.example\r\nTo: support@demo.local\r\nSubject: =?${charset}?B?${encoded.toString('base64')}?=\r\n` +
            `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: base64\r\n\r\n`,
        ),
        Buffer.from(`${encoded.toString('base64')}\r\n`),
      ]);
      const email = await parser.parse(new Uint8Array(raw));
      if (email.subject !== text) failures.push(`${charset} subject: ${email.subject}`);
      if (email.text.trim() !== text) failures.push(`${charset} body: ${email.text.trim()}`);
    }
    expect(tried).toBeGreaterThan(80);
    expect(failures).toEqual([]);
  });
});
