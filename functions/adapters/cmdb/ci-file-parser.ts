/**
 * Reads a CMDB export file (CSV or JSON) into import rows. A file that cannot be read at all
 * (not CSV/JSON, no `key` or `name` column, over the row limit) is refused with one message; a
 * row whose fields are malformed is rejected with its reason, and the others go on to the plan.
 *
 * CSV: a header row with `key,name,ciClass` and optionally `status, environment, criticality,
 * ownerTeamId, location, assetTag, serial, hostNames, ipAddresses, relations` and `attr.<name>`
 * columns; lists are separated by `;`, relations are `type>key` (`runs_on>vm-12;depends_on>db-1`).
 * JSON: `{ "cis": [{ "key", "name", "ciClass", ..., "attributes": {}, "relations": [{ "type", "to" }] }] }`.
 */
import { parse } from 'csv-parse/sync';
import { ZCreateCi } from '../../../shared/api/cmdb.schemas.js';
import type { CiFields } from '../../../shared/cmdb/ci.js';
import type { ClassRegistry } from '../../../shared/cmdb/ci-classes.js';
import type { ImportRow, Rejection } from '../../../shared/cmdb/ci-import.js';

export const MAX_IMPORT_ROWS = 20_000;

export type ParsedFile =
  | { readonly ok: true; readonly rows: ImportRow[]; readonly rejected: Rejection[] }
  | { readonly ok: false; readonly message: string };

type RawRow = Record<string, unknown> & { relations?: unknown; attributes?: unknown };

export function parseCiFile(format: 'csv' | 'json', content: string, registry: ClassRegistry): ParsedFile {
  const raw = format === 'csv' ? readCsv(content, registry) : readJson(content);
  if (!raw.ok) return raw;
  if (raw.rows.length > MAX_IMPORT_ROWS) return { ok: false, message: `At most ${MAX_IMPORT_ROWS} rows per file` };
  const rows: ImportRow[] = [];
  const rejected: Rejection[] = [];
  raw.rows.forEach((row, i) => {
    const line = format === 'csv' ? i + 2 : i + 1;
    const key = typeof row.key === 'string' || typeof row.key === 'number' ? String(row.key).trim() : '';
    if (key === '') {
      rejected.push({ line, key: '', reason: 'the row has no key' });
      return;
    }
    const { key: _k, relations, ...fields } = row;
    const parsed = ZCreateCi.safeParse(fields);
    if (!parsed.success) {
      const reason = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`)
        .join('; ');
      rejected.push({ line, key, reason });
      return;
    }
    const rels = readRelations(relations);
    if (!rels.ok) {
      rejected.push({ line, key, reason: rels.message });
      return;
    }
    rows.push({ line, key, fields: parsed.data as CiFields, relations: rels.value });
  });
  return { ok: true, rows, rejected };
}

function readJson(content: string): { ok: true; rows: RawRow[] } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return { ok: false, message: 'The file is not valid JSON' };
  }
  const cis = (data as { cis?: unknown } | null)?.cis;
  if (!Array.isArray(cis) || cis.some((c) => typeof c !== 'object' || c === null || Array.isArray(c)))
    return { ok: false, message: 'The JSON file must be an object with a "cis" list of objects' };
  return { ok: true, rows: cis as RawRow[] };
}

const LIST_COLUMNS = new Set(['hostNames', 'ipAddresses']);
const list = (value: string) =>
  value
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function readCsv(
  content: string,
  registry: ClassRegistry,
): { ok: true; rows: RawRow[] } | { ok: false; message: string } {
  let records: Record<string, string>[];
  try {
    records = parse(content, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return { ok: false, message: `The file is not valid CSV: ${(error as Error).message}` };
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  if (records.length > 0 && !['key', 'name', 'ciClass'].every((c) => header.includes(c)))
    return { ok: false, message: 'The CSV file needs the columns key, name and ciClass' };
  const rows = records.map((record): RawRow => {
    const row: RawRow = {};
    const attributes: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(record)) {
      if (value === '') continue;
      if (column.startsWith('attr.')) {
        const name = column.slice(5);
        attributes[name] = coerce(registry.get(record.ciClass ?? '')?.attributes[name]?.kind, value);
      } else if (LIST_COLUMNS.has(column)) row[column] = list(value);
      else if (column === 'criticality') row[column] = Number(value);
      else if (column === 'relations')
        row.relations = list(value).map((r) => {
          const [type, to] = r.split('>');
          return { type: type?.trim() ?? '', to: to?.trim() ?? '' };
        });
      else row[column] = value;
    }
    row.attributes = attributes;
    return row;
  });
  return { ok: true, rows };
}

const coerce = (kind: string | undefined, value: string): unknown => {
  if (kind === 'number') return Number(value);
  if (kind === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
};

function readRelations(value: unknown): { ok: true; value: ImportRow['relations'] } | { ok: false; message: string } {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) return { ok: false, message: 'relations must be a list' };
  const out: { type: string; toKey: string }[] = [];
  for (const r of value) {
    const type = (r as { type?: unknown })?.type;
    const to = (r as { to?: unknown })?.to;
    if (typeof type !== 'string' || typeof to !== 'string' || to.trim() === '')
      return { ok: false, message: 'each relation needs a type and a target key ("to")' };
    out.push({ type: type.trim(), toKey: to.trim() });
  }
  return { ok: true, value: out };
}
