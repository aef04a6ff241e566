/**
 * Tokenizer for the subset of Bicep the template checks read: identifiers, numbers, punctuation,
 * newlines (Bicep separates object properties and array items with them), `//` and `/* *\/`
 * comments (dropped), single-quoted strings with escapes and `${...}` interpolation (lexed
 * recursively), and `'''` multi-line strings (verbatim).
 */
export type Token =
  | { readonly kind: 'ident' | 'number' | 'punct'; readonly value: string; readonly line: number }
  | { readonly kind: 'newline'; readonly value: '\n'; readonly line: number }
  | { readonly kind: 'string'; readonly parts: readonly (string | readonly Token[])[]; readonly line: number };

const PUNCT = ['??', '==', '!=', '<=', '>=', '&&', '||', '=>', '.?', ...'{}[]():,.?!=<>+-*/%@'];
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

export class BicepSyntaxError extends Error {}

class Lexer {
  private pos = 0;
  private line = 1;
  constructor(private readonly src: string) {}

  private fail(message: string): never {
    throw new BicepSyntaxError(`line ${this.line}: ${message}`);
  }

  /** Lexes until the end, or (inside `${`) until the unmatched `}` that closes the interpolation. */
  lex(inInterpolation = false): Token[] {
    const tokens: Token[] = [];
    let depth = 0;
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos] as string;
      if (c === '\n') {
        tokens.push({ kind: 'newline', value: '\n', line: this.line });
        this.line += 1;
        this.pos += 1;
      } else if (c === ' ' || c === '\t' || c === '\r') this.pos += 1;
      else if (src.startsWith('//', this.pos)) {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos += 1;
      } else if (src.startsWith('/*', this.pos)) {
        const end = src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        for (let i = this.pos; i < end; i += 1) if (src[i] === '\n') this.line += 1;
        this.pos = end + 2;
      } else if (src.startsWith("'''", this.pos)) {
        const end = src.indexOf("'''", this.pos + 3);
        if (end < 0) this.fail('unterminated multi-line string');
        const text = src.slice(this.pos + 3, end);
        tokens.push({ kind: 'string', parts: [text.startsWith('\n') ? text.slice(1) : text], line: this.line });
        this.line += text.split('\n').length - 1;
        this.pos = end + 3;
      } else if (c === "'") tokens.push(this.string());
      else if (/[0-9]/.test(c)) {
        const match = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(this.pos)) as RegExpExecArray;
        tokens.push({ kind: 'number', value: match[0], line: this.line });
        this.pos += match[0].length;
      } else if (/[A-Za-z_]/.test(c)) {
        const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(this.pos)) as RegExpExecArray;
        tokens.push({ kind: 'ident', value: match[0], line: this.line });
        this.pos += match[0].length;
      } else {
        const punct = PUNCT.find((p) => src.startsWith(p, this.pos));
        if (!punct) this.fail(`unexpected character ${JSON.stringify(c)}`);
        if (inInterpolation && punct === '}' && depth === 0) {
          this.pos += 1;
          return tokens;
        }
        if (punct === '{') depth += 1;
        if (punct === '}') depth -= 1;
        tokens.push({ kind: 'punct', value: punct, line: this.line });
        this.pos += punct.length;
      }
    }
    if (inInterpolation) this.fail('unterminated ${ interpolation');
    return tokens;
  }

  private string(): Token {
    const line = this.line;
    const parts: (string | Token[])[] = [];
    let text = '';
    this.pos += 1;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      if (c === "'") {
        this.pos += 1;
        break;
      }
      if (c === '\\') {
        const next = this.src[this.pos + 1] as string;
        if (next === 'u' && this.src[this.pos + 2] === '{') {
          const end = this.src.indexOf('}', this.pos);
          text += String.fromCodePoint(Number.parseInt(this.src.slice(this.pos + 3, end), 16));
          this.pos = end + 1;
          continue;
        }
        const escaped = ESCAPES[next];
        if (escaped === undefined) this.fail(`unknown escape \\${next}`);
        text += escaped;
        this.pos += 2;
      } else if (c === '$' && this.src[this.pos + 1] === '{') {
        if (text) parts.push(text);
        text = '';
        this.pos += 2;
        parts.push(this.lex(true));
      } else {
        text += c;
        this.pos += 1;
      }
    }
    if (text || parts.length === 0) parts.push(text);
    return { kind: 'string', parts, line };
  }
}

export const tokenize = (source: string): Token[] => new Lexer(source).lex();
