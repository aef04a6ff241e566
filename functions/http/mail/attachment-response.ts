/**
 * How stored mail content is served: only content types a browser renders harmlessly keep their
 * type (everything else is application/octet-stream, so no HTML or SVG from a customer ever runs
 * on our origin), always as a download (Content-Disposition: attachment), never sniffed, and
 * sandboxed by CSP should it be opened anyway.
 */
import type { HttpResponseInit } from '@azure/functions';

const SAFE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'message/rfc822',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export const safeContentType = (declared: string): string => {
  const base = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!SAFE_TYPES.has(base)) return 'application/octet-stream';
  return base.startsWith('text/') ? `${base}; charset=utf-8` : base;
};

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
export const contentDisposition = (filename: string): string => {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'attachment';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
};

export const fileResponse = (content: Uint8Array, contentType: string, filename: string): HttpResponseInit => ({
  status: 200,
  headers: {
    'content-type': safeContentType(contentType),
    'content-disposition': contentDisposition(filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=300',
  },
  body: content,
});
