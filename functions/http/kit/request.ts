/**
 * Reading requests at the edge: JSON bodies with a size limit, query strings and route
 * parameters, all validated by zod schemas. Every failure is a problem response, never a throw.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import { ZId } from '../../../shared/api/common.schemas.js';
import { isStorableId } from '../../../shared/storage/storable-id.js';
import { problem } from './problem.js';

export const MAX_BODY_BYTES = 1_048_576;

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: HttpResponseInit };

const validationProblem = (error: z.ZodError, where: string): HttpResponseInit =>
  problem(
    'REQUEST.VALIDATION_FAILED',
    `The ${where} is not valid: ${error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`).join('; ')}`,
    error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );

export async function readJson<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<Parsed<z.output<S>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    return { ok: false, response: problem('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json') };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES)
    return { ok: false, response: problem('REQUEST.TOO_LARGE', 'The body is larger than 1 MB') };
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    return { ok: false, response: problem('REQUEST.TOO_LARGE', 'The body is larger than 1 MB') };
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: problem('REQUEST.INVALID_JSON', 'The body is not valid JSON') };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, response: validationProblem(parsed.error, 'body') };
}

/** Reads an optional JSON body: an empty body means `{}`. */
export async function readOptionalJson<S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  if (request.headers.get('content-length') === '0' || (!request.headers.get('content-type') && !request.body)) {
    const parsed = schema.safeParse({});
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, response: validationProblem(parsed.error, 'body') };
  }
  return readJson(request, schema);
}

export function readQuery<S extends z.ZodType>(request: HttpRequest, schema: S): Parsed<z.output<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of request.query.entries()) values[key] = value;
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, response: validationProblem(parsed.error, 'query string') };
}

/**
 * The one check every route parameter passes before a handler runs (`authed` calls it): a
 * parameter no store could hold names nothing, so the answer is a 404 problem, never a store error.
 */
export function routeParamProblem(request: HttpRequest): HttpResponseInit | undefined {
  for (const [name, value] of Object.entries(request.params)) {
    if (isStorableId(value)) continue;
    const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
    return problem('REQUEST.NOT_FOUND', `${shown} is not a valid ${name}`);
  }
  return undefined;
}

/** A route parameter that must look like an id (or ticket number); anything else is a 404, not a 500. */
export function readId(request: HttpRequest, name = 'id'): Parsed<string> {
  const parsed = ZId.safeParse(request.params[name]);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, response: problem('REQUEST.NOT_FOUND', `'${request.params[name] ?? ''}' is not a valid ${name}`) };
}

/** The caller's If-Match (quotes stripped), when given. */
export const ifMatchOf = (request: HttpRequest): string | undefined => {
  const value = request.headers.get('if-match');
  return value ? value.replace(/^W\//, '').replace(/^"|"$/g, '') : undefined;
};
