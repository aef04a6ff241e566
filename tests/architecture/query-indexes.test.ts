/**
 * Every query the code runs has the index it needs, found statically: the TypeScript compiler
 * walks shared/, functions/ and infra/ for `<store>.query('<container>', { ... })` calls, reads
 * their ORDER BY (an inline list, or the values of a const table such as the ticket list's SORTS)
 * and their filters, and checks them against CONTAINERS, the one definition `cosmos:setup`, the
 * SQLite schema and bicep/ are generated from. A new query whose ORDER BY no composite index
 * serves fails here, in CI, and not first in Azure (Cosmos refuses it; SQLite would scan).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { OrderBy } from '../../shared/ports/document-store.js';
import { CONTAINER_NAMES, CONTAINERS, type ContainerName } from '../../shared/storage/containers.js';
import { unservedOrder } from '../../shared/storage/index-coverage.js';

const ROOT = join(import.meta.dirname, '..', '..');

interface FoundQuery {
  readonly at: string;
  readonly container: ContainerName;
  /** Each ORDER BY the call can run with (a table lookup gives several); [] when it has none. */
  readonly orders: (readonly OrderBy[] | undefined)[];
  /** Single-partition queries read one partition whatever they filter on. */
  readonly singlePartition: boolean;
  /** The filter fields of each `where` the call can run with (a helper's callers give several). */
  readonly filterSets: string[][];
  readonly problems: string[];
}

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('node_modules'))
    .map((f) => join(ROOT, dir, f));

const literalText = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)
    ? unwrap(node.expression)
    : node;

const property = (object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined => {
  for (const p of object.properties)
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name)
      return p.initializer;
    else if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  return undefined;
};

/** The initializer of a const declared in this file. */
const constInitializer = (file: ts.SourceFile, name: string): ts.Expression | undefined => {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer)
      found = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
};

function readOrder(list: ts.Expression): OrderBy[] | string {
  const node = unwrap(list);
  if (!ts.isArrayLiteralExpression(node)) return 'an ORDER BY that is not a list literal';
  const order: OrderBy[] = [];
  for (const element of node.elements) {
    const item = unwrap(element);
    if (!ts.isObjectLiteralExpression(item)) return 'an ORDER BY entry that is not an object literal';
    const field = literalText(property(item, 'field'));
    const direction = literalText(property(item, 'direction'));
    if (!field || (direction !== 'asc' && direction !== 'desc'))
      return 'an ORDER BY entry without literal field/direction';
    order.push({ field, direction });
  }
  return order;
}

/** Every ORDER BY an `orderBy:` expression can evaluate to, or why it cannot be told statically. */
function readOrders(file: ts.SourceFile, expression: ts.Expression): OrderBy[][] | string {
  const node = unwrap(expression);
  if (ts.isArrayLiteralExpression(node)) {
    const order = readOrder(node);
    return typeof order === 'string' ? order : [order];
  }
  const table = ts.isElementAccessExpression(node) ? node.expression : ts.isIdentifier(node) ? node : undefined;
  if (table && ts.isIdentifier(table)) {
    const init = constInitializer(file, table.text);
    if (!init) return `an ORDER BY from '${table.text}', which is not a const of this file`;
    const value = unwrap(init);
    if (ts.isArrayLiteralExpression(value)) return readOrders(file, value);
    if (ts.isObjectLiteralExpression(value) && ts.isElementAccessExpression(node)) {
      const orders: OrderBy[][] = [];
      for (const p of value.properties) {
        if (!ts.isPropertyAssignment(p)) return `a computed entry in '${table.text}'`;
        const order = readOrder(p.initializer);
        if (typeof order === 'string') return order;
        orders.push(order);
      }
      return orders;
    }
  }
  return 'an ORDER BY expression this test cannot follow (use a list literal or a const table)';
}

/** Field names of the filters, inside anyOf too. */
function filterFields(where: ts.Expression, into: string[]): void {
  const node = unwrap(where);
  if (!ts.isArrayLiteralExpression(node)) return;
  for (const element of node.elements) {
    const item = unwrap(ts.isSpreadElement(element) ? element.expression : element);
    if (ts.isConditionalExpression(item)) {
      filterFields(item.whenTrue, into);
      filterFields(item.whenFalse, into);
    } else if (ts.isArrayLiteralExpression(item)) filterFields(item, into);
    else if (ts.isObjectLiteralExpression(item)) {
      const field = literalText(property(item, 'field'));
      if (field) into.push(field);
      const anyOf = property(item, 'anyOf');
      if (anyOf) filterFields(anyOf, into);
    }
  }
}

type FunctionLike = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression;

const enclosingFunction = (node: ts.Node): FunctionLike | undefined => {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent)
    if (
      ts.isFunctionDeclaration(at) ||
      ts.isMethodDeclaration(at) ||
      ts.isArrowFunction(at) ||
      ts.isFunctionExpression(at)
    )
      return at;
  return undefined;
};

/**
 * The list literals a `where:` can be: the literal itself, the local const it names, or, when it
 * is a parameter of a helper method, the matching argument of every call of that helper here.
 */
function whereLists(file: ts.SourceFile, expression: ts.Expression, at: ts.Node): ts.Expression[] | undefined {
  const node = unwrap(expression);
  if (ts.isArrayLiteralExpression(node)) return [node];
  if (!ts.isIdentifier(node)) return undefined;
  const fn = enclosingFunction(at);
  if (!fn) return undefined;
  let local: ts.Expression | undefined;
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === node.text && n.initializer)
      local = n.initializer;
    ts.forEachChild(n, visit);
  };
  visit(fn);
  if (local) return [local];
  const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === node.text);
  const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  if (index < 0 || !name) return undefined;
  const args: ts.Expression[] = [];
  const calls = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const called = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : '';
      const arg = n.arguments[index];
      if (called === name && arg) args.push(arg);
    }
    ts.forEachChild(n, calls);
  };
  calls(file);
  return args.length > 0 ? args : undefined;
}

function findQueries(path: string): FoundQuery[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: FoundQuery[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'query' &&
      node.arguments.length === 2
    ) {
      const container = literalText(node.arguments[0]);
      const spec = unwrap(node.arguments[1] as ts.Expression);
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      const at = `${relative(ROOT, path)}:${line + 1}`;
      if (container && (CONTAINER_NAMES as string[]).includes(container)) {
        const problems: string[] = [];
        const filterSets: string[][] = [];
        let singlePartition = false;
        let orders: (OrderBy[] | undefined)[] = [undefined];
        if (!ts.isObjectLiteralExpression(spec)) problems.push('a query spec that is not an object literal');
        else {
          const orderBy = property(spec, 'orderBy');
          if (orderBy) {
            const read = readOrders(file, orderBy);
            if (typeof read === 'string') problems.push(read);
            else orders = read;
          }
          singlePartition = property(spec, 'partitionKey') !== undefined;
          const where = property(spec, 'where');
          const lists = where ? whereLists(file, where, node) : [];
          if (!lists)
            problems.push('filters this test cannot follow (use a list literal, a local const or a helper parameter)');
          for (const list of lists ?? []) {
            const fields: string[] = [];
            filterFields(list, fields);
            filterSets.push(fields);
          }
        }
        found.push({ at, container: container as ContainerName, orders, singlePartition, filterSets, problems });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const QUERIES = ['shared', 'functions', 'infra'].flatMap(sources).flatMap(findQueries);

describe('every query has its index', () => {
  it('finds the queries of the code (a walker that finds none proves nothing)', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(20);
    expect(QUERIES.some((q) => q.orders.length > 1)).toBe(true); // the ticket list's SORTS table
  });

  it('can tell the ORDER BY and the filters of every query', () => {
    expect(QUERIES.filter((q) => q.problems.length > 0).map((q) => `${q.at}: ${q.problems.join('; ')}`)).toEqual([]);
  });

  it('serves every ORDER BY from a composite index of its container', () => {
    const unserved = QUERIES.flatMap((q) =>
      q.orders.flatMap((order) => {
        const missing = unservedOrder(q.container, order);
        return missing
          ? [`${q.at}: ${q.container} ORDER BY ${missing.map((o) => `${o.field} ${o.direction}`).join(', ')}`]
          : [];
      }),
    );
    expect(unserved).toEqual([]);
  });

  it('sorts only on indexed fields (SQLite sorts by their generated columns)', () => {
    const unindexed = QUERIES.flatMap((q) => {
      const indexed = new Set(CONTAINERS[q.container].indexedFields.map((f) => f.path));
      return q.orders.flatMap((order) =>
        (order ?? [])
          .filter((o) => o.field !== 'id' && !indexed.has(o.field))
          .map((o) => `${q.at}: ${q.container}.${o.field}`),
      );
    });
    expect(unindexed).toEqual([]);
  });

  it('filters cross-partition queries on an indexed field, so none reads a whole container', () => {
    const scans = QUERIES.filter((q) => !q.singlePartition).flatMap((q) => {
      const indexed = new Set(CONTAINERS[q.container].indexedFields.map((f) => f.path));
      return q.filterSets
        .filter((fields) => !fields.some((f) => indexed.has(f)))
        .map((fields) => `${q.at}: ${q.container} filtered on ${fields.join(', ') || 'nothing'}`);
    });
    expect(scans).toEqual([]);
  });
});
