import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBlobStore, SYNC_WRITE_MAX_BYTES } from './file-blob-store.js';
import { HmacSigner } from './hmac-signer.js';
import { MailparserMimeParser } from './mailparser-parser.js';
import { MemoryBlobStore } from './memory-blob-store.js';
import { RawMailStore } from './raw-mail-store.js';
import { SanitizeHtmlSanitizer } from './sanitize-html-sanitizer.js';

const folder = mkdtempSync(join(tmpdir(), 'itil-mail-adapters-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('SanitizeHtmlSanitizer', () => {
  const clean = (html: string, cids: string[] = []) => new SanitizeHtmlSanitizer().sanitize(html, new Set(cids));

  it('removes scripts, event handlers, forms, frames and javascript: links', () => {
    const out = clean(
      '<p onclick="x()">Hi<script>alert(1)</script></p><form action="/x"><input name=a></form><iframe src="https://e.vil"></iframe><a href="javascript:alert(1)">x</a><style>body{}</style>',
    );
    expect(out).toBe('<p>Hi</p><a target="_blank" rel="noopener noreferrer nofollow">x</a>');
  });

  it('keeps images only when they point at one of the message inline parts', () => {
    expect(
      clean('<img src="cid:logo@x" alt="logo"><img src="https://tracker.example/p.gif"><img src="cid:other@x">', [
        'logo@x',
      ]),
    ).toBe('<img alt="logo" src="cid:logo@x" />');
  });

  it('keeps formatting, safe links and harmless inline styles', () => {
    expect(
      clean('<b style="color: red; background-image: url(https://x)">a</b> <a href="https://example.com">b</a>'),
    ).toBe(
      '<b style="color:red">a</b> <a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">b</a>',
    );
  });
});

describe('SanitizeHtmlSanitizer.toText (html-to-text)', () => {
  const text = (html: string) => new SanitizeHtmlSanitizer().toText(html);

  it('gives the text a reader sees: paragraphs, breaks, lists, entities, links with their address', () => {
    expect(
      text(
        '<h1>Drucker</h1><p>Zeile eins<br>zwei &amp; drei &lt;4&gt; &eacute;&nbsp;&#8364;</p><ul><li>a</li><li>b</li></ul>' +
          '<p><a href="https://status.example/x">Status</a> <a href="https://status.example">https://status.example</a></p>' +
          '<img src="cid:logo@x" alt="logo"><div>&nbsp;</div><blockquote>zitiert</blockquote>',
      ),
    ).toBe(
      'Drucker\n\nZeile eins\nzwei & drei <4> é\u00a0€\n\n * a\n * b\n\nStatus <https://status.example/x> https://status.example\n\n> zitiert',
    );
  });

  it('leaves nothing of head, style and script content', () => {
    expect(
      text(
        '<html><head><title>t</title><style>p{color:red}</style></head><body><script>x()</script><p>Hallo</p></body></html>',
      ),
    ).toBe('Hallo');
  });
});

describe('HmacSigner', () => {
  it('signs deterministically per secret and verifies only its own signatures', () => {
    const a = new HmacSigner('a-secret-of-16+chars');
    const b = new HmacSigner('another-secret-16+chars');
    expect(a.sign('t_1.2')).toMatch(/^[a-z2-7]{20}$/);
    expect(a.sign('t_1.2')).toBe(a.sign('t_1.2'));
    expect(a.verify('t_1.2', a.sign('t_1.2'))).toBe(true);
    expect(a.verify('t_1.2', b.sign('t_1.2'))).toBe(false);
    expect(a.verify('t_1.3', a.sign('t_1.2'))).toBe(false);
    expect(() => new HmacSigner('short')).toThrow();
  });
});

describe('FileBlobStore', () => {
  it('round-trips content and metadata and refuses keys that climb out of its folder', async () => {
    const store = new FileBlobStore(join(folder, 'blobs'));
    const content = new Uint8Array([0, 1, 2, 10, 255]);
    await store.put('attachments/att_1', content, { contentType: 'image/png', filename: 'ä b.png' });
    expect(await store.get('attachments/att_1')).toEqual({ contentType: 'image/png', filename: 'ä b.png', content });
    expect(await store.get('attachments/none')).toBeUndefined();
    await expect(store.put('../escape', content, { contentType: 'x/y' })).rejects.toThrow(/Unsafe/);
  });

  // Small blobs are written in place, large and fsync'ed ones through the thread pool: both ways.
  it.each([
    { way: 'small, in place', fsync: false, size: 6 },
    { way: 'fsync, thread pool', fsync: true, size: 6 },
    { way: 'large, thread pool', fsync: false, size: SYNC_WRITE_MAX_BYTES + 1 },
  ])(
    'replaces a blob written again under the same key whole, leaving no temporary file ($way)',
    async ({ fsync, size }) => {
      const root = join(folder, `again-${fsync}-${size}`);
      const store = new FileBlobStore(root, fsync);
      const first = new Uint8Array(size).fill(7);
      await store.put('raw/q_1', first, { contentType: 'message/rfc822' });
      expect((await store.get('raw/q_1'))?.content).toEqual(first);
      await store.put('raw/q_1', new Uint8Array([9]), { contentType: 'text/plain', filename: 'x' });
      expect(await store.get('raw/q_1')).toEqual({
        contentType: 'text/plain',
        filename: 'x',
        content: new Uint8Array([9]),
      });
      expect(readdirSync(join(root, 'raw'))).toEqual(['q_1']);
    },
  );
});

describe('RawMailStore', () => {
  it('keeps raw messages on disk whatever the blob store, and still reads those kept there before', async () => {
    const earlier = new MemoryBlobStore();
    await earlier.put('inbound/smtp_old.eml', new Uint8Array([1]), { contentType: 'message/rfc822' });
    const root = join(folder, 'raw-mail');
    const store = new RawMailStore(root, earlier);
    // Several puts into folders that do not exist yet, at once (the folder's creation is flushed once).
    await Promise.all(
      ['inbound/a.eml', 'inbound/b.eml', 'quarantine/deep/c.eml'].map((key, i) =>
        store.put(key, new Uint8Array([i + 10]), { contentType: 'message/rfc822' }),
      ),
    );
    expect(readdirSync(join(root, 'inbound')).sort()).toEqual(['a.eml', 'b.eml']);
    expect(await earlier.get('inbound/a.eml')).toBeUndefined();
    expect((await store.get('quarantine/deep/c.eml'))?.content).toEqual(new Uint8Array([12]));
    expect((await store.get('inbound/smtp_old.eml'))?.content).toEqual(new Uint8Array([1]));
    expect(await store.get('inbound/none.eml')).toBeUndefined();
  });
});

describe('MailparserMimeParser', () => {
  it('decodes addresses, encoded subjects, threading headers and inline parts', async () => {
    const raw = [
      'From: =?utf-8?q?J=C3=BCrgen?= <Juergen@Example.com>',
      'To: support@demo.local, "Group": a@x.y, b@x.y;',
      'Subject: =?utf-8?b?R3LDvMOfZQ==?=',
      'Message-ID: <m1@example.com>',
      'In-Reply-To: <p1@example.com>',
      'References: <r0@example.com> <p1@example.com>',
      'Auto-Submitted: auto-replied',
      'Content-Type: multipart/related; boundary=b',
      '',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hi <img src="cid:logo@x"></p>',
      '--b',
      'Content-Type: image/png',
      'Content-ID: <logo@x>',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--b--',
      '',
    ].join('\r\n');
    const email = await new MailparserMimeParser().parse(new TextEncoder().encode(raw));
    expect(email).toMatchObject({
      messageId: 'm1@example.com',
      inReplyTo: ['p1@example.com'],
      references: ['r0@example.com', 'p1@example.com'],
      from: { address: 'juergen@example.com', name: 'Jürgen' },
      subject: 'Grüße',
      headers: { 'auto-submitted': ['auto-replied'] },
    });
    expect(email.to.map((a) => a.address)).toEqual(['support@demo.local', 'a@x.y', 'b@x.y']);
    expect(email.html).toContain('cid:logo@x');
    expect(email.attachments).toEqual([
      expect.objectContaining({ contentType: 'image/png', contentId: 'logo@x', inline: true }),
    ]);
  });
});
