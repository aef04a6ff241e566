/** The import page's small rules: the format a file name or its text implies, and the request size the API accepts. */
export type ImportFormat = 'csv' | 'json';

/** The API's request body limit (functions/http/kit/request.ts, MAX_BODY_BYTES). */
export const IMPORT_BODY_LIMIT = 1_048_576;

export function formatOfFile(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  return null;
}

/** A JSON export starts with `{`; a CSV one with its header row. Nothing to go by: null. */
export function guessFormat(content: string): ImportFormat | null {
  const start = content.trimStart();
  if (start === '') return null;
  return start.startsWith('{') ? 'json' : 'csv';
}

/** The UTF-8 size of the request the page would send (escapes and multi-byte characters count). */
export const requestBytes = (body: unknown): number => new TextEncoder().encode(JSON.stringify(body)).length;
