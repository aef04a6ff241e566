/**
 * Opaque query cursors shared by both adapters: base64url JSON carrying a fingerprint of the
 * query it belongs to (container, partition, filters, order) and the adapter's position
 * (SQLite: the last row's sort values and id; Cosmos: the SDK continuation token). A cursor
 * from another query, or one that does not decode, throws InvalidCursorError.
 */
import { createHash } from 'node:crypto';
import { InvalidCursorError, type QuerySpec } from '../../../shared/ports/document-store.js';

/** JSON with object keys sorted, so two equal specs fingerprint alike whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function queryFingerprint(container: string, spec: QuerySpec): string {
  const shape = { container, partitionKey: spec.partitionKey ?? null, where: spec.where, orderBy: spec.orderBy ?? [] };
  return createHash('sha256').update(canonicalJson(shape)).digest('base64url').slice(0, 22);
}

export function encodeCursor(fingerprint: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ f: fingerprint, p: position }), 'utf8').toString('base64url');
}

/** Returns the position stored in the cursor after checking it belongs to `fingerprint`. */
export function decodeCursor(cursor: string, fingerprint: string): unknown {
  let parsed: unknown;
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    // Buffer decoding skips stray characters; a cursor must be exactly what encodeCursor made.
    if (bytes.toString('base64url') !== cursor) throw new Error('not canonical base64url');
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidCursorError('The cursor cannot be decoded');
  }
  if (parsed === null || typeof parsed !== 'object' || !('f' in parsed) || !('p' in parsed)) {
    throw new InvalidCursorError('The cursor cannot be decoded');
  }
  if (parsed.f !== fingerprint) throw new InvalidCursorError('The cursor belongs to another query');
  return parsed.p;
}
