/**
 * The generic format's file adapter (issue 20): a JSON document, or a folder of CSV files
 * (organizations.csv, groups.csv, users.csv, tickets.csv, comments.csv, attachments.csv; csv-parse
 * with a header row), read from disk and validated by shared/migration/generic-format.ts.
 * Attachment paths are relative to the document's folder and may not leave it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  CSV_FILES,
  type CsvFile,
  documentFromCsv,
  GenericSource,
  parseGenericDocument,
} from '../../../shared/migration/generic-format.js';

export class GenericFileError extends Error {
  constructor(
    readonly path: string,
    readonly issues: readonly string[],
  ) {
    super(`${path} does not fit the generic format:\n  ${issues.join('\n  ')}`);
  }
}

/** Opens a JSON document or a CSV folder as a MigrationSource; throws GenericFileError naming what does not fit. */
export function openGenericSource(path: string, source = 'file'): GenericSource {
  const full = resolve(path);
  if (!existsSync(full)) throw new GenericFileError(path, ['no such file or folder']);
  const folder = statSync(full).isDirectory();
  const base = folder ? full : dirname(full);
  let json: unknown;
  if (folder) {
    const rows: Partial<Record<CsvFile, Record<string, string>[]>> = {};
    for (const name of CSV_FILES) {
      const file = join(full, `${name}.csv`);
      if (!existsSync(file)) continue;
      try {
        rows[name] = parse(readFileSync(file), { columns: true, skip_empty_lines: true, bom: true, trim: true });
      } catch (error) {
        throw new GenericFileError(`${path}/${name}.csv`, [(error as Error).message]);
      }
    }
    json = documentFromCsv(source, rows);
  } else {
    try {
      json = JSON.parse(readFileSync(full, 'utf8'));
    } catch (error) {
      throw new GenericFileError(path, [(error as Error).message]);
    }
  }
  const doc = parseGenericDocument(json);
  if (!doc.ok) throw new GenericFileError(path, doc.issues);
  return new GenericSource(doc.value, async (p) => {
    const target = resolve(base, p);
    const inside = relative(base, target);
    if (inside.startsWith('..') || resolve(inside) === inside) throw new Error(`${p} is outside ${base}`);
    return new Uint8Array(await readFile(target));
  });
}
