/**
 * Compiles a rule condition once into a predicate over the facts of an event, so evaluating 200
 * rules costs a few hundred property reads: field paths are split up front, operators are bound
 * to closures, needles lowered and regexes compiled once, and the hot path allocates nothing.
 * The semantics are those of `evaluateCondition` (conditions.ts), which now runs through here.
 */
import type { ElapsedFn, RuleFacts } from './conditions.js';
import { compileAccessor, compileChange } from './field-access.js';
import type { TCondition } from './rule-schema.js';
import { compileSafePattern, type SafePattern } from './safe-regex.js';

export type Predicate = (facts: RuleFacts, elapsed: ElapsedFn) => boolean;
type Scalar = string | number | boolean | null;

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Equality with a scalar; objects compare by their JSON (as the interpreter always did). */
const equalTo = (expected: Scalar): ((v: unknown) => boolean) => {
  const json = JSON.stringify(expected);
  return (v) => v === expected || (typeof v === 'object' && v !== null && JSON.stringify(v) === json);
};

const oneOf = (values: readonly Scalar[]): ((v: unknown) => boolean) => {
  const json = new Set(values.map((w) => JSON.stringify(w)));
  return (v) => {
    // === (not a Set's SameValueZero) keeps the interpreter's answer for every value.
    for (let i = 0; i < values.length; i++) if (v === values[i]) return true;
    return typeof v === 'object' && v !== null && json.has(JSON.stringify(v));
  };
};

// Many rules lower-case the same title in one evaluation: remember the last answer (a pure
// function of its input, so sharing it cannot change a result).
let lastText = '';
let lastLower = '';
const lower = (text: string): string => {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
};

const asText = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

const compare = (a: unknown, b: string | number): number | null => {
  if (typeof b === 'number') {
    const n = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : Number.NaN;
    return Number.isNaN(n) ? null : n - b;
  }
  if (typeof a !== 'string' && typeof a !== 'number') return null;
  const s = String(a);
  return s < b ? -1 : s > b ? 1 : 0;
};

const someOf = (list: readonly unknown[], test: (v: unknown) => boolean): boolean => {
  for (let i = 0; i < list.length; i++) if (test(list[i])) return true;
  return false;
};

/** A pattern that fails to compile fails when evaluated, as before, not when the set loads. */
const lazyPattern = (pattern: string, ignoreCase: boolean): (() => SafePattern) => {
  try {
    const compiled = compileSafePattern(pattern, ignoreCase);
    return () => compiled;
  } catch (error) {
    return () => {
      throw error;
    };
  }
};

export function compileCondition(condition: TCondition): Predicate {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (facts, elapsed) => {
      for (let i = 0; i < parts.length; i++) if (!(parts[i] as Predicate)(facts, elapsed)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (facts, elapsed) => {
      for (let i = 0; i < parts.length; i++) if ((parts[i] as Predicate)(facts, elapsed)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (facts, elapsed) => !inner(facts, elapsed);
  }
  const value = compileAccessor(condition.field);
  switch (condition.op) {
    case 'equals':
    case 'not_equals':
    case 'in':
    case 'not_in': {
      const test = 'values' in condition ? oneOf(condition.values) : equalTo(condition.value);
      const negate = condition.op === 'not_equals' || condition.op === 'not_in';
      return (facts) => {
        const v = value(facts);
        return (Array.isArray(v) ? someOf(v, test) : test(v ?? null)) !== negate;
      };
    }
    case 'contains':
    case 'starts_with': {
      const { ignoreCase, value: raw } = condition;
      const needle = ignoreCase ? raw.toLowerCase() : raw;
      const contains = condition.op === 'contains';
      const check = (v: unknown): boolean => {
        const text = asText(v);
        if (text === null) return false;
        const hay = ignoreCase ? lower(text) : text;
        return contains ? hay.includes(needle) : hay.startsWith(needle);
      };
      // On a list (tags), `contains` means "has an element equal to" and starts_with any element.
      const element = !contains
        ? check
        : ignoreCase
          ? (v: unknown) => {
              const text = asText(v);
              return text !== null && lower(text) === needle;
            }
          : (v: unknown) => v === raw;
      return (facts) => {
        const v = value(facts);
        return Array.isArray(v) ? someOf(v, element) : check(v);
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const { op, value: bound } = condition;
      const accept =
        op === 'gt'
          ? (d: number) => d > 0
          : op === 'gte'
            ? (d: number) => d >= 0
            : op === 'lt'
              ? (d: number) => d < 0
              : (d: number) => d <= 0;
      return (facts) => {
        const d = compare(value(facts), bound);
        return d !== null && accept(d);
      };
    }
    case 'is_empty':
      return (facts) => isEmpty(value(facts));
    case 'is_not_empty':
      return (facts) => !isEmpty(value(facts));
    case 'matches': {
      const pattern = lazyPattern(condition.pattern, condition.ignoreCase ?? false);
      const element = (v: unknown): boolean => typeof v === 'string' && pattern().test(v);
      return (facts) => {
        const v = value(facts);
        const text = asText(v);
        const compiled = pattern();
        if (Array.isArray(v)) return someOf(v, element);
        return text !== null && compiled.test(text);
      };
    }
    case 'changed': {
      const change = compileChange(condition.field);
      return (facts) => change(facts) !== null;
    }
    case 'changed_from_to': {
      const change = compileChange(condition.field);
      const from = condition.from === undefined ? null : equalTo(condition.from);
      const to = condition.to === undefined ? null : equalTo(condition.to);
      return (facts) => {
        const c = change(facts);
        return c !== null && (from === null || from(c.from ?? null)) && (to === null || to(c.to ?? null));
      };
    }
    case 'time_since': {
      const { moreThanMinutes: more, lessThanMinutes: less, businessTime = false } = condition;
      return (facts, elapsed) => {
        const text = asText(value(facts));
        const since = text === null ? Number.NaN : Date.parse(text);
        if (Number.isNaN(since)) return false;
        const minutes = elapsed(new Date(since), facts.now, businessTime) / 60_000;
        return (more === undefined || minutes > more) && (less === undefined || minutes < less);
      };
    }
  }
}
