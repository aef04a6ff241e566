/**
 * Evaluates parsed Bicep expressions where the template alone determines the value: literals,
 * objects, arrays, `var`s, `param` defaults, `for` loops, member access, `loadJsonContent` and
 * `string()`. Anything known only at deployment (resource properties, module outputs,
 * `resourceGroup()`) evaluates to UNRESOLVED.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Expr, Statement } from './parser.js';
import { parseBicep } from './parser.js';

export const UNRESOLVED: unique symbol = Symbol('unresolved');
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | typeof UNRESOLVED;

export interface BicepFile {
  readonly path: string;
  readonly statements: readonly Statement[];
}

export const loadBicep = (path: string): BicepFile => ({ path, statements: parseBicep(readFileSync(path, 'utf8')) });

export class Scope {
  constructor(
    readonly file: BicepFile,
    private readonly locals: ReadonlyMap<string, Value> = new Map(),
  ) {}

  with(name: string, value: Value): Scope {
    return new Scope(this.file, new Map([...this.locals, [name, value]]));
  }

  lookup(name: string): Value {
    if (this.locals.has(name)) return this.locals.get(name) as Value;
    const declared = this.file.statements.find((s) => (s.kind === 'var' || s.kind === 'param') && s.name === name);
    if (declared?.kind === 'var') return evaluate(declared.value, new Scope(this.file));
    if (declared?.kind === 'param' && declared.defaultValue)
      return evaluate(declared.defaultValue, new Scope(this.file));
    return UNRESOLVED;
  }
}

const isRecord = (v: Value): v is { [key: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v);

const call = (name: string, args: Value[], scope: Scope): Value => {
  if (args.includes(UNRESOLVED)) return UNRESOLVED;
  if (name === 'loadJsonContent' && typeof args[0] === 'string')
    return JSON.parse(readFileSync(resolve(dirname(scope.file.path), args[0]), 'utf8')) as Value;
  if (name === 'string' && args.length === 1) return typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
  return UNRESOLVED;
};

export function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.type) {
    case 'string': {
      let text = '';
      for (const part of expr.parts) {
        const value = typeof part === 'string' ? part : evaluate(part, scope);
        if (value === UNRESOLVED) return UNRESOLVED;
        text += typeof value === 'string' ? value : JSON.stringify(value);
      }
      return text;
    }
    case 'number':
    case 'literal':
      return expr.value;
    case 'ident':
      return scope.lookup(expr.name);
    case 'object':
      return Object.fromEntries(expr.properties.map((p) => [p.key, evaluate(p.value, scope)]));
    case 'array':
      return expr.items.map((item) => evaluate(item, scope));
    case 'for': {
      const iterable = evaluate(expr.iterable, scope);
      if (!Array.isArray(iterable)) return UNRESOLVED;
      return iterable.map((item, i) => {
        const inner = scope.with(expr.item, item);
        return evaluate(expr.body, expr.index ? inner.with(expr.index, i) : inner);
      });
    }
    case 'if':
      return evaluate(expr.body, scope);
    case 'member': {
      const object = evaluate(expr.object, scope);
      return isRecord(object) && expr.property in object ? (object[expr.property] as Value) : UNRESOLVED;
    }
    case 'index': {
      const object = evaluate(expr.object, scope);
      const index = evaluate(expr.index, scope);
      if (Array.isArray(object) && typeof index === 'number') return object[index] ?? UNRESOLVED;
      if (isRecord(object) && typeof index === 'string') return object[index] ?? UNRESOLVED;
      return UNRESOLVED;
    }
    case 'call':
      return expr.callee.type === 'ident'
        ? call(
            expr.callee.name,
            expr.args.map((a) => evaluate(a, scope)),
            scope,
          )
        : UNRESOLVED;
    case 'ternary': {
      const condition = evaluate(expr.condition, scope);
      if (typeof condition !== 'boolean') return UNRESOLVED;
      return evaluate(condition ? expr.then : expr.otherwise, scope);
    }
    case 'unary': {
      const operand = evaluate(expr.operand, scope);
      if (expr.op === '!' && typeof operand === 'boolean') return !operand;
      if (expr.op === '-' && typeof operand === 'number') return -operand;
      return UNRESOLVED;
    }
    case 'binary': {
      const left = evaluate(expr.left, scope);
      const right = evaluate(expr.right, scope);
      if (left === UNRESOLVED || right === UNRESOLVED) return UNRESOLVED;
      if (expr.op === '==') return JSON.stringify(left) === JSON.stringify(right);
      if (expr.op === '!=') return JSON.stringify(left) !== JSON.stringify(right);
      if (expr.op === '&&' && typeof left === 'boolean' && typeof right === 'boolean') return left && right;
      if (expr.op === '||' && typeof left === 'boolean' && typeof right === 'boolean') return left || right;
      return UNRESOLVED;
    }
  }
}

/** The resources of a file with the given type, each evaluated (a `for` resource gives one body per item). */
export function resourceBodies(
  file: BicepFile,
  resourceType: string,
  scope = new Scope(file),
): { symbol: string; body: Value }[] {
  const found: { symbol: string; body: Value }[] = [];
  for (const s of file.statements) {
    if (s.kind !== 'resource' || s.existing || s.resourceType !== resourceType) continue;
    const value = evaluate(s.value, scope);
    if (s.value.type === 'for' && Array.isArray(value))
      for (const body of value) found.push({ symbol: s.symbol, body });
    else found.push({ symbol: s.symbol, body: value });
  }
  return found;
}

/** A scope where every param without a default evaluates to `<name>`, so interpolations resolve. */
export const withParamPlaceholders = (file: BicepFile): Scope =>
  file.statements.reduce(
    (scope, s) => (s.kind === 'param' && !s.defaultValue ? scope.with(s.name, `<${s.name}>`) : scope),
    new Scope(file),
  );

/** `at(value, 'properties.siteConfig.appSettings')`: a dotted path into an evaluated object. */
export const at = (value: Value, path: string): Value =>
  path.split('.').reduce<Value>((v, key) => (isRecord(v) && key in v ? (v[key] as Value) : UNRESOLVED), value);
