/**
 * Translates the port's QuerySpec into parameterized Cosmos DB SQL. Field paths become bracket
 * accessors (`c["requester"]["email"]`) so reserved words cannot break the query; the
 * partition key always goes into the WHERE clause (the partitionKey request option alone is
 * ignored by the local stand-in); `id` is the final ORDER BY tie-breaker, which is why
 * cosmos-setup.ts derives composite indexes ending in `/id`.
 */
import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import type { Condition, QuerySpec } from '../../../shared/ports/document-store.js';
import { effectiveOrder } from '../../../shared/storage/index-coverage.js';
import { fieldSegments } from '../sqlite/field-path.js';

export const fieldRef = (path: string): string =>
  `c${fieldSegments(path)
    .map((segment) => `["${segment}"]`)
    .join('')}`;

const isNullExpr = (ref: string) => `(NOT IS_DEFINED(${ref}) OR IS_NULL(${ref}))`;

class Parameters {
  readonly list: SqlParameter[] = [];
  add(value: SqlParameter['value']): string {
    const name = `@p${this.list.length}`;
    this.list.push({ name, value });
    return name;
  }
}

function translate(condition: Condition, params: Parameters): string {
  if ('anyOf' in condition) {
    if (condition.anyOf.length === 0) return 'false';
    return `(${condition.anyOf.map((c) => translate(c, params)).join(' OR ')})`;
  }
  const ref = fieldRef(condition.field);
  switch (condition.op) {
    case 'isNull':
      return isNullExpr(ref);
    case 'notNull':
      return `(IS_DEFINED(${ref}) AND NOT IS_NULL(${ref}))`;
    case 'contains':
      // CONTAINS(x, y, true) is not understood by the stand-in; LOWER works on both and on the real service.
      return `CONTAINS(LOWER(${ref}), ${params.add(condition.value.toLowerCase())})`;
    case 'in': {
      const values = condition.values.filter((v) => v !== null);
      const parts: string[] = [];
      if (values.length > 0) parts.push(`${ref} IN (${values.map((v) => params.add(v)).join(', ')})`);
      if (values.length < condition.values.length) parts.push(isNullExpr(ref));
      return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
    }
    case 'eq':
      return condition.value === null ? isNullExpr(ref) : `${ref} = ${params.add(condition.value)}`;
    case 'ne':
      return condition.value === null
        ? `(IS_DEFINED(${ref}) AND NOT IS_NULL(${ref}))`
        : `${ref} != ${params.add(condition.value)}`;
    default: {
      const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[condition.op];
      return `${ref} ${op} ${params.add(condition.value)}`;
    }
  }
}

export function buildCosmosQuery(partitionKeyField: string, spec: QuerySpec): SqlQuerySpec {
  const params = new Parameters();
  const where: string[] = [];
  if (spec.partitionKey !== undefined) where.push(`${fieldRef(partitionKeyField)} = ${params.add(spec.partitionKey)}`);
  for (const condition of spec.where) where.push(translate(condition, params));
  const order = effectiveOrder(spec.orderBy)
    .map((o) => `${fieldRef(o.field)} ${o.direction.toUpperCase()}`)
    .join(', ');
  const query = `SELECT * FROM c${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
  return { query, parameters: params.list };
}
