/**
 * The one fetch wrapper of the web app: attaches the caller's credentials, sends If-Match for
 * optimistic concurrency, returns the ETag, and turns application/problem+json into `ApiError`
 * so every screen can show the server's own explanation.
 */
import type { TProblem } from '$shared/api/common.schemas';

export class ApiError extends Error {
  /** The problem's other members (e.g. the `conflicts` a refused schedule lists). */
  constructor(
    readonly problem: TProblem,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /** Someone else changed the resource first (409 conflict or 412 stale If-Match). */
  get isConflict(): boolean {
    return this.status === 409 || this.status === 412;
  }
}

export interface ApiResult<T> {
  readonly data: T;
  readonly etag: string | null;
}

export interface RequestOptions {
  readonly query?: Record<string, string | number | undefined | null>;
  readonly body?: unknown;
  readonly ifMatch?: string | null;
  readonly signal?: AbortSignal;
}

type HeaderSource = () => Record<string, string>;
let credentials: HeaderSource = () => ({});
let onUnauthenticated: () => void = () => {};

let afterWrite: (path: string) => void = () => {};

/** Told after every successful change (non-GET), so counters such as the bell refresh after actions. */
export function onApiWrite(listener: (path: string) => void): void {
  afterWrite = listener;
}

/** Set once by the auth module: how to authenticate and what to do when the server says 401. */
export function configureClient(headers: HeaderSource, unauthenticated: () => void): void {
  credentials = headers;
  onUnauthenticated = unauthenticated;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return `/api/${path}${qs ? `?${qs}` : ''}`;
}

async function problemOf(response: Response): Promise<{ problem: TProblem; extra?: Record<string, unknown> }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Partial<TProblem>;
    if (parsed && typeof parsed === 'object' && typeof parsed.status === 'number') {
      const {
        type: _t,
        title: _ti,
        status: _s,
        detail: _d,
        code: _c,
        errors: _e,
        ...extra
      } = parsed as Record<string, unknown>;
      const problem: TProblem = {
        type: parsed.type ?? 'about:blank',
        title: parsed.title ?? response.statusText,
        status: parsed.status,
        detail: parsed.detail ?? parsed.title ?? response.statusText,
        code: parsed.code ?? `HTTP.${response.status}`,
        errors: parsed.errors,
      };
      return { problem, extra };
    }
  } catch {
    // not JSON: fall through to a problem made from the status line
  }
  return {
    problem: {
      type: 'about:blank',
      title: response.statusText || 'Request failed',
      status: response.status,
      detail: text.slice(0, 200) || `The server answered ${response.status}`,
      code: `HTTP.${response.status}`,
    },
  };
}

/** Raw authenticated fetch, for downloads (attachments) that are not JSON. */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [key, value] of Object.entries(credentials())) headers.set(key, value);
  return fetch(url, { ...init, headers });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let response: Response;
  try {
    response = await apiFetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'The server could not be reached. Check your connection and try again.',
      code: 'NETWORK.UNREACHABLE',
    });
  }
  if (!response.ok) {
    const { problem, extra } = await problemOf(response);
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(problem, extra);
  }
  const etag = response.headers.get('etag');
  if (method !== 'GET') afterWrite(path);
  if (response.status === 204) return { data: undefined as T, etag };
  return { data: (await response.json()) as T, etag };
}
