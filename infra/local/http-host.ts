/**
 * The local HTTP host: one node:http server that serves every http entry of the function
 * catalog under `/api/<route>` (the same route templates Azure uses), with real
 * `HttpRequest`/`InvocationContext` objects, plus the built web app from `staticDir`.
 * It stands in for Azure Functions Core Tools, which cannot be installed here.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import azf, { type HttpRequestInit, type HttpResponseInit } from '@azure/functions';
import type {
  FunctionDefinition,
  HttpFunctionDefinition,
  HttpHandler,
} from '../../functions/catalog/function-definition.js';
import { functionLogHandler } from './function-log.js';
import { writeProblem, writeResponseInit } from './http-response.js';
import { compileRoute, RouteTable } from './http-router.js';
import { LazyNativeRequest } from './native-request.js';
import { serveStatic } from './static-files.js';

const { HttpRequest, InvocationContext } = azf;

export interface HttpHostOptions<S> {
  readonly port: number;
  readonly host?: string;
  readonly catalog: readonly FunctionDefinition<S>[];
  readonly services: S;
  readonly staticDir?: string;
  readonly maxBodyBytes?: number;
  /** Milliseconds `close()` waits for in-flight requests before cutting connections. */
  readonly closeTimeoutMs?: number;
  /** Called whenever the last request in flight has been answered. */
  readonly onIdle?: () => void;
  readonly log?: (line: string) => void;
  /** LOG_LEVEL=debug: also print the functions' debug and trace lines. */
  readonly verbose?: boolean;
  /**
   * Long-lived responses (the live event stream) by exact path: served outside the catalog and
   * not counted as requests in flight, so an open stream never holds the queue back (ADR 0010).
   */
  readonly streams?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>>;
}

export interface HttpHost {
  readonly url: string;
  readonly port: number;
  /** Requests being answered right now. */
  inFlight(): number;
  /** How long no request has been in flight, in ms; 0 while one is. */
  idleForMs(): number;
  close(): Promise<void>;
}

interface RouteTarget {
  readonly name: string;
  readonly handler: HttpHandler;
  readonly logHandler: (level: string, ...args: unknown[]) => void;
}

class BodyTooLarge extends Error {}

const API_PREFIX = '/api/';

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  return (len !== undefined && len !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export async function startHttpHost<S>(options: HttpHostOptions<S>): Promise<HttpHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  const staticDir = options.staticDir;

  const httpEntries = options.catalog.filter((f): f is HttpFunctionDefinition<S> => f.trigger.type === 'http');
  const table = new RouteTable(
    httpEntries.map((f) => {
      const target: RouteTarget = {
        name: f.name,
        handler: f.handler(options.services),
        logHandler: functionLogHandler(f.name, log, options.verbose ?? false, describe),
      };
      return compileRoute(f.trigger.route, f.trigger.methods, target);
    }),
  );

  let inFlight = 0;
  /** When the last request finished (performance.now()). */
  let lastFinishedAt = performance.now();
  let closing = false;
  let onDrained: (() => void) | undefined;

  function tooLarge(res: ServerResponse): void {
    // The rest of the body is not read, so the connection cannot be reused.
    writeProblem(res, 413, 'REQUEST.TOO_LARGE', `The request body exceeds ${maxBodyBytes} bytes.`, {
      connection: 'close',
    });
  }

  function internalError(res: ServerResponse, name: string, error: unknown): void {
    log(`[${name}] unhandled error: ${describe(error)}`);
    writeProblem(res, 500, 'INTERNAL', 'The server could not complete the request.');
  }

  /** The hot path: one promise (the handler's) plus a `then`, no async wrappers. */
  function invoke(
    req: IncomingMessage,
    res: ServerResponse,
    target: RouteTarget,
    params: Record<string, string>,
    hasQuery: boolean,
    body: Buffer | undefined,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const url = `http://${req.headers.host ?? 'localhost'}${req.url}`;
    const init = hasQuery
      ? { nativeRequest: new LazyNativeRequest(method, url, req.headers, body), params }
      : // An empty query map spares a URL parse when there is no query string.
        { nativeRequest: new LazyNativeRequest(method, url, req.headers, body), params, query: {} };
    const request = new HttpRequest(init as HttpRequestInit);
    const context = new InvocationContext({
      functionName: target.name,
      invocationId: randomUUID(),
      logHandler: target.logHandler,
    });
    let pending: Promise<HttpResponseInit>;
    try {
      pending = target.handler(request, context);
    } catch (error) {
      internalError(res, target.name, error);
      return Promise.resolve();
    }
    return pending.then(
      (result) => {
        if (closing) res.setHeader('connection', 'close');
        return writeResponseInit(res, result);
      },
      (error: unknown) => internalError(res, target.name, error),
    );
  }

  function handleApi(req: IncomingMessage, res: ServerResponse, path: string, hasQuery: boolean): void | Promise<void> {
    const method = req.method ?? 'GET';
    const match = table.match(method, path);
    if (match.kind === 'not-found') {
      writeProblem(res, 404, 'REQUEST.NOT_FOUND', `No function is bound to ${method} /api/${path}.`);
      return;
    }
    if (match.kind === 'method-not-allowed') {
      const allow = match.allow.join(', ');
      writeProblem(res, 405, 'REQUEST.METHOD_NOT_ALLOWED', `Use one of: ${allow}.`, { allow });
      return;
    }
    if (!hasBody(req)) return invoke(req, res, match.target, match.params, hasQuery, undefined);
    if (Number(req.headers['content-length']) > maxBodyBytes) {
      tooLarge(res);
      return;
    }
    return readBody(req, maxBodyBytes).then(
      (body) => invoke(req, res, match.target, match.params, hasQuery, body),
      (error: unknown) => {
        if (error instanceof BodyTooLarge) tooLarge(res);
        else res.destroy();
      },
    );
  }

  async function handleStatic(dir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(await serveStatic(dir, req, res))) writeProblem(res, 404, 'REQUEST.NOT_FOUND', 'Not found.');
  }

  function route(req: IncomingMessage, res: ServerResponse): void | Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (pathname.startsWith(API_PREFIX)) return handleApi(req, res, pathname.slice(API_PREFIX.length), q !== -1);
    if (pathname === '/api') return handleApi(req, res, '', q !== -1);
    if (staticDir) return handleStatic(staticDir, req, res);
    writeProblem(res, 404, 'REQUEST.NOT_FOUND', 'Not found.');
  }

  function finished(): void {
    inFlight--;
    if (inFlight > 0) return;
    lastFinishedAt = performance.now();
    options.onIdle?.();
    onDrained?.();
  }

  function failed(res: ServerResponse, error: unknown): void {
    internalError(res, 'http-host', error);
    finished();
  }

  const streams = options.streams ?? {};
  const server = createServer((req, res) => {
    const stream = streams[(req.url ?? '/').split('?', 1)[0] ?? ''];
    if (stream) {
      try {
        stream(req, res);
      } catch (error) {
        internalError(res, 'http-host', error);
      }
      return;
    }
    inFlight++;
    let pending: void | Promise<void>;
    try {
      pending = route(req, res);
    } catch (error) {
      failed(res, error);
      return;
    }
    if (pending) pending.then(finished, (error: unknown) => failed(res, error));
    else finished();
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, closeTimeoutMs);
        onDrained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    server.closeAllConnections();
    await stopped;
  }

  const idleForMs = () => (inFlight > 0 ? 0 : performance.now() - lastFinishedAt);

  return { url: `http://${shownHost}:${address.port}`, port: address.port, inFlight: () => inFlight, idleForMs, close };
}
