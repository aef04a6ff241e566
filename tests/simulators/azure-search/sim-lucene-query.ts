/**
 * The query syntaxes of the stand-in: the full Lucene syntax (`queryType: full`) without fuzzy,
 * proximity, boost, regex, range and inner wildcards (refused with 400 rather than answered
 * wrongly), and the simple syntax (`queryType: simple`, the default: + | - "..." * ( )).
 * Clause occurrence follows Lucene's classic QueryParser (`addClause`): the default operator is
 * OR for `searchMode: any` and AND for `searchMode: all`; an explicit AND makes both sides
 * required, an explicit OR makes them optional, + requires and - / NOT / ! prohibits.
 */

export class QuerySyntaxError extends Error {}

export type Occur = 'must' | 'should' | 'mustNot';

export type QueryNode =
  | { readonly kind: 'term'; readonly text: string; readonly field?: string }
  | { readonly kind: 'prefix'; readonly text: string; readonly field?: string }
  | { readonly kind: 'phrase'; readonly text: string; readonly field?: string }
  | { readonly kind: 'all' }
  | { readonly kind: 'bool'; readonly clauses: readonly { readonly occur: Occur; readonly node: QueryNode }[] };

type Lexeme =
  | { t: 'word'; text: string; wildcardEnd: boolean; at: number }
  | { t: 'phrase'; text: string; at: number }
  | { t: 'field'; name: string; at: number }
  | { t: '(' | ')' | '+' | '-' | 'NOT' | 'AND' | 'OR'; at: number };

/** Characters that cannot appear unescaped inside a term (`+ - ! & |` can, as in Lucene). */
const TERM_BREAKERS = new Set([...'{}[]/']);

function unsupported(what: string, at: number): never {
  throw new QuerySyntaxError(`${what} (column ${at + 1}) is not supported by the Azure AI Search stand-in`);
}

function lexFull(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const atStartOfClause = () => {
    const last = out[out.length - 1];
    return !last || last.t === '(' || last.t === 'AND' || last.t === 'OR' || last.t === 'NOT' || last.t === 'field';
  };
  while (i < input.length) {
    const c = input[i] as string;
    const at = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c, at });
      i++;
    } else if (c === '&' && input[i + 1] === '&') {
      out.push({ t: 'AND', at });
      i += 2;
    } else if (c === '|' && input[i + 1] === '|') {
      out.push({ t: 'OR', at });
      i += 2;
    } else if ((c === '+' || c === '-' || c === '!') && (atStartOfClause() || /\s/.test(input[i - 1] ?? ' '))) {
      out.push({ t: c === '!' ? 'NOT' : c, at });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        text += input[i];
        i++;
      }
      if (i >= input.length) throw new QuerySyntaxError(`Unterminated phrase starting at column ${at + 1}`);
      i++;
      if (input[i] === '~') unsupported('proximity search (~)', i);
      if (input[i] === '^') unsupported('term boosting (^)', i);
      out.push({ t: 'phrase', text, at });
    } else if (c === '/') {
      unsupported('regular expression search', at);
    } else if (c === '[' || c === '{') {
      unsupported('range search', at);
    } else {
      let text = '';
      let wildcardEnd = false;
      while (i < input.length) {
        const ch = input[i] as string;
        if (ch === '\\') {
          if (i + 1 >= input.length) throw new QuerySyntaxError(`Dangling escape at column ${i + 1}`);
          text += input[i + 1];
          i += 2;
          continue;
        }
        if (/\s/.test(ch) || ch === '(' || ch === ')' || ch === '"') break;
        if (ch === ':') break;
        if (ch === '*') {
          if (i + 1 < input.length && !/[\s()]/.test(input[i + 1] as string))
            unsupported('a wildcard inside a term', i);
          if (text === '') {
            // `*` alone: match everything.
            text = '*';
            i++;
            break;
          }
          wildcardEnd = true;
          i++;
          break;
        }
        if (ch === '?') unsupported('the ? wildcard', i);
        if (ch === '~') unsupported('fuzzy search (~)', i);
        if (ch === '^') unsupported('term boosting (^)', i);
        if (TERM_BREAKERS.has(ch)) throw new QuerySyntaxError(`Unescaped special character ${ch} at column ${i + 1}`);
        text += ch;
        i++;
      }
      if (input[i] === ':') {
        if (text === '' || wildcardEnd) throw new QuerySyntaxError(`Expected a field name before : at column ${i + 1}`);
        out.push({ t: 'field', name: text, at });
        i++;
        continue;
      }
      if (text === '') throw new QuerySyntaxError(`Unexpected character ${input[i]} at column ${i + 1}`);
      if (text === 'AND' || text === 'OR' || text === 'NOT') out.push({ t: text, at });
      else out.push({ t: 'word', text, wildcardEnd, at });
    }
  }
  return out;
}

/** The simple syntax: + is AND, | is OR, - is NOT, "..." phrases, * suffix, ( ); everything else is text. */
function lexSimple(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    const at = i;
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')') {
      out.push({ t: c, at });
      i++;
    } else if (c === '+') {
      out.push({ t: 'AND', at });
      i++;
    } else if (c === '|') {
      out.push({ t: 'OR', at });
      i++;
    } else if (c === '-' && (i === 0 || /[\s(]/.test(input[i - 1] as string))) {
      out.push({ t: '-', at });
      i++;
    } else if (c === '"') {
      const close = input.indexOf('"', i + 1);
      // An unbalanced quote is text in the simple syntax.
      if (close < 0) {
        i++;
        continue;
      }
      out.push({ t: 'phrase', text: input.slice(i + 1, close), at });
      i = close + 1;
    } else {
      let text = '';
      let wildcardEnd = false;
      while (i < input.length && !/[\s()|+"]/.test(input[i] as string)) {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        if (input[i] === '*' && (i + 1 >= input.length || /[\s()|+]/.test(input[i + 1] as string))) {
          wildcardEnd = true;
          i++;
          break;
        }
        text += input[i];
        i++;
      }
      if (text === '' && wildcardEnd) text = '*';
      if (text !== '') out.push({ t: 'word', text, wildcardEnd: wildcardEnd && text !== '*', at });
    }
  }
  return out;
}

type Conj = 'none' | 'AND' | 'OR';
type Mod = 'none' | '+' | '-';

class Parser {
  private i = 0;

  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly defaultAnd: boolean,
  ) {}

  private peek(): Lexeme | undefined {
    return this.lexemes[this.i];
  }

  parse(): QueryNode {
    const node = this.query(undefined);
    const rest = this.peek();
    if (rest) throw new QuerySyntaxError(`Unexpected ${rest.t} at column ${rest.at + 1}`);
    return node;
  }

  /** Lucene's Query ::= ( Conjunction Modifiers Clause )* */
  private query(field: string | undefined): QueryNode {
    const clauses: { occur: Occur; node: QueryNode }[] = [];
    let first = true;
    for (;;) {
      const next = this.peek();
      if (!next || next.t === ')') break;
      let conj: Conj = 'none';
      if (!first && (next.t === 'AND' || next.t === 'OR')) {
        conj = next.t;
        this.i++;
      }
      let mod: Mod = 'none';
      const m = this.peek();
      if (m && (m.t === '+' || m.t === '-' || m.t === 'NOT')) {
        mod = m.t === '+' ? '+' : '-';
        this.i++;
      }
      const node = this.clause(field);
      this.addClause(clauses, conj, mod, node);
      first = false;
    }
    if (clauses.length === 0) throw new QuerySyntaxError('Empty query or group');
    return clauses.length === 1 && clauses[0]?.occur !== 'mustNot'
      ? (clauses[0]?.node as QueryNode)
      : { kind: 'bool', clauses };
  }

  /** Lucene's QueryParserBase.addClause. */
  private addClause(clauses: { occur: Occur; node: QueryNode }[], conj: Conj, mod: Mod, node: QueryNode): void {
    const last = clauses[clauses.length - 1];
    if (last && conj === 'AND' && last.occur !== 'mustNot') last.occur = 'must';
    if (last && this.defaultAnd && conj === 'OR' && last.occur !== 'mustNot') last.occur = 'should';
    let required: boolean;
    const prohibited = mod === '-';
    if (!this.defaultAnd) required = mod === '+' || (conj === 'AND' && !prohibited);
    else required = !prohibited && conj !== 'OR';
    clauses.push({ occur: prohibited ? 'mustNot' : required ? 'must' : 'should', node });
  }

  private clause(field: string | undefined): QueryNode {
    let lexeme = this.peek();
    if (!lexeme) throw new QuerySyntaxError('Expected a term at the end of the query');
    let scoped = field;
    if (lexeme.t === 'field') {
      if (field !== undefined) throw new QuerySyntaxError(`Nested field ${lexeme.name} at column ${lexeme.at + 1}`);
      scoped = lexeme.name;
      this.i++;
      lexeme = this.peek();
      if (!lexeme) throw new QuerySyntaxError(`Expected a term after ${scoped}:`);
    }
    if (lexeme.t === '(') {
      this.i++;
      const inner = this.query(scoped);
      const close = this.peek();
      if (close?.t !== ')') throw new QuerySyntaxError(`Missing ) for ( at column ${lexeme.at + 1}`);
      this.i++;
      return inner;
    }
    this.i++;
    if (lexeme.t === 'phrase') return { kind: 'phrase', text: lexeme.text, ...(scoped ? { field: scoped } : {}) };
    if (lexeme.t === 'word') {
      if (lexeme.text === '*') {
        if (scoped !== undefined) unsupported('field:* (use a filter)', lexeme.at);
        return { kind: 'all' };
      }
      return { kind: lexeme.wildcardEnd ? 'prefix' : 'term', text: lexeme.text, ...(scoped ? { field: scoped } : {}) };
    }
    throw new QuerySyntaxError(`Unexpected ${lexeme.t} at column ${lexeme.at + 1}`);
  }
}

export function parseSearch(search: string, queryType: 'simple' | 'full', searchMode: 'any' | 'all'): QueryNode {
  const text = search.trim();
  if (text === '' || text === '*') return { kind: 'all' };
  const lexemes = queryType === 'full' ? lexFull(text) : lexSimple(text);
  if (lexemes.length === 0) return { kind: 'all' };
  return new Parser(lexemes, searchMode === 'all').parse();
}
