/**
 * SearchIndex on SQLite FTS5 (`DATA_DIR/search.db`, its own file: the index can be thrown away
 * and rebuilt, and its writes never queue behind the store's). One FTS5 table holds the searchable
 * fields (unicode61 tokens, accents folded, prefix indexes for 2 and 3 characters so typed word
 * starts are cheap) and a plain table the filter values, joined by rowid. Ranking is BM25 with the
 * schema's field weights; a broad query ranks its newest 5,000 matches (ORDER BY rowid DESC
 * stops there) so no query costs more than that.
 * A replaced document's old text is unreachable at once (queries and snippets read only the new
 * row) and leaves the FTS5 segments at their next automerge. A removed document (a deleted
 * ticket) is erased at once: `remove` runs with FTS5's `secure-delete`, which rewrites the
 * segment pages holding its tokens, and freed database pages are zeroed (PRAGMA secure_delete).
 * Updates do not pay for that: secure-delete makes each replacement some 60 times slower (15 ms
 * instead of 0.25 ms at 20,000 documents, growing with the index), too slow for every event.
 * Writes asked for in one event-loop turn commit in one transaction (as the document store does).
 */
import { join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type {
  FilterCondition,
  IndexedDocument,
  QueryClause,
  SearchHit,
  SearchIndex,
  SearchMatch,
  SearchRequest,
  SearchResult,
  SearchSchema,
} from '../../../shared/ports/search-index.js';
import { HIT_END, HIT_START } from '../../../shared/search/search-text.js';
import { partsOf } from '../../../shared/search/snippets.js';
import { openSqliteDatabase, type SqliteDatabase } from '../sqlite/sqlite-database.js';

/** A query ranks at most this many of its newest matches. */
export const RANK_WINDOW = 5_000;
/** Tokens of a snippet (FTS5 picks the fragment with the most hits). */
const SNIPPET_TOKENS = 24;

const NAME = /^[a-z][a-z0-9]*$/;

type Operation =
  | { kind: 'upsert'; docs: readonly IndexedDocument[] }
  | { kind: 'remove'; ids: readonly string[] }
  | { kind: 'clear' };

interface Queued {
  readonly op: Operation;
  resolve(): void;
  reject(error: unknown): void;
}

/** A phrase of normalised tokens as FTS5 text: each token is letters and digits only, so quoting is enough. */
const ftsPhrase = (clause: QueryClause): string => `"${clause.tokens.join(' ')}"${clause.prefix ? '*' : ''}`;

export class SqliteFtsIndex implements SearchIndex {
  private readonly fts: string;
  private readonly docs: string;
  private readonly columns: readonly string[];
  private queued: Queued[] = [];

  /** `DATA_DIR/search.db`, or an open database (tests: ':memory:'). */
  static open(dataDir: string, schema: SearchSchema): SqliteFtsIndex {
    const db = openSqliteDatabase(join(dataDir, 'search.db'), { migrate: false });
    return new SqliteFtsIndex(db, schema, true);
  }

  static inMemory(schema: SearchSchema): SqliteFtsIndex {
    return new SqliteFtsIndex(openSqliteDatabase(':memory:', { migrate: false }), schema, true);
  }

  constructor(
    private readonly db: SqliteDatabase,
    readonly schema: SearchSchema,
    private readonly owned = false,
  ) {
    if (!NAME.test(schema.name)) throw new Error(`search index name ${schema.name} must match ${NAME}`);
    for (const f of [...schema.searchable, ...schema.filterable])
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(f.name)) throw new Error(`search field ${f.name} is not a plain name`);
    this.fts = `search_${schema.name}`;
    this.docs = `search_${schema.name}_docs`;
    this.columns = schema.searchable.map((f) => f.name);
    // Deleted content is overwritten on disk, not only unlinked.
    db.pragma('secure_delete = ON');
    this.create();
  }

  private create(): void {
    const filters = this.schema.filterable.map((f) => `, f_${f.name} TEXT`).join('');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${this.docs} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE${filters});
       CREATE VIRTUAL TABLE IF NOT EXISTS ${this.fts} USING fts5(${this.columns.join(', ')},
         tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');`,
    );
  }

  async ensure(): Promise<void> {
    this.create();
  }

  upsert(docs: readonly IndexedDocument[]): Promise<void> {
    return docs.length === 0 ? Promise.resolve() : this.enqueue({ kind: 'upsert', docs });
  }

  remove(ids: readonly string[]): Promise<void> {
    return ids.length === 0 ? Promise.resolve() : this.enqueue({ kind: 'remove', ids });
  }

  clear(): Promise<void> {
    return this.enqueue({ kind: 'clear' });
  }

  async count(): Promise<number> {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${this.docs}`).get() as { n: number }).n;
  }

  async close(): Promise<void> {
    await this.flushing;
    if (this.owned && this.db.open) this.db.close();
  }

  private flushing: Promise<void> = Promise.resolve();

  private enqueue(op: Operation): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ op, resolve, reject });
      if (this.queued.length === 1)
        this.flushing = new Promise<void>((done) =>
          setImmediate(() => {
            this.commitQueued();
            done();
          }),
        );
    });
  }

  /** Everything queued in one transaction; on failure each write is tried alone so one bad write fails alone. */
  private commitQueued(): void {
    const batch = this.queued;
    this.queued = [];
    try {
      this.db.transaction(() => {
        for (const q of batch) this.apply(q.op);
      })();
      for (const q of batch) q.resolve();
    } catch {
      for (const q of batch) {
        try {
          this.db.transaction(() => this.apply(q.op))();
          q.resolve();
        } catch (error) {
          q.reject(error);
        }
      }
    }
  }

  private statements?: Record<
    'find' | 'insertDoc' | 'updateDoc' | 'deleteDoc' | 'insertText' | 'deleteText',
    Statement<unknown[]>
  >;

  private prepared() {
    if (this.statements) return this.statements;
    const filterNames = this.schema.filterable.map((f) => `f_${f.name}`);
    this.statements = {
      find: this.db.prepare(`SELECT rid FROM ${this.docs} WHERE id = ?`),
      insertDoc: this.db.prepare(
        `INSERT INTO ${this.docs} (id${filterNames.map((n) => `, ${n}`).join('')}) VALUES (?${filterNames.map(() => ', ?').join('')})`,
      ),
      updateDoc: this.db.prepare(
        `UPDATE ${this.docs} SET ${filterNames.map((n) => `${n} = ?`).join(', ') || 'id = id'} WHERE rid = ?`,
      ),
      deleteDoc: this.db.prepare(`DELETE FROM ${this.docs} WHERE rid = ?`),
      insertText: this.db.prepare(
        `INSERT INTO ${this.fts} (rowid, ${this.columns.join(', ')}) VALUES (?${this.columns.map(() => ', ?').join('')})`,
      ),
      deleteText: this.db.prepare(`DELETE FROM ${this.fts} WHERE rowid = ?`),
    };
    return this.statements;
  }

  private apply(op: Operation): void {
    if (op.kind === 'clear') {
      this.statements = undefined;
      this.db.exec(`DROP TABLE IF EXISTS ${this.fts}; DROP TABLE IF EXISTS ${this.docs};`);
      this.create();
      return;
    }
    const s = this.prepared();
    if (op.kind === 'remove') {
      this.secureDelete(true);
      for (const id of op.ids) {
        const row = s.find.get(id) as { rid: number } | undefined;
        if (!row) continue;
        s.deleteText.run(row.rid);
        s.deleteDoc.run(row.rid);
      }
      this.secureDelete(false);
      return;
    }
    for (const doc of op.docs) {
      const filters = this.schema.filterable.map((f) => doc.filters[f.name] ?? null);
      const text = this.columns.map((c) => doc.text[c] ?? '');
      const row = s.find.get(doc.id) as { rid: number } | undefined;
      let rid: number;
      if (row) {
        rid = row.rid;
        s.deleteText.run(rid);
        s.updateDoc.run(...filters, rid);
      } else rid = Number(s.insertDoc.run(doc.id, ...filters).lastInsertRowid);
      s.insertText.run(rid, ...text);
    }
  }

  private secureDelete(on: boolean): void {
    this.db.prepare(`INSERT INTO ${this.fts}(${this.fts}, rank) VALUES ('secure-delete', ${on ? 1 : 0})`).run();
  }

  /** The columns an audience may match and see. */
  private visible(audience: SearchRequest['audience']): Set<string> {
    return new Set(this.schema.searchable.filter((f) => audience === 'agent' || !f.internal).map((f) => f.name));
  }

  /** The MATCH expression, or undefined when a required clause can match nothing for this audience. */
  matchExpression(request: SearchRequest): string | undefined {
    const visible = this.visible(request.audience);
    const part = (clause: QueryClause): string | undefined => {
      const fields = (clause.fields.length > 0 ? clause.fields : [...visible]).filter((f) => visible.has(f));
      return fields.length === 0 ? undefined : `{${fields.join(' ')}} : ${ftsPhrase(clause)}`;
    };
    const positives: string[] = [];
    for (const clause of request.query.clauses.filter((c) => !c.negated)) {
      const p = part(clause);
      if (!p) return undefined;
      positives.push(p);
    }
    const negatives = request.query.clauses
      .filter((c) => c.negated)
      .map(part)
      .filter((p): p is string => p !== undefined);
    return `(${positives.join(' AND ')})${negatives.map((n) => ` NOT (${n})`).join('')}`;
  }

  private filterSql(filters: readonly FilterCondition[]): { sql: string; params: string[] } {
    const known = new Set(this.schema.filterable.map((f) => f.name));
    const parts: string[] = [];
    const params: string[] = [];
    for (const f of filters) {
      if (!known.has(f.field)) throw new Error(`search filter on unknown field ${f.field}`);
      const column = `d.f_${f.field}`;
      if (f.op === 'in') {
        if (f.values.length === 0) parts.push('0');
        else parts.push(`${column} IN (${f.values.map(() => '?').join(', ')})`);
        params.push(...f.values);
      } else if (f.op === 'isNull') parts.push(`${column} IS NULL`);
      else {
        parts.push(`${column} ${f.op === 'gte' ? '>=' : '<'} ?`);
        params.push(f.value);
      }
    }
    return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const match = this.matchExpression(request);
    if (!match) return { hits: [], more: false };
    const { sql: where, params } = this.filterSql(request.filters);
    const weights = this.schema.searchable.map((f) => f.weight.toFixed(2)).join(', ');
    const rows = this.db
      .prepare(
        `SELECT s.rid AS rid, s.score AS score, d.id AS id FROM (
           SELECT f.rowid AS rid, bm25(${this.fts}, ${weights}) AS score
           FROM ${this.fts} f JOIN ${this.docs} d ON d.rid = f.rowid
           WHERE ${this.fts} MATCH ?${where}
           ORDER BY f.rowid DESC LIMIT ${RANK_WINDOW}
         ) s JOIN ${this.docs} d ON d.rid = s.rid
         ORDER BY s.score ASC, d.f_${this.schema.recency} DESC, s.rid DESC LIMIT ? OFFSET ?`,
      )
      .all(match, ...params, request.limit + 1, request.offset) as { rid: number; score: number; id: string }[];
    const page = rows.slice(0, request.limit);
    const matches = this.matchesOf(
      match,
      page.map((r) => r.rid),
      this.visible(request.audience),
    );
    const hits: SearchHit[] = page.map((r) => ({ id: r.id, score: -r.score, matches: matches.get(r.rid) ?? [] }));
    return { hits, more: rows.length > request.limit };
  }

  /** Per row, the visible fields that matched with a snippet each, in the schema's order (heaviest first). */
  private matchesOf(match: string, rids: readonly number[], visible: Set<string>): Map<number, SearchMatch[]> {
    const out = new Map<number, SearchMatch[]>();
    if (rids.length === 0) return out;
    const shown = this.columns.map((name, i) => ({ name, i })).filter((c) => visible.has(c.name));
    const snippets = shown
      .map((c) => `snippet(${this.fts}, ${c.i}, '${HIT_START}', '${HIT_END}', '…', ${SNIPPET_TOKENS}) AS c${c.i}`)
      .join(', ');
    const rows = this.db
      .prepare(
        `SELECT rowid AS rid, ${snippets} FROM ${this.fts} WHERE ${this.fts} MATCH ? AND rowid IN (${rids.map(() => '?').join(', ')})`,
      )
      .all(match, ...rids) as Record<string, string | number>[];
    for (const row of rows) {
      const found: SearchMatch[] = [];
      for (const c of shown) {
        const text = row[`c${c.i}`];
        if (typeof text === 'string' && text.includes(HIT_START)) found.push({ field: c.name, snippet: partsOf(text) });
      }
      out.set(row.rid as number, found);
    }
    return out;
  }
}
