import azf, { type HttpRequestInit } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { LazyNativeRequest, RequestHeaders } from './native-request.js';

const { HttpRequest } = azf;

/** Wraps the lazy request the way the host does, so the real HttpRequest API is what is tested. */
function wrap(method: string, body?: string, headers: Record<string, string | string[]> = {}) {
  const native = new LazyNativeRequest(
    method,
    'http://localhost:7071/api/x?a=1&a=2',
    headers,
    body === undefined ? undefined : Buffer.from(body),
  );
  return new HttpRequest({ nativeRequest: native, params: { id: '7' } } as HttpRequestInit);
}

describe('LazyNativeRequest inside HttpRequest', () => {
  it('exposes method, url, params, query and joined headers', () => {
    const req = wrap('GET', undefined, { 'x-one': 'a', 'x-many': ['b', 'c'] });
    expect([req.method, req.url, req.params.id, req.query.getAll('a')]).toEqual([
      'GET',
      'http://localhost:7071/api/x?a=1&a=2',
      '7',
      ['1', '2'],
    ]);
    expect([req.headers.get('x-one'), req.headers.get('x-many')]).toEqual(['a', 'b, c']);
  });

  it('reads the body once as text, json or bytes, like fetch', async () => {
    const req = wrap('POST', '{"a":1}');
    expect(req.bodyUsed).toBe(false);
    expect(await req.clone().text()).toBe('{"a":1}');
    expect(await req.json()).toEqual({ a: 1 });
    expect(req.bodyUsed).toBe(true);
    await expect(req.text()).rejects.toThrow(TypeError);
    expect(new Uint8Array(await wrap('POST', 'hi').arrayBuffer())).toEqual(new Uint8Array([104, 105]));
  });

  it('rejects invalid JSON and an empty body as JSON', async () => {
    await expect(wrap('POST', '{nope').json()).rejects.toThrow(SyntaxError);
    await expect(wrap('POST').json()).rejects.toThrow(SyntaxError);
  });

  it('falls back to a real Request for form data and the body stream', async () => {
    const form = wrap('POST', 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' });
    expect((await form.formData()).get('b')).toBe('2');
    const streamed = wrap('POST', 'stream me');
    expect(await new Response(streamed.body).text()).toBe('stream me');
    expect(wrap('GET').body).toBeNull();
  });
});

describe('RequestHeaders', () => {
  const source = () => ({ 'x-b': 'two', 'x-a': ['one', 'uno'], 'set-cookie': ['a=1', 'b=2'], host: 'h' });

  it('answers like a fetch Headers built from the same node:http headers', () => {
    const ours = new RequestHeaders(source());
    const real = new Headers([
      ['x-b', 'two'],
      ['x-a', 'one, uno'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['host', 'h'],
    ]);
    for (const name of ['X-A', 'x-b', 'missing', 'HOST'])
      expect([name, ours.get(name), ours.has(name)]).toEqual([name, real.get(name), real.has(name)]);
    expect(ours.getSetCookie()).toEqual(real.getSetCookie());
    expect([...ours.keys()].filter((k) => k !== 'set-cookie')).toEqual(
      [...new Set(real.keys())].filter((k) => k !== 'set-cookie'),
    );
    expect(Object.fromEntries(new Headers(ours))).toEqual({ ...Object.fromEntries(real), 'set-cookie': 'a=1, b=2' });
  });

  it('writes to its own copy, never to the request it reads from', () => {
    const raw = source();
    const headers = new RequestHeaders(raw);
    headers.set('X-New', '1');
    headers.append('x-b', 'three');
    headers.delete('host');
    expect([headers.get('x-new'), headers.get('x-b'), headers.has('host')]).toEqual(['1', 'two, three', false]);
    expect(raw).toEqual(source());
    const seen: string[] = [];
    headers.forEach((value, key) => {
      seen.push(`${key}=${value}`);
    });
    expect(seen).toContain('x-b=two, three');
  });
});
