/** Building responses: JSON with optional ETag, and results mapped through the problem table. */
import type { HttpResponseInit } from '@azure/functions';
import type { Result } from '../../../shared/kernel/result.js';
import { problemResponse } from './problem.js';

export const json = (status: number, body: unknown, etag?: string): HttpResponseInit =>
  jsonText(status, JSON.stringify(body), etag);

/** JSON that is already serialized (a cached rendering). */
export const jsonText = (status: number, text: string, etag?: string): HttpResponseInit => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...(etag ? { etag: `"${etag}"` } : {}) },
  body: text,
});

export const fromResult = <T>(result: Result<T>, onOk: (value: T) => HttpResponseInit): HttpResponseInit =>
  result.ok ? onOk(result.value) : problemResponse(result.error);
