/**
 * Regular expressions for rule conditions that cannot backtrack catastrophically: patterns run
 * on re2js (RE2 syntax, linear time in the input whatever the pattern, so no `(a+)+$` blow-up on
 * hostile ticket text). RE2 has no back-references or look-around (they need backtracking).
 * Patterns (200 characters, repetitions up to {20}) and inputs (the first 4,000 characters) stay
 * bounded as they were with the hand-written automaton this replaced (ADR 0028).
 */
import { RE2JS } from 're2js';

export const MAX_PATTERN_LENGTH = 200;
export const MAX_INPUT_LENGTH = 4_000;
const MAX_REPEAT = 20;

export interface SafePattern {
  test(input: string): boolean;
}

const REPEAT = /(\\*)\{(\d+)(?:,(\d*))?\}/g;

/** Why a pattern is refused before RE2 sees it (bounds and friendly names for missing syntax), or null. */
function preCheck(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern)) return 'back-references are not supported (RE2 syntax)';
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around is not supported (RE2 syntax)';
  for (const m of pattern.matchAll(REPEAT)) {
    if ((m[1] as string).length % 2 === 1) continue; // an escaped brace is a literal
    const min = Number(m[2]);
    const max = m[3] === undefined ? min : m[3] === '' ? null : Number(m[3]);
    if (min > MAX_REPEAT || (max !== null && max > MAX_REPEAT))
      return `repetition ${m[0].slice((m[1] as string).length)} is outside 0..${MAX_REPEAT}`;
  }
  return null;
}

class Re2Pattern implements SafePattern {
  constructor(private readonly re: RE2JS) {}

  test(raw: string): boolean {
    const input = raw.length > MAX_INPUT_LENGTH ? raw.slice(0, MAX_INPUT_LENGTH) : raw;
    return this.re.matcher(input).find();
  }
}

const cache = new Map<string, SafePattern>();

export function compileSafePattern(pattern: string, ignoreCase = false): SafePattern {
  const key = `${ignoreCase ? 'i' : '-'}${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const problem = preCheck(pattern);
  if (problem) throw new Error(problem);
  const compiled = new Re2Pattern(RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0));
  if (cache.size > 1_000) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** Null when the pattern is usable, else why not (for save-time validation). */
export function checkSafePattern(pattern: string): string | null {
  try {
    compileSafePattern(pattern);
    return null;
  } catch (error) {
    return `unsafe or unsupported pattern: ${(error as Error).message}`;
  }
}
