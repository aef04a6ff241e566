/**
 * Dotted document field paths (`requester.email`) as both adapters accept them. Paths end up
 * inside SQL text (SQLite JSON paths, Cosmos bracket accessors), so every segment is checked
 * against a conservative pattern instead of being escaped.
 */
const SEGMENT = /^[A-Za-z0-9_$@-]+$/;

/** Splits a dotted path into its segments; throws on anything that is not a plain property name. */
export function fieldSegments(path: string): string[] {
  const segments = path.split('.');
  if (!segments.every((segment) => SEGMENT.test(segment))) {
    throw new Error(`Unsupported document field path: ${JSON.stringify(path)}`);
  }
  return segments;
}

/** SQLite JSON path for json_extract: `$."requester"."email"`. */
export function sqliteJsonPath(path: string): string {
  return `$${fieldSegments(path)
    .map((segment) => `."${segment}"`)
    .join('')}`;
}
