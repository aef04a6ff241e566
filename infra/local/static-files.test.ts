import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveInside } from './static-files.js';

describe('resolveInside', () => {
  const root = resolve('/srv/web');
  it('resolves paths inside the root', () => {
    expect(resolveInside(root, '/_app/x.js')).toBe(join(root, '_app/x.js'));
    expect(resolveInside(root, '/a/../b.css')).toBe(join(root, 'b.css'));
  });
  it('refuses paths that escape the root, encoded or not, and NUL bytes', () => {
    for (const p of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveInside(root, p)).toBeUndefined();
    }
    expect(resolveInside(root, '/../web-other/x')).toBeUndefined();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['index.html', 'text/html; charset=utf-8'],
    ['i.svg', 'image/svg+xml'],
    ['i.PNG', 'image/png'],
    ['d.json', 'application/json; charset=utf-8'],
    ['m.webmanifest', 'application/manifest+json'],
    ['f.woff2', 'font/woff2'],
    ['x.unknown', 'application/octet-stream'],
  ])('%s -> %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});
