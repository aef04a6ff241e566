/**
 * Writes what a catalog handler returned (an `HttpResponseInit` from @azure/functions) onto a
 * node:http response, and writes the host's own `application/problem+json` answers
 * (404, 405, 413, 500) in the same shape as the API's problem documents.
 */
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Cookie, HttpResponseInit } from '@azure/functions';

export type HostProblemCode =
  | 'REQUEST.NOT_FOUND'
  | 'REQUEST.METHOD_NOT_ALLOWED'
  | 'REQUEST.TOO_LARGE'
  | 'REQUEST.INVALID_JSON'
  | 'REQUEST.VALIDATION_FAILED'
  | 'AUTH.UNAUTHENTICATED'
  | 'INTERNAL';

const TITLES: Record<HostProblemCode, string> = {
  'REQUEST.NOT_FOUND': 'Not Found',
  'REQUEST.METHOD_NOT_ALLOWED': 'Method Not Allowed',
  'REQUEST.TOO_LARGE': 'Payload Too Large',
  'REQUEST.INVALID_JSON': 'Bad Request',
  'REQUEST.VALIDATION_FAILED': 'Unprocessable Content',
  'AUTH.UNAUTHENTICATED': 'Unauthorized',
  INTERNAL: 'Internal Server Error',
};

export function writeProblem(
  res: ServerResponse,
  status: number,
  code: HostProblemCode,
  detail: string,
  extraHeaders?: Record<string, string>,
): void {
  const body = JSON.stringify({ type: `about:blank#${code}`, title: TITLES[code], status, detail, code });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/problem+json');
  res.setHeader('content-length', Buffer.byteLength(body));
  if (extraHeaders) for (const name in extraHeaders) res.setHeader(name, extraHeaders[name]!);
  res.end(body);
}

function serializeCookie(c: Cookie): string {
  let out = `${c.name}=${encodeURIComponent(c.value)}`;
  if (c.domain) out += `; Domain=${c.domain}`;
  if (c.path) out += `; Path=${c.path}`;
  if (c.expires !== undefined) out += `; Expires=${new Date(c.expires).toUTCString()}`;
  if (c.maxAge !== undefined) out += `; Max-Age=${c.maxAge}`;
  if (c.secure) out += '; Secure';
  if (c.httpOnly) out += '; HttpOnly';
  if (c.sameSite) out += `; SameSite=${c.sameSite}`;
  return out;
}

function applyHeaders(res: ServerResponse, headers: HttpResponseInit['headers']): void {
  if (!headers) return;
  if (headers instanceof Headers) {
    for (const [name, value] of headers) {
      if (name !== 'set-cookie') res.setHeader(name, value);
    }
    const cookies = headers.getSetCookie();
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers as [string, string][]) res.appendHeader(name, value);
  } else {
    const record = headers as Record<string, string>;
    for (const name in record) res.setHeader(name, record[name]!);
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Writes the handler's response. Synchronous for the usual bodies (JSON, text, bytes) so the hot
 * path allocates no promise; streams and exotic bodies return a promise that settles once written.
 */
export function writeResponseInit(res: ServerResponse, init: HttpResponseInit | undefined): void | Promise<void> {
  const response = init ?? {};
  res.statusCode = response.status ?? 200;
  applyHeaders(res, response.headers);
  if (response.cookies?.length) res.setHeader('set-cookie', response.cookies.map(serializeCookie));

  if (response.jsonBody !== undefined) {
    const text = JSON.stringify(response.jsonBody);
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text);
    return;
  }
  const body = response.body;
  if (body === undefined || body === null) {
    res.end();
    return;
  }
  if (typeof body === 'string') {
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
    return;
  }
  if (body instanceof Uint8Array) {
    res.setHeader('content-length', body.byteLength);
    res.end(body);
    return;
  }
  if (body instanceof ArrayBuffer) {
    res.setHeader('content-length', body.byteLength);
    res.end(Buffer.from(body));
    return;
  }
  if (body instanceof ReadableStream || isAsyncIterable(body)) {
    return pipeBody(res, body instanceof ReadableStream ? Readable.fromWeb(body) : Readable.from(body));
  }
  return writeEncoded(res, body);
}

/** Blob, FormData, URLSearchParams: let the fetch Response do the encoding and content type. */
async function writeEncoded(res: ServerResponse, body: unknown): Promise<void> {
  const encoded = new Response(body as ConstructorParameters<typeof Response>[0]);
  const type = encoded.headers.get('content-type');
  if (type && !res.hasHeader('content-type')) res.setHeader('content-type', type);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  res.setHeader('content-length', bytes.byteLength);
  res.end(bytes);
}

function pipeBody(res: ServerResponse, source: Readable): Promise<void> {
  return new Promise((resolve) => {
    source.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => resolve());
    source.pipe(res);
  });
}
