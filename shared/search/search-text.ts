/**
 * How text becomes tokens, the same for documents and queries and for every adapter: Unicode
 * letters and digits, lower-cased, accents folded (SQLite's `unicode61 remove_diacritics 2`, the
 * `itn_text` analyzer of the Azure index). `alice.smith@contoso.com` is the tokens
 * alice, smith, contoso, com.
 */
import { HIT_END, HIT_START } from '../ports/search-index.js';

const SPLIT = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;

/** The longest token kept (longer runs are cut: nobody types a 65-letter word). */
export const MAX_TOKEN_LENGTH = 64;

export const normalise = (text: string): string => text.normalize('NFKD').replace(MARKS, '').toLowerCase();

export const tokenize = (text: string): string[] =>
  normalise(text)
    .split(SPLIT)
    .filter((t) => t !== '')
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH));

// Control characters (the hit markers among them) never reach an index: they could fake a highlight.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text as stored in the index: no control characters, at most `max` characters. */
export const indexText = (text: string, max: number): string => {
  const clean = text.replace(CONTROL, ' ');
  return clean.length > max ? clean.slice(0, max) : clean;
};

export { HIT_END, HIT_START };
