/**
 * Translates the port's QuerySpec into one parameterized SQLite SELECT. Indexed fields read
 * their generated column (so the composite indexes apply), other fields use json_extract.
 * Pagination is keyset: the cursor carries the last row's sort values and id, and the next
 * page starts strictly after that row in (orderBy..., id) order.
 */
import type { Condition, OrderBy, QuerySpec, Scalar } from '../../../shared/ports/document-store.js';
import { effectiveOrder } from '../../../shared/storage/index-coverage.js';
import { DOC_TYPE, fieldColumn, quoteIdent, sqlText } from './container-schema.js';
import { sqliteJsonPath } from './field-path.js';

export type SqlValue = string | number | null;

/** Registered on the connection by the store: Unicode lower-casing, NULL for non-strings (like Cosmos LOWER). */
export const LOWER_FUNCTION = 'itil_lower';

export interface TableShape {
  readonly table: string;
  /** The container's partition key field, stored in the `pk` column. */
  readonly pkField: string;
  /** Generated columns that exist in this database (a field missing here falls back to json_extract). */
  readonly columns: ReadonlySet<string>;
}

export interface KeysetPosition {
  readonly values: readonly SqlValue[];
  readonly id: string;
}

export interface SqliteQuery {
  readonly sql: string;
  readonly params: SqlValue[];
}

/** Document types are short code constants; anything else stays a bound parameter. */
const DOC_TYPE_VALUE = /^[a-z][a-z0-9-]{0,40}$/;

const bind = (value: Scalar): SqlValue => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

export function fieldExpr(path: string, shape: TableShape): string {
  if (path === 'id') return 'id';
  if (path === shape.pkField) return 'pk';
  const column = fieldColumn(path);
  return shape.columns.has(column) ? quoteIdent(column) : `json_extract(body, '${sqliteJsonPath(path)}')`;
}

function translate(condition: Condition, shape: TableShape, params: SqlValue[]): string {
  if ('anyOf' in condition) {
    if (condition.anyOf.length === 0) return '0';
    return `(${condition.anyOf.map((c) => translate(c, shape, params)).join(' OR ')})`;
  }
  const expr = fieldExpr(condition.field, shape);
  switch (condition.op) {
    case 'isNull':
      return `${expr} IS NULL`;
    case 'notNull':
      return `${expr} IS NOT NULL`;
    case 'contains':
      params.push(condition.value.toLowerCase());
      return `instr(${LOWER_FUNCTION}(${expr}), ?) > 0`;
    case 'in': {
      const values = condition.values.filter((v) => v !== null);
      const parts: string[] = [];
      if (values.length > 0) {
        params.push(...values.map(bind));
        parts.push(`${expr} IN (${values.map(() => '?').join(', ')})`);
      }
      if (values.length < condition.values.length) parts.push(`${expr} IS NULL`);
      return parts.length === 0 ? '0' : parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    }
    case 'eq':
      if (condition.value === null) return `${expr} IS NULL`;
      // Inline, so SQLite can pick the partial index of this document type (container-schema.ts).
      if (condition.field === DOC_TYPE && typeof condition.value === 'string' && DOC_TYPE_VALUE.test(condition.value))
        return `${expr} = ${sqlText(condition.value)}`;
      params.push(bind(condition.value));
      return `${expr} = ?`;
    case 'ne':
      if (condition.value === null) return `${expr} IS NOT NULL`;
      params.push(bind(condition.value));
      return `${expr} != ?`;
    default: {
      const sqlOp = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[condition.op];
      params.push(bind(condition.value));
      return `${expr} ${sqlOp} ?`;
    }
  }
}

/** Rows strictly after `after` in the given order; row values when all directions agree (index friendly). */
function keysetCondition(order: OrderBy[], exprs: string[], after: KeysetPosition, params: SqlValue[]): string {
  const values = [...after.values, after.id];
  const sameDirection = order.every((o) => o.direction === order[0]!.direction);
  if (sameDirection) {
    params.push(...values);
    const op = order[0]!.direction === 'asc' ? '>' : '<';
    return `(${exprs.join(', ')}) ${op} (${exprs.map(() => '?').join(', ')})`;
  }
  // The redundant bound on the first key lets SQLite seek into the index instead of filtering.
  params.push(values[0]!);
  const seek = `${exprs[0]} ${order[0]!.direction === 'asc' ? '>=' : '<='} ?`;
  const branches = order.map((o, i) => {
    const equalities = exprs.slice(0, i).map((e, j) => {
      params.push(values[j]!);
      return `${e} = ?`;
    });
    params.push(values[i]!);
    return `(${[...equalities, `${exprs[i]} ${o.direction === 'asc' ? '>' : '<'} ?`].join(' AND ')})`;
  });
  return `${seek} AND (${branches.join(' OR ')})`;
}

/**
 * SELECT id, etag, body and the sort values (s0..sn, without id) of up to `limit + 1` rows:
 * the extra row tells whether another page exists.
 */
export function buildQuery(shape: TableShape, spec: QuerySpec, after?: KeysetPosition): SqliteQuery {
  const params: SqlValue[] = [];
  const where: string[] = [];
  if (spec.partitionKey !== undefined) {
    where.push('pk = ?');
    params.push(spec.partitionKey);
  }
  for (const condition of spec.where) where.push(translate(condition, shape, params));
  const order = effectiveOrder(spec.orderBy);
  const exprs = order.map((o) => fieldExpr(o.field, shape));
  if (after) where.push(keysetCondition(order, exprs, after, params));
  const sortColumns = exprs.slice(0, -1).map((e, i) => `, ${e} AS s${i}`);
  const sql =
    `SELECT id, etag, body${sortColumns.join('')} FROM ${quoteIdent(shape.table)}` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${order.map((o, i) => `${exprs[i]} ${o.direction.toUpperCase()}`).join(', ')} LIMIT ?`;
  params.push(spec.limit + 1);
  return { sql, params };
}
