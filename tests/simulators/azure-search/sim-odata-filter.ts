/**
 * The OData filter subset of the stand-in: comparisons (eq ne gt ge lt le) of a filterable field
 * with a literal ('string' with '' escapes, null, true, false, numbers, unquoted DateTimeOffset
 * such as 2026-03-01T00:00:00Z), and, or, not, parentheses, and search.in(field, 'a,b[, ...]'
 * [, 'delimiters']). Field types are checked as Azure checks them: a string field compared with a
 * date, or a field that is not filterable, is a 400, never a silent false.
 */

export class FilterSyntaxError extends Error {}

export type FilterValue = string | number | boolean | null;

export type FieldType = 'Edm.String' | 'Edm.DateTimeOffset' | 'Edm.Int32' | 'Edm.Int64' | 'Edm.Double' | 'Edm.Boolean';

/** A compiled filter: true when the document (its stored values by field) passes. */
export type Filter = (doc: Readonly<Record<string, unknown>>) => boolean;

type Lexeme =
  | { t: 'name'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'number'; v: number; at: number }
  | { t: 'date'; v: number; at: number }
  | { t: '(' | ')' | ','; at: number };

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/;

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, at: i });
      i++;
      continue;
    }
    if (c === "'") {
      let v = '';
      let j = i + 1;
      for (;;) {
        if (j >= input.length) throw new FilterSyntaxError(`Unterminated string literal at position ${i}`);
        if (input[j] === "'") {
          if (input[j + 1] === "'") {
            v += "'";
            j += 2;
            continue;
          }
          break;
        }
        v += input[j];
        j++;
      }
      out.push({ t: 'string', v, at: i });
      i = j + 1;
      continue;
    }
    const date = DATE.exec(input.slice(i));
    if (date) {
      const ms = Date.parse(date[0]);
      if (Number.isNaN(ms)) throw new FilterSyntaxError(`Invalid DateTimeOffset literal ${date[0]}`);
      out.push({ t: 'date', v: ms, at: i });
      i += date[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(input.slice(i));
    if (num) {
      out.push({ t: 'number', v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?/.exec(input.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0], at: i });
      i += name[0].length;
      continue;
    }
    throw new FilterSyntaxError(`Invalid character ${c} at position ${i}`);
  }
  return out;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

type Literal = { type: 'string' | 'number' | 'date' | 'boolean' | 'null'; value: FilterValue };

export class FilterCompiler {
  private lexemes: Lexeme[] = [];
  private i = 0;

  /** `fields`: the filterable fields and their types. */
  constructor(private readonly fields: ReadonlyMap<string, FieldType>) {}

  compile(input: string): Filter {
    this.lexemes = lex(input);
    this.i = 0;
    if (this.lexemes.length === 0) throw new FilterSyntaxError('Empty filter');
    const f = this.or();
    const rest = this.lexemes[this.i];
    if (rest) throw new FilterSyntaxError(`Unexpected token at position ${rest.at}`);
    return f;
  }

  private peekName(v: string): boolean {
    const l = this.lexemes[this.i];
    return l?.t === 'name' && l.v === v;
  }

  private expect(t: '(' | ')' | ','): void {
    const l = this.lexemes[this.i];
    if (l?.t !== t) throw new FilterSyntaxError(`Expected ${t} at position ${l?.at ?? 'end'}`);
    this.i++;
  }

  private or(): Filter {
    let left = this.and();
    while (this.peekName('or')) {
      this.i++;
      const a = left;
      const b = this.and();
      left = (d) => a(d) || b(d);
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.peekName('and')) {
      this.i++;
      const a = left;
      const b = this.unary();
      left = (d) => a(d) && b(d);
    }
    return left;
  }

  private unary(): Filter {
    if (this.peekName('not')) {
      this.i++;
      const inner = this.unary();
      return (d) => !inner(d);
    }
    return this.primary();
  }

  private primary(): Filter {
    const l = this.lexemes[this.i];
    if (!l) throw new FilterSyntaxError('Unexpected end of filter');
    if (l.t === '(') {
      this.i++;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (l.t !== 'name') throw new FilterSyntaxError(`Expected a field name at position ${l.at}`);
    if (l.v === 'true' || l.v === 'false') {
      this.i++;
      const value = l.v === 'true';
      return () => value;
    }
    if (l.v === 'search.in') return this.searchIn();
    if (l.v.includes('.')) throw new FilterSyntaxError(`Function ${l.v} is not supported by the stand-in`);
    this.i++;
    const type = this.fieldType(l.v, l.at);
    const op = this.lexemes[this.i];
    if (op?.t !== 'name' || !COMPARISONS.has(op.v))
      throw new FilterSyntaxError(`Expected a comparison operator after ${l.v}`);
    this.i++;
    const literal = this.literal();
    return comparison(l.v, type, op.v, literal);
  }

  private fieldType(name: string, at: number): FieldType {
    const type = this.fields.get(name);
    if (!type)
      throw new FilterSyntaxError(
        `Invalid expression: Could not find a property named '${name}' that is filterable (position ${at})`,
      );
    return type;
  }

  private literal(): Literal {
    const l = this.lexemes[this.i];
    if (!l) throw new FilterSyntaxError('Expected a literal at the end of the filter');
    this.i++;
    if (l.t === 'string') return { type: 'string', value: l.v };
    if (l.t === 'number') return { type: 'number', value: l.v };
    if (l.t === 'date') return { type: 'date', value: l.v };
    if (l.t === 'name' && l.v === 'null') return { type: 'null', value: null };
    if (l.t === 'name' && (l.v === 'true' || l.v === 'false')) return { type: 'boolean', value: l.v === 'true' };
    throw new FilterSyntaxError(`Expected a literal at position ${l.at}`);
  }

  private searchIn(): Filter {
    this.i++;
    this.expect('(');
    const field = this.lexemes[this.i];
    if (field?.t !== 'name') throw new FilterSyntaxError('search.in: expected a field name');
    this.i++;
    if (this.fieldType(field.v, field.at) !== 'Edm.String')
      throw new FilterSyntaxError(`search.in: ${field.v} is not a string field`);
    this.expect(',');
    const list = this.lexemes[this.i];
    if (list?.t !== 'string') throw new FilterSyntaxError('search.in: expected a string list');
    this.i++;
    let delimiters = ' ,';
    if (this.lexemes[this.i]?.t === ',') {
      this.i++;
      const d = this.lexemes[this.i];
      if (d?.t !== 'string' || d.v === '') throw new FilterSyntaxError('search.in: expected delimiters');
      delimiters = d.v;
      this.i++;
    }
    this.expect(')');
    const values = new Set(
      list.v.split(new RegExp(`[${delimiters.replace(/[\\\]^-]/g, '\\$&')}]`)).filter((v) => v !== ''),
    );
    const name = field.v;
    return (d) => typeof d[name] === 'string' && values.has(d[name] as string);
  }
}

function comparison(field: string, type: FieldType, op: string, literal: Literal): Filter {
  const ok =
    literal.type === 'null' ||
    (type === 'Edm.String' && literal.type === 'string') ||
    (type === 'Edm.DateTimeOffset' && literal.type === 'date') ||
    (type === 'Edm.Boolean' && literal.type === 'boolean') ||
    ((type === 'Edm.Int32' || type === 'Edm.Int64' || type === 'Edm.Double') && literal.type === 'number');
  if (!ok) throw new FilterSyntaxError(`Invalid expression: cannot compare ${field} (${type}) with a ${literal.type}`);
  if (literal.type === 'null' && op !== 'eq' && op !== 'ne')
    throw new FilterSyntaxError(`Invalid expression: null can only be compared with eq or ne`);
  if (type === 'Edm.Boolean' && op !== 'eq' && op !== 'ne')
    throw new FilterSyntaxError(`Invalid expression: ${field} is Edm.Boolean and takes only eq or ne`);
  const target = literal.value;
  const read = (d: Readonly<Record<string, unknown>>): FilterValue => {
    const v = d[field];
    if (v === undefined || v === null) return null;
    if (type === 'Edm.DateTimeOffset') return Date.parse(v as string);
    return v as FilterValue;
  };
  return (d) => {
    const v = read(d);
    if (op === 'eq') return v === target;
    if (op === 'ne') return v !== target;
    // Range comparisons with a null field are false, as in OData.
    if (v === null || target === null) return false;
    if (op === 'gt') return v > target;
    if (op === 'ge') return v >= target;
    if (op === 'lt') return v < target;
    return v <= target;
  };
}
