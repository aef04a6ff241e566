/**
 * Route table for the local HTTP host: compiles Azure Functions route templates
 * (`tickets/{id}`, `{id:int}`, optional `{x?}`, catch-all `{*rest}`) once at start-up and
 * matches request paths without regexes on the hot path. Literal segments win over
 * parameters when two templates could match, like the Functions host's ASP.NET routing.
 */

export type SegmentKind = 'literal' | 'constrained' | 'param' | 'optional' | 'catchAll';

interface Segment {
  readonly kind: SegmentKind;
  /** Lower-cased literal text, or the parameter name. */
  readonly text: string;
  readonly test?: (value: string) => boolean;
}

export interface CompiledRoute<T> {
  readonly template: string;
  readonly methods: ReadonlySet<string>;
  readonly target: T;
  readonly segments: readonly Segment[];
  /** Number of segments that must be present (the rest are optional or catch-all). */
  readonly required: number;
}

export type RouteMatch<T> =
  | { readonly kind: 'found'; readonly target: T; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

const CONSTRAINTS: Record<string, (value: string) => boolean> = {
  int: (v) => /^-?\d{1,10}$/.test(v),
  long: (v) => /^-?\d{1,19}$/.test(v),
  alpha: (v) => /^[a-z]+$/i.test(v),
  bool: (v) => /^(true|false)$/i.test(v),
  guid: (v) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v),
};

const KIND_RANK: Record<SegmentKind, number> = { literal: 0, constrained: 1, param: 2, optional: 3, catchAll: 4 };

function compileSegment(raw: string, template: string): Segment {
  if (!raw.startsWith('{')) return { kind: 'literal', text: raw.toLowerCase() };
  if (!raw.endsWith('}')) throw new Error(`Route '${template}': segment '${raw}' mixes text and a parameter`);
  let inner = raw.slice(1, -1);
  if (inner.startsWith('*')) return { kind: 'catchAll', text: inner.slice(1) };
  const optional = inner.endsWith('?');
  if (optional) inner = inner.slice(0, -1);
  const [name, ...constraintNames] = inner.split(':');
  if (!name) throw new Error(`Route '${template}': empty parameter name`);
  const tests = constraintNames.map((c) => {
    const test = CONSTRAINTS[c];
    if (!test) throw new Error(`Route '${template}': unsupported constraint '${c}'`);
    return test;
  });
  const test = tests.length === 0 ? undefined : (value: string) => tests.every((t) => t(value));
  if (optional) return { kind: 'optional', text: name, test };
  return test ? { kind: 'constrained', text: name, test } : { kind: 'param', text: name };
}

export function compileRoute<T>(template: string, methods: readonly string[], target: T): CompiledRoute<T> {
  const parts = template.split('/').filter((p) => p.length > 0);
  const segments = parts.map((p) => compileSegment(p, template));
  segments.forEach((s, i) => {
    if (s.kind === 'catchAll' && i !== segments.length - 1) {
      throw new Error(`Route '${template}': a catch-all parameter must be the last segment`);
    }
    const next = segments[i + 1];
    if (s.kind === 'optional' && next && next.kind !== 'optional' && next.kind !== 'catchAll') {
      throw new Error(`Route '${template}': only trailing parameters can be optional`);
    }
  });
  const required = segments.filter((s) => s.kind !== 'optional' && s.kind !== 'catchAll').length;
  return { template, methods: new Set(methods.map((m) => m.toUpperCase())), target, segments, required };
}

/** Orders routes so the most specific template is tried first (literal < constrained < param ...). */
function bySpecificity<T>(a: CompiledRoute<T>, b: CompiledRoute<T>): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const ka = a.segments[i];
    const kb = b.segments[i];
    if (!ka || !kb) return ka ? 1 : -1;
    const diff = KIND_RANK[ka.kind] - KIND_RANK[kb.kind];
    if (diff !== 0) return diff;
  }
  return 0;
}

function matchSegments<T>(route: CompiledRoute<T>, parts: readonly string[]): Record<string, string> | undefined {
  const segs = route.segments;
  if (parts.length < route.required) return undefined;
  const last = segs[segs.length - 1];
  if (parts.length > segs.length && last?.kind !== 'catchAll') return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.kind === 'catchAll') {
      if (i < parts.length) params[seg.text] = parts.slice(i).map(safeDecode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return params; // remaining segments are optional
    if (seg.kind === 'literal') {
      if (part.length !== seg.text.length || part.toLowerCase() !== seg.text) return undefined;
      continue;
    }
    const value = safeDecode(part);
    if (seg.test && !seg.test(value)) return undefined;
    params[seg.text] = value;
  }
  return params;
}

function safeDecode(part: string): string {
  if (!part.includes('%')) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export class RouteTable<T> {
  readonly #literal = new Map<string, CompiledRoute<T>[]>();
  readonly #dynamic: CompiledRoute<T>[] = [];

  constructor(routes: readonly CompiledRoute<T>[]) {
    for (const route of routes) {
      if (route.segments.every((s) => s.kind === 'literal')) {
        const key = route.segments.map((s) => s.text).join('/');
        const list = this.#literal.get(key) ?? [];
        list.push(route);
        this.#literal.set(key, list);
      } else {
        this.#dynamic.push(route);
      }
    }
    this.#dynamic.sort(bySpecificity);
  }

  /** `path` is the part after the route prefix, without query string or leading slash. */
  match(method: string, path: string): RouteMatch<T> {
    const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
    let allow: string[] | undefined;
    const literal = this.#literal.get(trimmed.toLowerCase());
    if (literal) {
      for (const route of literal) {
        if (route.methods.has(method)) return { kind: 'found', target: route.target, params: {} };
      }
      allow = literal.flatMap((r) => [...r.methods]);
    }
    if (this.#dynamic.length > 0) {
      const parts = trimmed.length === 0 ? [] : trimmed.split('/');
      for (const route of this.#dynamic) {
        const params = matchSegments(route, parts);
        if (!params) continue;
        if (route.methods.has(method)) return { kind: 'found', target: route.target, params };
        allow = (allow ?? []).concat([...route.methods]);
      }
    }
    return allow ? { kind: 'method-not-allowed', allow: [...new Set(allow)] } : { kind: 'not-found' };
  }
}
