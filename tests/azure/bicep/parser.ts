/**
 * Parser for Bicep declarations (`param`, `var`, `resource`, `module`, `output`, `targetScope`,
 * decorators) and expressions (literals, interpolated strings, objects, arrays, `for` and `if`
 * bodies, member access, indexing, calls, unary, binary and ternary operators) into a small AST.
 * Enough to evaluate what the template checks need; not a full Bicep compiler.
 */
import { BicepSyntaxError, type Token, tokenize } from './lexer.js';

export type Expr =
  | { readonly type: 'string'; readonly parts: readonly (string | Expr)[] }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'literal'; readonly value: boolean | null }
  | { readonly type: 'ident'; readonly name: string }
  | { readonly type: 'object'; readonly properties: readonly { readonly key: string; readonly value: Expr }[] }
  | { readonly type: 'array'; readonly items: readonly Expr[] }
  | {
      readonly type: 'for';
      readonly item: string;
      readonly index?: string;
      readonly iterable: Expr;
      readonly body: Expr;
    }
  | { readonly type: 'if'; readonly condition: Expr; readonly body: Expr }
  | { readonly type: 'member'; readonly object: Expr; readonly property: string }
  | { readonly type: 'index'; readonly object: Expr; readonly index: Expr }
  | { readonly type: 'call'; readonly callee: Expr; readonly args: readonly Expr[] }
  | { readonly type: 'unary'; readonly op: string; readonly operand: Expr }
  | { readonly type: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'ternary'; readonly condition: Expr; readonly then: Expr; readonly otherwise: Expr };

export interface Decorator {
  readonly name: string;
  readonly args: readonly Expr[];
}

export type Statement =
  | {
      readonly kind: 'param';
      readonly name: string;
      readonly typeName: string;
      readonly defaultValue?: Expr;
      readonly decorators: readonly Decorator[];
    }
  | { readonly kind: 'var'; readonly name: string; readonly value: Expr; readonly decorators: readonly Decorator[] }
  | {
      readonly kind: 'resource';
      readonly symbol: string;
      readonly resourceType: string;
      readonly apiVersion: string;
      readonly existing: boolean;
      readonly value: Expr;
      readonly decorators: readonly Decorator[];
    }
  | {
      readonly kind: 'module';
      readonly symbol: string;
      readonly path: string;
      readonly value: Expr;
      readonly decorators: readonly Decorator[];
    }
  | {
      readonly kind: 'output';
      readonly name: string;
      readonly typeName: string;
      readonly value: Expr;
      readonly decorators: readonly Decorator[];
    }
  | { readonly kind: 'targetScope'; readonly value: Expr; readonly decorators: readonly Decorator[] };

const BINARY_PRECEDENCE: readonly (readonly string[])[] = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  private fail(message: string): never {
    throw new BicepSyntaxError(`line ${this.peek()?.line ?? 'end'}: ${message}`);
  }
  private isPunct(value: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.value === value;
  }
  private isIdent(value?: string): boolean {
    const t = this.peek();
    return t?.kind === 'ident' && (value === undefined || t.value === value);
  }
  private expectPunct(value: string): void {
    if (!this.isPunct(value)) this.fail(`expected '${value}'`);
    this.i += 1;
  }
  private ident(): string {
    const t = this.peek();
    if (t?.kind !== 'ident') this.fail('expected an identifier');
    this.i += 1;
    return t.value;
  }
  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.i += 1;
  }
  /** A plain string literal (no interpolation), e.g. a resource type or a module path. */
  private plainString(): string {
    const t = this.peek();
    if (t?.kind !== 'string' || t.parts.some((p) => typeof p !== 'string')) this.fail('expected a plain string');
    this.i += 1;
    return t.parts.join('');
  }

  file(): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      this.skipNewlines();
      if (!this.peek()) return statements;
      const decorators: Decorator[] = [];
      while (this.isPunct('@')) {
        this.i += 1;
        const name = this.ident();
        const args = this.isPunct('(') ? this.args() : [];
        decorators.push({ name, args });
        this.skipNewlines();
      }
      statements.push(this.statement(decorators));
    }
  }

  private statement(decorators: Decorator[]): Statement {
    const keyword = this.ident();
    switch (keyword) {
      case 'param': {
        const name = this.ident();
        const typeName = this.ident();
        if (!this.isPunct('=')) return { kind: 'param', name, typeName, decorators };
        this.i += 1;
        return { kind: 'param', name, typeName, defaultValue: this.expression(), decorators };
      }
      case 'var': {
        const name = this.ident();
        this.expectPunct('=');
        return { kind: 'var', name, value: this.expression(), decorators };
      }
      case 'resource': {
        const symbol = this.ident();
        const [resourceType = '', apiVersion = ''] = this.plainString().split('@');
        const existing = this.isIdent('existing');
        if (existing) this.i += 1;
        this.expectPunct('=');
        return { kind: 'resource', symbol, resourceType, apiVersion, existing, value: this.body(), decorators };
      }
      case 'module': {
        const symbol = this.ident();
        const path = this.plainString();
        this.expectPunct('=');
        return { kind: 'module', symbol, path, value: this.body(), decorators };
      }
      case 'output': {
        const name = this.ident();
        const typeName = this.ident();
        this.expectPunct('=');
        return { kind: 'output', name, typeName, value: this.expression(), decorators };
      }
      case 'targetScope':
        this.expectPunct('=');
        return { kind: 'targetScope', value: this.expression(), decorators };
      default:
        return this.fail(`unsupported statement '${keyword}'`);
    }
  }

  /** A resource or module body: an object, `if (cond) {...}` or `[for x in y: {...}]`. */
  private body(): Expr {
    if (this.isIdent('if')) {
      this.i += 1;
      this.expectPunct('(');
      const condition = this.expression();
      this.expectPunct(')');
      return { type: 'if', condition, body: this.expression() };
    }
    return this.expression();
  }

  private args(): Expr[] {
    this.expectPunct('(');
    const args: Expr[] = [];
    this.skipNewlines();
    while (!this.isPunct(')')) {
      args.push(this.expression());
      this.skipNewlines();
      if (this.isPunct(',')) this.i += 1;
      this.skipNewlines();
    }
    this.i += 1;
    return args;
  }

  expression(): Expr {
    const condition = this.binary(0);
    if (!this.isPunct('?')) return condition;
    this.i += 1;
    const then = this.expression();
    this.expectPunct(':');
    return { type: 'ternary', condition, then, otherwise: this.expression() };
  }

  private binary(level: number): Expr {
    const ops = BINARY_PRECEDENCE[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t?.kind !== 'punct' || !ops.includes(t.value)) return left;
      this.i += 1;
      this.skipNewlines();
      left = { type: 'binary', op: t.value, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Expr {
    if (this.isPunct('!') || this.isPunct('-')) {
      const op = (this.peek() as { value: string }).value;
      this.i += 1;
      return { type: 'unary', op, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      if (this.isPunct('.') || this.isPunct('.?')) {
        this.i += 1;
        expr = { type: 'member', object: expr, property: this.ident() };
      } else if (this.isPunct('[')) {
        this.i += 1;
        const index = this.expression();
        this.expectPunct(']');
        expr = { type: 'index', object: expr, index };
      } else if (this.isPunct('(')) expr = { type: 'call', callee: expr, args: this.args() };
      else return expr;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) return this.fail('unexpected end of file');
    if (t.kind === 'string') {
      this.i += 1;
      return {
        type: 'string',
        parts: t.parts.map((p) => (typeof p === 'string' ? p : new Parser(p).wholeExpression())),
      };
    }
    if (t.kind === 'number') {
      this.i += 1;
      return { type: 'number', value: Number(t.value) };
    }
    if (t.kind === 'ident') {
      this.i += 1;
      if (t.value === 'true' || t.value === 'false') return { type: 'literal', value: t.value === 'true' };
      if (t.value === 'null') return { type: 'literal', value: null };
      return { type: 'ident', name: t.value };
    }
    if (this.isPunct('(')) {
      this.i += 1;
      this.skipNewlines();
      const inner = this.expression();
      this.skipNewlines();
      this.expectPunct(')');
      return inner;
    }
    if (this.isPunct('{')) return this.object();
    if (this.isPunct('[')) return this.array();
    return this.fail(`unexpected token '${t.kind === 'newline' ? 'newline' : t.value}'`);
  }

  private object(): Expr {
    this.expectPunct('{');
    const properties: { key: string; value: Expr }[] = [];
    this.skipNewlines();
    while (!this.isPunct('}')) {
      const t = this.peek();
      const key = t?.kind === 'string' ? this.plainString() : this.ident();
      this.expectPunct(':');
      properties.push({ key, value: this.body() });
      this.separator('}');
    }
    this.i += 1;
    return { type: 'object', properties };
  }

  private array(): Expr {
    this.expectPunct('[');
    this.skipNewlines();
    if (this.isIdent('for')) {
      this.i += 1;
      let item: string;
      let index: string | undefined;
      if (this.isPunct('(')) {
        this.i += 1;
        item = this.ident();
        this.expectPunct(',');
        index = this.ident();
        this.expectPunct(')');
      } else item = this.ident();
      if (this.ident() !== 'in') this.fail("expected 'in'");
      const iterable = this.expression();
      this.expectPunct(':');
      const body = this.body();
      this.skipNewlines();
      this.expectPunct(']');
      return { type: 'for', item, ...(index ? { index } : {}), iterable, body };
    }
    const items: Expr[] = [];
    while (!this.isPunct(']')) {
      items.push(this.expression());
      this.separator(']');
    }
    this.i += 1;
    return { type: 'array', items };
  }

  /** Items and properties are separated by newlines and/or commas. */
  private separator(close: string): void {
    const before = this.i;
    if (this.isPunct(',')) this.i += 1;
    this.skipNewlines();
    if (this.i === before && !this.isPunct(close)) this.fail(`expected a newline, ',' or '${close}'`);
  }

  wholeExpression(): Expr {
    const expr = this.expression();
    if (this.peek()) this.fail('unexpected tokens after the expression');
    return expr;
  }
}

export const parseBicep = (source: string): Statement[] => new Parser(tokenize(source)).file();
