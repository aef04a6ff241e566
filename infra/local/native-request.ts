/**
 * A lazy stand-in for the fetch `Request` that @azure/functions' `HttpRequest` wraps.
 *
 * Why: on Node 20 `new Request(...)` costs about 28 µs (measured), more than everything else the
 * host does per request, and most handlers only read `method`, `url`, a header or `json()`.
 * `HttpRequest` accepts an already-built native request (`nativeRequest`, the path the Functions
 * worker itself uses for streaming); this object answers the cheap parts directly and builds a real
 * `Request` only for the rare calls (`formData`, `blob`, `body` stream). http-host.test.ts pins the
 * behaviour so an upgrade of @azure/functions that stops honouring it fails loudly.
 */
import type { IncomingHttpHeaders } from 'node:http';

export class LazyNativeRequest {
  readonly method: string;
  readonly url: string;
  readonly #rawHeaders: IncomingHttpHeaders;
  #headerInit: Record<string, string> | undefined;
  readonly #bytes: Buffer | undefined;
  #headers: Headers | undefined;
  #real: Request | undefined;
  #used = false;

  constructor(method: string, url: string, headers: IncomingHttpHeaders, bytes: Buffer | undefined) {
    this.method = method;
    this.url = url;
    this.#rawHeaders = headers;
    this.#bytes = bytes;
  }

  get headers(): Headers {
    this.#headers ??= new Headers(this.#flatHeaders());
    return this.#headers;
  }

  /** node:http gives repeated headers as arrays; fetch wants one comma-joined value. */
  #flatHeaders(): Record<string, string> {
    if (!this.#headerInit) {
      const out: Record<string, string> = {};
      const src = this.#rawHeaders;
      for (const name in src) {
        const value = src[name];
        if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      this.#headerInit = out;
    }
    return this.#headerInit;
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
        headers: this.#flatHeaders(),
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
