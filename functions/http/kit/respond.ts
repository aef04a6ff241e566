/** Building responses: JSON with optional ETag, and results mapped through the problem table. */
import type { HttpResponseInit } from '@azure/functions';
import type { Result } from '../../../shared/kernel/result.js';
import { problemResponse } from './problem.js';

export const json = (status: number, body: unknown, etag?: string): HttpResponseInit => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...(etag ? { etag: `"${etag}"` } : {}) },
  body: JSON.stringify(body),
});

export const fromResult = <T>(result: Result<T>, onOk: (value: T) => HttpResponseInit): HttpResponseInit =>
  result.ok ? onOk(result.value) : problemResponse(result.error);
