import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as rawRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpRequest } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FunctionDefinition, HttpHandler } from '../../functions/catalog/function-definition.js';
import { type HttpHost, startHttpHost } from './http-host.js';

interface Services {
  readonly prefix: string;
}

let lastRequest: HttpRequest | undefined;
const catalog: FunctionDefinition<Services>[] = [
  {
    name: 'get-ticket',
    trigger: { type: 'http', route: 'tickets/{id}', methods: ['GET'] },
    handler:
      (s): HttpHandler =>
      async (request, context) => {
        lastRequest = request;
        return {
          jsonBody: {
            id: `${s.prefix}${request.params.id}`,
            q: request.query.getAll('q'),
            fn: context.functionName,
            hasInvocationId: context.invocationId.length > 10,
            agent: request.headers.get('x-agent'),
            url: request.url,
          },
        };
      },
  },
  {
    name: 'mine',
    trigger: { type: 'http', route: 'tickets/mine', methods: ['GET'] },
    handler: () => async () => ({ status: 203, body: 'mine', headers: { 'x-route': 'literal' } }),
  },
  {
    name: 'create',
    trigger: { type: 'http', route: 'tickets', methods: ['POST'] },
    handler: (): HttpHandler => async (request) => ({
      status: 201,
      headers: new Headers({ location: '/api/tickets/1' }),
      jsonBody: { echoed: await request.json(), method: request.method },
    }),
  },
  {
    name: 'bytes',
    trigger: { type: 'http', route: 'bytes', methods: ['PUT'] },
    handler: (): HttpHandler => async (request) => ({
      body: new Uint8Array(await request.arrayBuffer()),
      headers: { 'content-type': 'application/octet-stream' },
    }),
  },
  {
    name: 'stream',
    trigger: { type: 'http', route: 'stream', methods: ['GET'] },
    handler: () => async () => ({
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('a,'));
          controller.enqueue(new TextEncoder().encode('b'));
          controller.close();
        },
      }),
    }),
  },
  {
    name: 'boom',
    trigger: { type: 'http', route: 'boom', methods: ['GET'] },
    handler: () => async () => {
      throw new Error('secret database password in stack');
    },
  },
  {
    name: 'slow',
    trigger: { type: 'http', route: 'slow', methods: ['GET'] },
    handler: () => async () => {
      await new Promise((r) => setTimeout(r, 200));
      return { jsonBody: { slow: true } };
    },
  },
];

let host: HttpHost;
let webDir: string;
const logs: string[] = [];
let idleCalls = 0;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'web-'));
  mkdirSync(join(webDir, '_app/immutable'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>spa</title>');
  writeFileSync(join(webDir, '_app/immutable/app.abc.js'), 'export {}');
  writeFileSync(join(webDir, 'manifest.webmanifest'), '{}');
  writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret');
  host = await startHttpHost({
    port: 0,
    catalog,
    services: { prefix: 'T-' },
    staticDir: webDir,
    maxBodyBytes: 1024,
    log: (l) => logs.push(l),
    onIdle: () => idleCalls++,
  });
});
afterAll(async () => {
  await host.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('startHttpHost', () => {
  it('counts requests in flight and says when the last one is answered (the queue yields to them)', async () => {
    const before = idleCalls;
    const slow = fetch(`${host.url}/api/slow`);
    // The request reaches the host when the machine gets to it (a fixed 50 ms was not enough under load).
    await vi.waitFor(() => expect(host.inFlight()).toBe(1), { timeout: 2_000, interval: 5 });
    expect(host.idleForMs()).toBe(0);
    await (await slow).json();
    expect(host.inFlight()).toBe(0);
    expect(idleCalls).toBe(before + 1);
    const idle = host.idleForMs();
    await new Promise((r) => setTimeout(r, 30));
    expect(host.idleForMs()).toBeGreaterThanOrEqual(idle + 25);
  });

  it('routes to the catalog handler with a real HttpRequest and InvocationContext', async () => {
    const res = await fetch(`${host.url}/api/tickets/42?q=a&q=b`, { headers: { 'x-agent': 'alice' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      id: 'T-42',
      q: ['a', 'b'],
      fn: 'get-ticket',
      hasInvocationId: true,
      agent: 'alice',
      url: `${host.url}/api/tickets/42?q=a&q=b`,
    });
    expect(lastRequest?.constructor.name).toBe('HttpRequest');
  });

  it('prefers the literal route over the parameter, and writes status, headers and text', async () => {
    const res = await fetch(`${host.url}/api/tickets/mine`);
    expect([res.status, res.headers.get('x-route'), await res.text()]).toEqual([203, 'literal', 'mine']);
  });

  it('passes a JSON body through and writes Headers objects', async () => {
    const res = await fetch(`${host.url}/api/tickets`, { method: 'POST', body: JSON.stringify({ title: 'x' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/tickets/1');
    expect(await res.json()).toEqual({ echoed: { title: 'x' }, method: 'POST' });
  });

  it('round-trips binary bodies and streams', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254]);
    const res = await fetch(`${host.url}/api/bytes`, { method: 'PUT', body: bytes });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(await (await fetch(`${host.url}/api/stream`)).text()).toBe('a,b');
  });

  it('answers 404 and 405 as problem+json', async () => {
    const missing = await fetch(`${host.url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, code: 'REQUEST.NOT_FOUND', title: 'Not Found' });
    const wrong = await fetch(`${host.url}/api/tickets/1`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(await wrong.json()).toMatchObject({ status: 405, code: 'REQUEST.METHOD_NOT_ALLOWED' });
  });

  it('answers 500 problem+json without leaking the error, and logs it', async () => {
    const res = await fetch(`${host.url}/api/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toMatchObject({ status: 500, type: expect.any(String), detail: expect.any(String) });
    expect(logs.some((l) => l.includes('[boom]') && l.includes('secret database password'))).toBe(true);
  });

  it('refuses a body over the limit by content-length and by counting a chunked body', async () => {
    const big = await fetch(`${host.url}/api/tickets`, { method: 'POST', body: 'x'.repeat(2048) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'REQUEST.TOO_LARGE' });
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = rawRequest(`${host.url}/api/tickets`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write('y'.repeat(512));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it('serves static files with content types and cache headers, and falls back to index.html', async () => {
    const asset = await fetch(`${host.url}/_app/immutable/app.abc.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const manifest = await fetch(`${host.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    const spa = await fetch(`${host.url}/tickets/42`);
    expect([spa.status, spa.headers.get('cache-control'), await spa.text()]).toEqual([
      200,
      'no-cache',
      '<!doctype html><title>spa</title>',
    ]);
    expect((await fetch(`${host.url}/missing.png`)).status).toBe(404);
  });

  it('never serves files outside the static directory', async () => {
    const secretName = '/outside-secret.txt';
    for (const path of [`/..${secretName}`, `/%2e%2e${secretName}`, `/..%2f..%2f..%2f..%2ftmp${secretName}`]) {
      // node:http sends the path untouched (fetch would normalise the dots away).
      const body = await new Promise<string>((resolve, reject) => {
        const req = rawRequest(`${host.url}/`, { path }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(body).not.toBe('secret');
    }
  });
});

describe('HttpHost.close', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const own = await startHttpHost({ port: 0, catalog, services: { prefix: '' }, log: () => {} });
    const inFlight = fetch(`${own.url}/api/slow`);
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    expect(await (await inFlight).json()).toEqual({ slow: true });
    await expect(fetch(`${own.url}/api/slow`)).rejects.toThrow();
  });

  it('answers 404 for non-API paths when there is no static directory', async () => {
    const own = await startHttpHost({ port: 0, catalog, services: { prefix: '' }, log: () => {} });
    expect((await fetch(`${own.url}/index.html`)).status).toBe(404);
    await own.close();
  });
});
