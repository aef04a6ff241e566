/**
 * A lazy stand-in for the fetch `Request` that @azure/functions' `HttpRequest` wraps.
 *
 * Why: on Node 20 `new Request(...)` costs about 28 µs (measured), more than everything else the
 * host does per request, and most handlers only read `method`, `url`, a header or `json()`.
 * `HttpRequest` accepts an already-built native request (`nativeRequest`, the path the Functions
 * worker itself uses for streaming); this object answers the cheap parts directly and builds a real
 * `Request` only for the rare calls (`formData`, `blob`, `body` stream). Its headers are
 * RequestHeaders, a Headers over node's already-parsed header object (an undici `Headers` costs
 * more to build than a GET spends in authentication). http-host.test.ts and
 * native-request.test.ts pin the behaviour so an upgrade that stops honouring it fails loudly.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** node:http gives repeated headers as arrays; fetch wants one comma-joined value. */
const joined = (value: string | string[]): string => (Array.isArray(value) ? value.join(', ') : value);

/**
 * The fetch `Headers` interface over node:http's header object (names already lower case).
 * Reads answer from that object; the first write switches to a private copy.
 */
export class RequestHeaders implements Headers {
  #source: IncomingHttpHeaders;
  #own = false;

  constructor(source: IncomingHttpHeaders) {
    this.#source = source;
  }

  get(name: string): string | null {
    const value = this.#source[name.toLowerCase()];
    return value === undefined ? null : joined(value);
  }

  has(name: string): boolean {
    return this.#source[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    const value = this.#source['set-cookie'];
    return value === undefined ? [] : [...value];
  }

  set(name: string, value: string): void {
    this.#writable()[name.toLowerCase()] = String(value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const current = this.get(key);
    this.#writable()[key] = current === null ? String(value) : `${current}, ${value}`;
  }

  delete(name: string): void {
    delete this.#writable()[name.toLowerCase()];
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  *entries(): IterableIterator<[string, string]> {
    const names = Object.keys(this.#source)
      .filter((n) => this.#source[n] !== undefined)
      .sort();
    for (const name of names) yield [name, joined(this.#source[name] as string | string[])];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  #writable(): IncomingHttpHeaders {
    if (!this.#own) {
      this.#source = { ...this.#source };
      this.#own = true;
    }
    return this.#source;
  }
}

export class LazyNativeRequest {
  readonly method: string;
  readonly url: string;
  readonly #rawHeaders: IncomingHttpHeaders;
  readonly #bytes: Buffer | undefined;
  #headers: RequestHeaders | undefined;
  #real: Request | undefined;
  #used = false;

  constructor(method: string, url: string, headers: IncomingHttpHeaders, bytes: Buffer | undefined) {
    this.method = method;
    this.url = url;
    this.#rawHeaders = headers;
    this.#bytes = bytes;
  }

  get headers(): Headers {
    this.#headers ??= new RequestHeaders(this.#rawHeaders);
    return this.#headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#bytes ? this.#realRequest().body : null;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#real?.bodyUsed ?? false);
  }

  #take(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes ?? Buffer.alloc(0);
  }

  #realRequest(): Request {
    if (!this.#real) {
      const hasBody = this.#bytes !== undefined && this.method !== 'GET' && this.method !== 'HEAD';
      this.#real = new Request(this.url, {
        method: this.method,
        headers: [...this.headers],
        ...(hasBody ? { body: this.#bytes } : {}),
      });
    }
    return this.#real;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return this.#take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return this.#realRequest().blob();
  }

  async formData(): Promise<FormData> {
    return this.#realRequest().formData();
  }

  clone(): LazyNativeRequest {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    return new LazyNativeRequest(this.method, this.url, this.#rawHeaders, this.#bytes);
  }
}
