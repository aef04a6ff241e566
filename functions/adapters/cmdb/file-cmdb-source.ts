/**
 * The folder adapter of the CmdbSource port (the "direct DB" fallback): CSV/JSON exports dropped
 * in CMDB_IMPORT_DIR are read with the same parser as an upload (ci-file-parser.ts) and synced
 * file by file, oldest first; a file's modification time is its records' `modifiedAt`, so the
 * watermark makes each file count once and a file dropped again (or rewritten) is read again.
 * The cursor is (file, modification time, row): a file changed under a run restarts the listing.
 * Imported CIs are local CIs (`file:<key>`), the same ones an upload of the same file makes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassRegistry } from '../../../shared/cmdb/ci-classes.js';
import { importExternalId } from '../../../shared/cmdb/cmdb-import.js';
import { isRelationType } from '../../../shared/cmdb/relationships.js';
import {
  type CmdbSource,
  type SourceCi,
  SourceCursorExpiredError,
  type SourcePage,
  type SourcePageRequest,
  type SourceRelation,
} from '../../../shared/ports/cmdb-source.js';
import { type ParsedFile, parseCiFile } from './ci-file-parser.js';

interface DroppedFile {
  readonly name: string;
  readonly modifiedAt: string;
}

interface Cursor {
  readonly file: string;
  readonly modifiedAt: string;
  readonly offset: number;
}

export class FileCmdbSource implements CmdbSource {
  readonly id = 'file-drop';
  readonly origin = 'import' as const;
  /** A file holds what its exporter chose: CIs missing from it are not retired. */
  readonly completeListing = false;
  readonly listingOverlapMs = 0;
  private cache: { key: string; parsed: ParsedFile } | null = null;

  constructor(
    private readonly dir: string,
    private readonly registry: ClassRegistry,
  ) {}

  readCis(request: SourcePageRequest): Promise<SourcePage<SourceCi>> {
    return Promise.resolve(
      this.read(request, (file, parsed, from, to) => {
        if (!parsed.ok)
          return from === 0 ? [{ ...problem(file, parsed.message), externalId: `file:${file.name}` }] : [];
        const rows = parsed.rows.slice(from, to).map(
          (row): SourceCi => ({
            externalId: importExternalId(row.key),
            modifiedAt: file.modifiedAt,
            deleted: false,
            fields: row.fields,
            problem: null,
            line: row.line,
          }),
        );
        // Rows the parser refused are reported with the file's first page.
        const refused =
          from === 0
            ? parsed.rejected.map((r) => ({
                ...problem(file, r.reason),
                externalId: importExternalId(r.key || `${file.name}#${r.line}`),
                line: r.line,
              }))
            : [];
        return [...refused, ...rows];
      }),
    );
  }

  readRelations(request: SourcePageRequest): Promise<SourcePage<SourceRelation>> {
    return Promise.resolve(
      this.read(request, (file, parsed, from, to) =>
        parsed.ok
          ? parsed.rows.slice(from, to).flatMap((row) =>
              row.relations.map(
                (r): SourceRelation => ({
                  externalId: `file:${row.key}>${r.type}>${r.toKey}`,
                  modifiedAt: file.modifiedAt,
                  deleted: false,
                  type: isRelationType(r.type) ? r.type : null,
                  fromExternalId: importExternalId(row.key),
                  toExternalId: importExternalId(r.toKey),
                  problem: isRelationType(r.type) ? null : `unknown relation type "${r.type}"`,
                  line: row.line,
                }),
              ),
            )
          : [],
      ),
    );
  }

  /** One page: `pageSize` rows of the cursor's file (or of the first file modified since). */
  private read<T>(
    request: SourcePageRequest,
    take: (file: DroppedFile, parsed: ParsedFile, from: number, to: number) => T[],
  ): SourcePage<T> {
    const files = this.files().filter((f) => request.modifiedSince === null || f.modifiedAt >= request.modifiedSince);
    let at: Cursor | null = request.cursor ? (JSON.parse(request.cursor) as Cursor) : null;
    if (at && !files.some((f) => f.name === at?.file && f.modifiedAt === at.modifiedAt))
      throw new SourceCursorExpiredError(`${at.file} changed or went away during the sync`);
    at ??= files[0] ? { file: files[0].name, modifiedAt: files[0].modifiedAt, offset: 0 } : null;
    if (!at) return { items: [], nextCursor: null };
    const index = files.findIndex((f) => f.name === at.file);
    const file = files[index] as DroppedFile;
    const parsed = this.parse(file);
    const rows = parsed.ok ? parsed.rows.length : 0;
    const to = at.offset + request.pageSize;
    const items = take(file, parsed, at.offset, to);
    const nextFile = files[index + 1];
    const next: Cursor | null =
      to < rows
        ? { ...at, offset: to }
        : nextFile
          ? { file: nextFile.name, modifiedAt: nextFile.modifiedAt, offset: 0 }
          : null;
    return { items, nextCursor: next ? JSON.stringify(next) : null };
  }

  private files(): DroppedFile[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return []; // no folder yet: nothing dropped
    }
    return names
      .filter((n) => /\.(csv|json)$/i.test(n))
      .map((name) => ({ name, modifiedAt: statSync(join(this.dir, name)).mtime.toISOString() }))
      .sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt) || a.name.localeCompare(b.name));
  }

  private parse(file: DroppedFile): ParsedFile {
    const key = `${file.name}@${file.modifiedAt}`;
    if (this.cache?.key !== key) {
      const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
      this.cache = { key, parsed: parseCiFile(format, readFileSync(join(this.dir, file.name), 'utf8'), this.registry) };
    }
    return this.cache.parsed;
  }
}

const problem = (file: DroppedFile, reason: string) => ({
  modifiedAt: file.modifiedAt,
  deleted: false,
  fields: {},
  problem: `${file.name}: ${reason}`,
});
