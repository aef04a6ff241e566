/**
 * Serves the built SvelteKit SPA (adapter-static) from a directory: safe path resolution,
 * content types, cache headers (hashed `/_app/immutable/` assets forever, `index.html` never)
 * and the SPA fallback to `index.html` for client-side routes.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a URL path inside `root`; undefined when it would escape the root or is malformed. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const rootAbs = resolve(root);
  const full = resolve(join(rootAbs, decoded));
  return full === rootAbs || full.startsWith(rootAbs + sep) ? full : undefined;
}

async function fileAt(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    // not found: the caller tries the next candidate
  }
  return undefined;
}

function cacheControlFor(urlPath: string, filePath: string): string {
  if (urlPath.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
  if (filePath.endsWith('.html')) return 'no-cache';
  return 'public, max-age=300';
}

/** Answers a non-API request from `root`. Returns false when nothing could be served (caller sends 404). */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const urlPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const direct = resolveInside(root, urlPath);
  if (!direct) return false;
  let file = await fileAt(direct);
  if (!file && extname(urlPath) === '') {
    // Prerendered pages (`about.html`) first, then the SPA shell for client-side routes.
    file = (await fileAt(`${direct}.html`)) ?? (await fileAt(join(resolve(root), 'index.html')));
  }
  if (!file) return false;
  const info = await stat(file);
  res.statusCode = 200;
  res.setHeader('content-type', contentTypeFor(file));
  res.setHeader('content-length', info.size);
  res.setHeader('cache-control', cacheControlFor(urlPath, file));
  res.setHeader('x-content-type-options', 'nosniff');
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    res.on('close', () => done());
    stream.pipe(res);
  });
  return true;
}
