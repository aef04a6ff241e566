/**
 * Regular expressions for rule conditions that cannot backtrack catastrophically. Patterns are
 * compiled to a Thompson NFA run as a lazily built DFA (sets of NFA states), so matching
 * costs O(input x states) at worst and one lookup per character once warm, whatever the pattern (no `(a+)+$` blow-up on hostile ticket text). The
 * price is a subset of syntax: literals, `.`, classes, `\d\w\s`, `^ $`, groups, `|`,
 * `* + ?` and bounded `{n,m}`; no back-references or look-around (they need backtracking).
 * Patterns (200 chars, 2,000 states) and inputs (first 4,000 chars) are bounded too.
 */

export const MAX_PATTERN_LENGTH = 200;
export const MAX_INPUT_LENGTH = 4_000;
const MAX_STATES = 2_000;
const MAX_REPEAT = 20;

type Test = (c: string) => boolean;
type Node =
  | { k: 'char'; test: Test }
  | { k: 'cat'; parts: Node[] }
  | { k: 'alt'; options: Node[] }
  | { k: 'rep'; node: Node; min: number; max: number | null }
  | { k: 'bol' }
  | { k: 'eol' };

type State =
  | { k: 'char'; test: Test; out: number }
  | { k: 'split'; out: number[] }
  | { k: 'bol' | 'eol'; out: number }
  | { k: 'match' };

class Parser {
  i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected '${this.src[this.i]}' at ${this.i}`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { k: 'alt', options };
  }

  private sequence(): Node {
    const parts: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') parts.push(this.repeat());
    return { k: 'cat', parts };
  }

  private repeat(): Node {
    let node = this.atom();
    for (;;) {
      const c = this.src[this.i];
      if (c === '*' || c === '+' || c === '?') {
        this.i++;
        node = { k: 'rep', node, min: c === '+' ? 1 : 0, max: c === '?' ? 1 : null };
      } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.i))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i)) as RegExpExecArray;
        this.i += m[0].length;
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? null : Number(m[3]);
        if (min > MAX_REPEAT || (max !== null && (max > MAX_REPEAT || max < min)))
          throw new Error(`repetition {${m[1]}${m[2] ?? ''}} is outside 0..${MAX_REPEAT}`);
        node = { k: 'rep', node, min, max };
      } else return node;
      if (this.src[this.i] === '?') this.i++; // lazy marker: meaningless for a yes/no match
    }
  }

  private atom(): Node {
    const c = this.src[this.i++] as string;
    if (c === '(') {
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src[this.i] === '?') throw new Error('look-around and named groups are not supported');
      const inner = this.alternation();
      if (this.src[this.i++] !== ')') throw new Error('missing )');
      return inner;
    }
    if (c === '^') return { k: 'bol' };
    if (c === '$') return { k: 'eol' };
    if (c === '.') return { k: 'char', test: (x) => x !== '\n' };
    if (c === '[') return { k: 'char', test: this.charClass() };
    if (c === '\\') return { k: 'char', test: this.escape(this.src[this.i++]) };
    if ('*+?{'.includes(c)) throw new Error(`nothing to repeat at ${this.i - 1}`);
    if (c === ')') throw new Error('unbalanced )');
    return { k: 'char', test: this.literal(c) };
  }

  private literal(c: string): Test {
    if (!this.ignoreCase) return (x) => x === c;
    const lower = c.toLowerCase();
    return (x) => x.toLowerCase() === lower;
  }

  private escape(c: string | undefined): Test {
    if (c === undefined) throw new Error('trailing backslash');
    if (/[1-9k]/.test(c)) throw new Error('back-references are not supported');
    const classes: Record<string, Test> = {
      d: (x) => x >= '0' && x <= '9',
      w: (x) => /\w/.test(x),
      s: (x) => /\s/.test(x),
    };
    const lower = c.toLowerCase();
    const base = classes[lower];
    if (base) return c === lower ? base : (x) => !base(x);
    if (c === 'n') return (x) => x === '\n';
    if (c === 't') return (x) => x === '\t';
    if (/[A-Za-z0-9]/.test(c)) throw new Error(`unsupported escape \\${c}`);
    return this.literal(c);
  }

  private charClass(): Test {
    const negate = this.src[this.i] === '^';
    if (negate) this.i++;
    const tests: Test[] = [];
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let c = this.src[this.i++] as string;
      if (c === '\\') {
        tests.push(this.escape(this.src[this.i++]));
        continue;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== undefined && this.src[this.i + 1] !== ']') {
        const to = this.src[this.i + 1] as string;
        this.i += 2;
        const [lo, hi] = this.ignoreCase ? [c.toLowerCase(), to.toLowerCase()] : [c, to];
        tests.push(this.ignoreCase ? (x) => x.toLowerCase() >= lo && x.toLowerCase() <= hi : (x) => x >= lo && x <= hi);
        continue;
      }
      c = c as string;
      tests.push(this.literal(c));
    }
    if (this.src[this.i++] !== ']') throw new Error('missing ]');
    return (x) => tests.some((t) => t(x)) !== negate;
  }
}

/** Builds the state list; returns the start state index. */
function compile(node: Node, states: State[], next: number): number {
  const add = (s: State): number => {
    if (states.length >= MAX_STATES) throw new Error(`the pattern is too complex (over ${MAX_STATES} states)`);
    states.push(s);
    return states.length - 1;
  };
  switch (node.k) {
    case 'char':
      return add({ k: 'char', test: node.test, out: next });
    case 'bol':
    case 'eol':
      return add({ k: node.k, out: next });
    case 'cat':
      return node.parts.reduceRight((out, part) => compile(part, states, out), next);
    case 'alt':
      return add({ k: 'split', out: node.options.map((o) => compile(o, states, next)) });
    case 'rep': {
      let out = next;
      if (node.max === null) {
        const loop = add({ k: 'split', out: [] });
        const body = compile(node.node, states, loop);
        (states[loop] as { out: number[] }).out.push(body, next);
        out = loop;
      } else {
        for (let n = node.max; n > node.min; n--)
          out = add({ k: 'split', out: [compile(node.node, states, out), next] });
      }
      for (let n = 0; n < node.min; n++) out = compile(node.node, states, out);
      return out;
    }
  }
}

export interface SafePattern {
  test(input: string): boolean;
}

interface DState {
  readonly states: readonly number[];
  /** The match state is in the set: the (unanchored) search succeeded. */
  readonly accept: boolean;
  /** At the end of the input, a `$` in the set leads to a match. */
  readonly acceptAtEnd: boolean;
  /** Transitions on the 128 ASCII characters (most text), by char code. */
  readonly ascii: (DState | undefined)[];
  readonly next: Map<string, DState>;
}

const MAX_DSTATES = 1_000;

/**
 * A lazily built DFA over the NFA: each set of NFA states (a DFA state) is computed once, and
 * each input character then costs one map lookup. Still linear: at most one new set per
 * character, and the cache is dropped when it grows past MAX_DSTATES. ASCII transitions sit in
 * an array by char code: the hot loop then does no hashing and no one-char string.
 */
class LazyDfa implements SafePattern {
  private cache = new Map<string, DState>();
  private initial: DState | null = null;

  constructor(
    private readonly nfa: readonly State[],
    private readonly start: number,
  ) {}

  test(raw: string): boolean {
    const input = raw.length > MAX_INPUT_LENGTH ? raw.slice(0, MAX_INPUT_LENGTH) : raw;
    if (this.cache.size > MAX_DSTATES) {
      this.cache = new Map();
      this.initial = null;
    }
    if (!this.initial) this.initial = this.state([this.start], true);
    let d = this.initial;
    for (let pos = 0; pos < input.length; pos++) {
      if (d.accept) return true;
      const code = input.charCodeAt(pos);
      let next = code < 128 ? d.ascii[code] : d.next.get(input[pos] as string);
      if (!next) {
        const c = input[pos] as string;
        const seeds = [this.start];
        for (const s of d.states) {
          const st = this.nfa[s] as State;
          if (st.k === 'char' && st.test(c)) seeds.push(st.out);
        }
        next = this.state(seeds, false);
        if (code < 128) d.ascii[code] = next;
        else d.next.set(c, next);
      }
      d = next;
    }
    return d.accept || d.acceptAtEnd;
  }

  private state(seeds: readonly number[], atStart: boolean): DState {
    const set = new Set<number>();
    const visit = (s: number): void => {
      if (set.has(s)) return;
      set.add(s);
      const st = this.nfa[s] as State;
      if (st.k === 'split') for (const o of st.out) visit(o);
      else if (st.k === 'bol' && atStart) visit(st.out);
    };
    for (const s of seeds) visit(s);
    const states = [...set].sort((a, b) => a - b);
    const key = `${atStart ? '^' : ''}${states.join(',')}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const made: DState = {
      states,
      accept: set.has(0),
      acceptAtEnd: this.endAccepts(states),
      ascii: new Array<DState | undefined>(128).fill(undefined),
      next: new Map(),
    };
    this.cache.set(key, made);
    return made;
  }

  /** Follows `$` (and the empty moves after it) from a set at the end of the input. */
  private endAccepts(states: readonly number[]): boolean {
    const seen = new Set<number>();
    const reaches = (s: number): boolean => {
      if (seen.has(s)) return false;
      seen.add(s);
      const st = this.nfa[s] as State;
      if (st.k === 'match') return true;
      if (st.k === 'split') return st.out.some(reaches);
      if (st.k === 'eol') return reaches(st.out);
      return false;
    };
    return states.some(reaches);
  }
}

const cache = new Map<string, SafePattern>();

export function compileSafePattern(pattern: string, ignoreCase = false): SafePattern {
  const key = `${ignoreCase ? 'i' : '-'}${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new Error(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  const states: State[] = [{ k: 'match' }];
  const start = compile(new Parser(pattern, ignoreCase).parse(), states, 0);
  const compiled = new LazyDfa(states, start);
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
