/**
 * Expected business refusals are values, not exceptions (STYLE.md #5).
 * A `Result` is either `ok` with a value or a `DomainError` with a stable code
 * that the HTTP edge maps to a status and an application/problem+json body.
 */
import type { ErrorCode } from './error-codes.js';

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<T> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Re-types a failed result so it can be returned from a function with another value type. */
export const propagate = <T>(result: { ok: false; error: DomainError }): Result<T> => result;
