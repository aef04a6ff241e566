/**
 * The query language people type, parsed into tokens the adapters turn into their own syntax:
 *   printer broken      every word must match as a whole word, the last one typed also as the
 *                       start of a longer word (type-ahead: `printer bro` finds "broken")
 *   "paper jam"         the words next to each other, in that order
 *   -toner              leaves out what matches
 *   requester:alice     a word in one field (prefixes come from the caller: requester, number, tag)
 * Anything else is text: a stray `"`, `*`, `(`, `NEAR` or `:` is a character to split on, never an
 * operator, so no input reaches an engine as syntax. Length and clause counts are bounded.
 */
import { fail, ok, type Result } from '../kernel/result.js';
import type { ParsedQuery, QueryClause } from '../ports/search-index.js';
import { tokenize } from './search-text.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_CLAUSES = 10;
export const MAX_TOKENS = 24;

/** A field prefix: the fields it searches, and whether its words must match whole (`exact`). */
export interface FieldPrefix {
  readonly fields: readonly string[];
  readonly exact?: boolean;
}

interface RawItem {
  readonly negated: boolean;
  readonly prefix: string | null;
  readonly text: string;
  readonly quoted: boolean;
}

/** Splits the input into items, honouring quotes; an unbalanced quote runs to the end. */
function items(input: string): RawItem[] {
  const out: RawItem[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i] as string)) i++;
    if (i >= input.length) break;
    let negated = false;
    if (input[i] === '-') {
      negated = true;
      i++;
    }
    let prefix: string | null = null;
    const head = /^([A-Za-z]+):(?=\S)/.exec(input.slice(i));
    if (head) {
      prefix = (head[1] as string).toLowerCase();
      i += head[0].length;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close < 0 ? input.length : close;
      out.push({ negated, prefix, text: input.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else {
      let end = i;
      while (end < input.length && !/\s/.test(input[end] as string)) end++;
      out.push({ negated, prefix, text: input.slice(i, end), quoted: false });
      i = end;
    }
  }
  return out;
}

export function parseQuery(input: string, prefixes: Readonly<Record<string, FieldPrefix>> = {}): Result<ParsedQuery> {
  if (input.length > MAX_QUERY_LENGTH)
    return fail('SEARCH.INVALID_QUERY', `A search is at most ${MAX_QUERY_LENGTH} characters`);
  const clauses: QueryClause[] = [];
  const all = items(input);
  for (const [n, item] of all.entries()) {
    const known = item.prefix !== null ? prefixes[item.prefix] : undefined;
    // An unknown prefix (`foo:bar`) is ordinary text.
    const text = item.prefix !== null && !known ? `${item.prefix} ${item.text}` : item.text;
    const tokens = tokenize(text);
    if (tokens.length === 0) continue;
    const phrase = item.quoted || tokens.length > 1;
    const last = tokens[tokens.length - 1] as string;
    // Only what is typed last is the start of a longer word (type-ahead: the word being typed); the
    // words before it are whole words, as are quoted phrases and exact fields, and a single letter
    // never fans out to every word. A prefix costs an engine far more than a whole word.
    const prefix = n === all.length - 1 && !item.quoted && !known?.exact && last.length >= 2;
    clauses.push({ tokens, phrase, prefix, fields: known?.fields ?? [], negated: item.negated });
  }
  if (clauses.length === 0) return fail('SEARCH.INVALID_QUERY', 'Type a word, a "phrase" or a ticket number');
  if (!clauses.some((c) => !c.negated))
    return fail('SEARCH.INVALID_QUERY', 'Say what to look for, not only what to leave out (-word)');
  if (clauses.length > MAX_CLAUSES)
    return fail('SEARCH.INVALID_QUERY', `A search has at most ${MAX_CLAUSES} words or phrases`);
  if (clauses.reduce((n, c) => n + c.tokens.length, 0) > MAX_TOKENS)
    return fail('SEARCH.INVALID_QUERY', `A search has at most ${MAX_TOKENS} words in all`);
  return ok({ clauses });
}
