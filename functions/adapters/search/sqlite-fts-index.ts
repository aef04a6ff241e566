/**
 * SearchIndex on SQLite FTS5 (`DATA_DIR/search.db`, its own file: the index can be thrown away
 * and rebuilt, and its writes never queue behind the store's). One FTS5 table holds the searchable
 * fields (unicode61 tokens, accents folded, prefix indexes for 2 and 3 characters) and a plain
 * table the filter values, joined by rowid.
 * Query cost is bounded whatever a word matches (ADR 0018):
 * - Whole words and phrases are read lazily, newest first (`ORDER BY rowid DESC LIMIT`), so a word
 *   in every ticket costs what a word in a thousand does. Rowid bounds are bound as integers
 *   (`CAST(? AS INTEGER)`): FTS5 ignores a REAL bound, and better-sqlite3 binds numbers as REAL.
 * - A typed word start of more than 3 characters (`prin`) would make FTS5 merge the whole doclist
 *   of every word sharing it before the first row (printer: 200 ms at 200,000 tickets); it is
 *   expanded instead into the words that start so (a list of the index's words of 4+ characters,
 *   kept with the documents) and matched as `printer OR printers ...`; more than
 *   MAX_EXPANSIONS such words leave it to FTS5's own prefix query. The last word start of a
 *   phrase shared by more than MAX_PHRASE_EXPANSIONS words is matched on its first 3 letters
 *   after the phrase's other words (which fix the place): a superset, exact in practice.
 * - BM25 (the schema's field weights) needs each clause's match count over the whole index, so it
 *   ranks a query only when every clause matches fewer than BM25_LIMIT tickets (a probe of the
 *   newest matches says so). A broader query ranks its newest RANK_WINDOW matches by where they
 *   matched (every clause in the heading fields, then with description and attachments, then
 *   anywhere), newest first.
 * A replaced document's old text is unreachable at once (queries and snippets read only the new
 * row) and leaves the FTS5 segments at their next automerge. A removed document (a deleted
 * ticket) is erased at once: `remove` runs with FTS5's `secure-delete`, which rewrites the
 * segment pages holding its tokens, freed database pages are zeroed (PRAGMA secure_delete), and
 * its words no other document holds leave the word list.
 * Updates do not pay for that: secure-delete makes each replacement some 60 times slower (15 ms
 * instead of 0.25 ms at 20,000 documents, growing with the index), too slow for every event.
 * Writes asked for in one event-loop turn commit in one transaction (as the document store does).
 * A search.db of an older layout is emptied at open, so the start rebuilds it from the store.
 */
import { join } from 'node:path';
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
import { checkpointInBackground, openSqliteDatabase, type SqliteDatabase } from '../sqlite/sqlite-database.js';
import {
  createFtsWriter,
  type FtsWriter,
  type FtsWriterWorker,
  startFtsWriterWorker,
  type WriteOperation,
  type WriteResults,
  type WriterPlan,
} from './sqlite-fts-writer.js';

/** A broad query ranks its newest this many matches. */
export const RANK_WINDOW = 1_000;
/** BM25 ranks a query whose every clause matches fewer tickets than this (its cost is their sum). */
export const BM25_LIMIT = 1_000;
/** The longest word start FTS5 has a prefix index for (`prefix = '2 3'`). */
const INDEXED_PREFIX = 3;
/** A longer word start is matched as at most this many whole words (an OR of lazy doclists)... */
export const MAX_EXPANSIONS = 32;
/** ...or, as the last word of a phrase, this many phrases (each an intersection of its words). */
export const MAX_PHRASE_EXPANSIONS = 8;
/** Words of the word list this process knows are there (saves re-inserting them); cleared when full. */
const MAX_KNOWN_TERMS = 500_000;
/** Tokens of a snippet (FTS5 picks the fragment with the most hits). */
const SNIPPET_TOKENS = 24;
/** The table layout; a search.db of another layout is emptied at open (the start then rebuilds it). */
const LAYOUT = '2';
/** Field groups of the broad ranking: a clause matched in a heavier group ranks higher. */
const HEADING_WEIGHT = 3;
const MIDDLE_WEIGHT = 2;

const NAME = /^[a-z][a-z0-9]*$/;
/** A `match: 'any'` query reads at most this many matches of its words together (the rarest words first)... */
export const ANY_BUDGET = 4_000;
/** ...and at most this many of its words. */
export const MAX_ANY_CLAUSES = 16;
/** A boosted query re-ranks at least its best this many hits. */
const BOOST_POOL = 50;

const tagColumn = (name: string) => `tags${name}`;

interface Queued {
  readonly op: WriteOperation;
  resolve(): void;
  reject(error: unknown): void;
}

/** Tokens are letters and digits only (parsed queries, the word list), so quoting is enough. */
const quoted = (tokens: readonly string[]): string => `"${tokens.join(' ')}"`;

export class SqliteFtsIndex implements SearchIndex {
  private readonly fts: string;
  private readonly docs: string;
  private readonly terms: string;
  private readonly meta: string;
  private readonly columns: readonly string[];
  private queued: Queued[] = [];
  private worker?: FtsWriterWorker;

  /** `DATA_DIR/search.db`, or an open database (tests: ':memory:'). */
  static open(dataDir: string, schema: SearchSchema): SqliteFtsIndex {
    const file = join(dataDir, 'search.db');
    const db = openSqliteDatabase(file, { migrate: false });
    // Checkpoints (the fsyncs) in a worker, not inside whichever index write crosses the WAL limit.
    checkpointInBackground(db, file);
    const index = new SqliteFtsIndex(db, schema, true);
    // Writes in a worker with its own connection; this one reads (WAL: readers never wait).
    index.worker = startFtsWriterWorker(file, index.plan());
    return index;
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
    for (const f of [...schema.searchable, ...schema.filterable, ...(schema.tags ?? [])])
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(f.name)) throw new Error(`search field ${f.name} is not a plain name`);
    this.fts = `search_${schema.name}`;
    this.docs = `search_${schema.name}_docs`;
    this.terms = `search_${schema.name}_terms`;
    this.meta = `search_${schema.name}_meta`;
    this.columns = schema.searchable.map((f) => f.name);
    // Deleted content is overwritten on disk, not only unlinked.
    db.pragma('secure_delete = ON');
    if (this.layout() !== LAYOUT) this.db.exec(this.dropSql());
    this.create();
  }

  /** The layout of the tables found, undefined when there are none, '1' before the layout was recorded. */
  private layout(): string | undefined {
    const has = (name: string) => this.db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(name) !== undefined;
    if (!has(this.fts)) return LAYOUT;
    if (!has(this.meta)) return '1';
    const row = this.db.prepare(`SELECT value FROM ${this.meta} WHERE key = 'layout'`).get() as
      | { value: string }
      | undefined;
    return row?.value;
  }

  private dropSql(): string {
    return `DROP TABLE IF EXISTS ${this.fts}; DROP TABLE IF EXISTS ${this.docs}; DROP TABLE IF EXISTS ${this.terms}; DROP TABLE IF EXISTS ${this.meta};`;
  }

  /** The docs table's value columns: the filters, then the tag fields (a JSON array each). */
  private valueColumns(): string[] {
    return [...this.schema.filterable.map((f) => f.name), ...(this.schema.tags ?? []).map((t) => tagColumn(t.name))];
  }

  private createSql(): string {
    const filters = this.valueColumns()
      .map((name) => `, f_${name} TEXT`)
      .join('');
    return `CREATE TABLE IF NOT EXISTS ${this.docs} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE${filters});
       CREATE VIRTUAL TABLE IF NOT EXISTS ${this.fts} USING fts5(${this.columns.join(', ')},
         tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
       CREATE TABLE IF NOT EXISTS ${this.terms} (term TEXT PRIMARY KEY) WITHOUT ROWID;
       CREATE TABLE IF NOT EXISTS ${this.meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
       INSERT OR IGNORE INTO ${this.meta} (key, value) VALUES ('layout', '${LAYOUT}');`;
  }

  private create(): void {
    this.db.exec(this.createSql());
  }

  async ensure(): Promise<void> {
    this.create();
  }

  upsert(docs: readonly IndexedDocument[]): Promise<void> {
    const tags = this.schema.tags ?? [];
    // Tag values travel to the writer as one more value column each (a JSON array).
    const rows =
      tags.length === 0
        ? docs
        : docs.map((d) => ({
            ...d,
            filters: {
              ...d.filters,
              ...Object.fromEntries(tags.map((t) => [tagColumn(t.name), JSON.stringify(d.tags?.[t.name] ?? [])])),
            },
          }));
    return rows.length === 0 ? Promise.resolve() : this.enqueue({ kind: 'upsert', docs: rows });
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
    await this.worker?.close();
    if (this.owned && this.db.open) this.db.close();
  }

  private flushing: Promise<void> = Promise.resolve();

  private enqueue(op: WriteOperation): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ op, resolve, reject });
      if (this.queued.length === 1)
        this.flushing = new Promise<void>((done) =>
          setImmediate(() => {
            void this.commitQueued().finally(done);
          }),
        );
    });
  }

  /** Everything queued in one event-loop turn, in one transaction (in the worker, when there is one). */
  private async commitQueued(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    const ops = batch.map((q) => q.op);
    let results: WriteResults;
    try {
      results = this.worker ? await this.worker.commit(ops) : this.writer().commit(ops);
    } catch (error) {
      for (const q of batch) q.reject(error);
      return;
    }
    batch.forEach((q, i) => {
      const failure = results[i];
      if (failure === null || failure === undefined) q.resolve();
      else q.reject(new Error(`search index write failed: ${failure}`));
    });
  }

  private inline?: FtsWriter;

  private writer(): FtsWriter {
    this.inline ??= createFtsWriter(this.db, this.plan());
    return this.inline;
  }

  private plan(): WriterPlan {
    return {
      fts: this.fts,
      docs: this.docs,
      terms: this.terms,
      columns: this.columns,
      filterable: this.valueColumns(),
      dropSql: this.dropSql(),
      createSql: this.createSql(),
      indexedPrefix: INDEXED_PREFIX,
      maxKnownTerms: MAX_KNOWN_TERMS,
    };
  }

  /** The columns an audience may match and see. */
  private visible(audience: SearchRequest['audience']): Set<string> {
    return new Set(this.schema.searchable.filter((f) => audience === 'agent' || !f.internal).map((f) => f.name));
  }

  /** The words of the word list starting with `start`, at most `limit`. */
  private wordsStartingWith(start: string, limit: number): string[] {
    // The first string after every one that starts so: the start with its last character raised.
    const last = start.codePointAt(start.length - 1) as number;
    const end = `${start.slice(0, start.length - (last > 0xffff ? 2 : 1))}${String.fromCodePoint(last + 1)}`;
    const rows = this.db
      .prepare(`SELECT term FROM ${this.terms} WHERE term >= ? AND term < ? ORDER BY term LIMIT ${limit}`)
      .all(start, end) as { term: string }[];
    return rows.map((r) => r.term);
  }

  /** A clause's tokens as FTS5 text: a phrase, its last token a word start when asked. */
  private ftsText(clause: QueryClause): string {
    if (!clause.prefix) return quoted(clause.tokens);
    const start = clause.tokens[clause.tokens.length - 1] as string;
    if (start.length <= INDEXED_PREFIX) return `${quoted(clause.tokens)}*`;
    const head = clause.tokens.slice(0, -1);
    const most = head.length === 0 ? MAX_EXPANSIONS : MAX_PHRASE_EXPANSIONS;
    const words = this.wordsStartingWith(start, most + 1);
    if (words.length === 0) return quoted(clause.tokens); // no word starts so: nothing matches
    if (words.length <= most) return `(${words.map((w) => quoted([...head, w])).join(' OR ')})`;
    // A phrase (an email fragment: `rosa.berg60@company`) whose last word start many words share:
    // its words before it fix the place, the start's first 3 letters (a prefix index) the rest.
    if (head.length > 0) return `${quoted([...head, start.slice(0, INDEXED_PREFIX)])}*`;
    return `${quoted(clause.tokens)}*`;
  }

  /**
   * The clauses as FTS5 expressions limited to the fields they may match (`columns`: the group
   * of the broad ranking, else all the audience sees); undefined when a positive clause can match
   * nothing for this audience.
   */
  private expressions(
    request: SearchRequest,
    columns?: ReadonlySet<string>,
  ): { positives: string[]; negatives: string[] } | undefined {
    const visible = this.visible(request.audience);
    const all = this.columns.every((c) => visible.has(c));
    const part = (clause: QueryClause, narrow: boolean): string | undefined => {
      const wanted = clause.fields.length > 0 ? clause.fields : [...visible];
      const fields = wanted.filter((f) => visible.has(f) && (!narrow || !columns || columns.has(f)));
      if (fields.length === 0) return undefined;
      const text = this.ftsText(clause);
      // Every column: no column filter (FTS5 then skips checking each hit's column).
      return all && !(narrow && columns) && clause.fields.length === 0 ? text : `{${fields.join(' ')}} : ${text}`;
    };
    const positives: string[] = [];
    for (const clause of request.query.clauses.filter((c) => !c.negated)) {
      const p = part(clause, true);
      if (!p) return undefined;
      positives.push(p);
    }
    const negatives = request.query.clauses
      .filter((c) => c.negated)
      .map((c) => part(c, false))
      .filter((p): p is string => p !== undefined);
    return { positives, negatives };
  }

  /** The MATCH expression, or undefined when a required clause can match nothing for this audience. */
  matchExpression(request: SearchRequest, columns?: ReadonlySet<string>): string | undefined {
    const e = this.expressions(request, columns);
    if (!e) return undefined;
    return `(${e.positives.join(' AND ')})${e.negatives.map((n) => ` NOT (${n})`).join('')}`;
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

  /** Rowids of the newest matches (with the filters), at most `limit`, optionally within [lo, hi]. */
  private newest(match: string, filters: readonly FilterCondition[], limit: number, range?: [number, number]) {
    const { sql: where, params } = this.filterSql(filters);
    const join = filters.length > 0 ? ` JOIN ${this.docs} d ON d.rid = f.rowid` : '';
    const bounds = range ? ' AND f.rowid >= CAST(? AS INTEGER) AND f.rowid <= CAST(? AS INTEGER)' : '';
    const rows = this.db
      .prepare(
        `SELECT f.rowid AS rid FROM ${this.fts} f${join} WHERE ${this.fts} MATCH ?${bounds}${where} ORDER BY f.rowid DESC LIMIT ${limit}`,
      )
      .all(match, ...(range ?? []), ...params) as { rid: number }[];
    return rows.map((r) => r.rid);
  }

  /** Whether BM25 is cheap: every clause (negated ones too: BM25 counts them) matches fewer than BM25_LIMIT. */
  private narrow(request: SearchRequest): boolean {
    const e = this.expressions(request);
    if (!e) return true;
    const probe = this.db.prepare(
      `SELECT rowid FROM ${this.fts} WHERE ${this.fts} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ${BM25_LIMIT - 1}`,
    );
    return [...e.positives, ...e.negatives].every((clause) => probe.get(clause) === undefined);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const any = request.query.match === 'any';
    const match = any ? this.anyExpression(request) : this.matchExpression(request);
    if (!match) return { hits: [], more: false };
    let ranked: { rid: number; score: number }[];
    if (any) ranked = this.bm25(match, request);
    else {
      const window = this.newest(match, request.filters, RANK_WINDOW);
      ranked =
        window.length < RANK_WINDOW && this.narrow(request) ? this.bm25(match, request) : this.byField(request, window);
    }
    if (request.boost) ranked = this.boosted(ranked, request.boost, request.offset + request.limit);
    const page = ranked.slice(request.offset, request.offset + request.limit);
    const ids = this.idsOf(page.map((r) => r.rid));
    const matches = this.matchesOf(
      match,
      page.map((r) => r.rid),
      this.visible(request.audience),
    );
    const hits: SearchHit[] = page.map((r) => ({
      id: ids.get(r.rid) as string,
      score: r.score,
      matches: matches.get(r.rid) ?? [],
    }));
    return { hits, more: ranked.length > request.offset + request.limit };
  }

  /**
   * A `match: 'any'` query as one OR of its clauses, bounded: each positive clause's matches are
   * counted up to ANY_BUDGET, and the rarest clauses are kept while their matches together stay
   * within it (at most MAX_ANY_CLAUSES); the words most documents hold weigh least in BM25 and
   * would cost most. When even the rarest one matches more, it alone is kept and ranked.
   */
  private anyExpression(request: SearchRequest): string | undefined {
    const visible = this.visible(request.audience);
    const count = this.db.prepare(
      `SELECT count(*) AS n FROM (SELECT rowid FROM ${this.fts} WHERE ${this.fts} MATCH ? LIMIT ${ANY_BUDGET + 1})`,
    );
    const counted: { text: string; n: number }[] = [];
    for (const clause of request.query.clauses.filter((c) => !c.negated)) {
      const fields = (clause.fields.length > 0 ? clause.fields : [...visible]).filter((f) => visible.has(f));
      if (fields.length === 0) continue;
      const text = `{${fields.join(' ')}} : ${this.ftsText(clause)}`;
      const n = (count.get(text) as { n: number }).n;
      if (n > 0) counted.push({ text, n });
    }
    counted.sort((a, b) => a.n - b.n);
    const kept: string[] = [];
    let total = 0;
    for (const c of counted) {
      if (kept.length >= MAX_ANY_CLAUSES || (kept.length > 0 && total + c.n > ANY_BUDGET)) break;
      kept.push(c.text);
      total += c.n;
    }
    if (kept.length === 0) return undefined;
    const negatives =
      this.expressions({ ...request, query: { clauses: request.query.clauses.filter((c) => c.negated) } })?.negatives ??
      [];
    return `(${kept.map((k) => `(${k})`).join(' OR ')})${negatives.map((n) => ` NOT (${n})`).join('')}`;
  }

  /** The best `at least` hits re-ranked with the tag boost (a hit holding an asked value scores `boost` times more). */
  private boosted(
    ranked: { rid: number; score: number }[],
    boost: NonNullable<SearchRequest['boost']>,
    atLeast: number,
  ): { rid: number; score: number }[] {
    const tag = (this.schema.tags ?? []).find((t) => t.name === boost.field);
    if (!tag) throw new Error(`search boost on unknown tag field ${boost.field}`);
    if (boost.values.length === 0 || ranked.length === 0) return ranked;
    const pool = ranked.slice(0, Math.max(BOOST_POOL, atLeast));
    const rows = this.db
      .prepare(
        `SELECT rid FROM ${this.docs} WHERE rid IN (SELECT value FROM json_each(?))
           AND EXISTS (SELECT 1 FROM json_each(f_${tagColumn(tag.name)}) t WHERE t.value IN (SELECT value FROM json_each(?)))`,
      )
      .all(JSON.stringify(pool.map((r) => r.rid)), JSON.stringify(boost.values)) as { rid: number }[];
    const held = new Set(rows.map((r) => r.rid));
    const order = new Map(pool.map((r, i) => [r.rid, i]));
    const rescored = pool
      .map((r) => ({ rid: r.rid, score: held.has(r.rid) ? r.score * tag.boost : r.score }))
      .sort((a, b) => b.score - a.score || (order.get(a.rid) as number) - (order.get(b.rid) as number));
    return [...rescored, ...ranked.slice(pool.length)];
  }

  /** Every match ranked by BM25 with the field weights, ties to the newest (only for narrow queries). */
  private bm25(match: string, request: SearchRequest): { rid: number; score: number }[] {
    const { sql: where, params } = this.filterSql(request.filters);
    const weights = this.schema.searchable.map((f) => f.weight.toFixed(2)).join(', ');
    const rows = this.db
      .prepare(
        `SELECT f.rowid AS rid, bm25(${this.fts}, ${weights}) AS score, d.f_${this.schema.recency} AS recency
         FROM ${this.fts} f JOIN ${this.docs} d ON d.rid = f.rowid
         WHERE ${this.fts} MATCH ?${where}`,
      )
      .all(match, ...params) as { rid: number; score: number; recency: string | null }[];
    rows.sort((a, b) => a.score - b.score || (b.recency ?? '').localeCompare(a.recency ?? '') || b.rid - a.rid);
    return rows.map((r) => ({ rid: r.rid, score: -r.score }));
  }

  /**
   * The window (the newest matches) ranked by where every clause matched: all in the heading
   * fields (weight 3 and more: number, title, requester, tags, company), else all in those and
   * the middle ones (description, attachments), else anywhere; ties to the newest.
   */
  private byField(request: SearchRequest, window: readonly number[]): { rid: number; score: number }[] {
    if (window.length === 0) return [];
    const range: [number, number] = [window[window.length - 1] as number, window[0] as number];
    const tier = new Map<number, number>();
    for (const [score, min] of [
      [2, HEADING_WEIGHT],
      [1, MIDDLE_WEIGHT],
    ] as const) {
      const columns = new Set(this.schema.searchable.filter((f) => f.weight >= min).map((f) => f.name));
      const match = this.matchExpression(request, columns);
      if (!match) continue;
      for (const rid of this.newest(match, request.filters, window.length, range))
        if (!tier.has(rid)) tier.set(rid, score);
    }
    const recency = this.recencyOf(window);
    return window
      .map((rid) => ({ rid, score: tier.get(rid) ?? 0, recency: recency.get(rid) ?? '' }))
      .sort((a, b) => b.score - a.score || b.recency.localeCompare(a.recency) || b.rid - a.rid)
      .map(({ rid, score }) => ({ rid, score }));
  }

  /** The recency of the window's rows (looked up by rowid: a rare word's window spans most of the table). */
  private recencyOf(rids: readonly number[]): Map<number, string> {
    const rows = this.db
      .prepare(
        `SELECT rid, f_${this.schema.recency} AS recency FROM ${this.docs} WHERE rid IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(rids)) as { rid: number; recency: string | null }[];
    return new Map(rows.map((r) => [r.rid, r.recency ?? '']));
  }

  private idsOf(rids: readonly number[]): Map<number, string> {
    if (rids.length === 0) return new Map();
    const rows = this.db
      .prepare(`SELECT rid, id FROM ${this.docs} WHERE rid IN (${rids.map(() => 'CAST(? AS INTEGER)').join(', ')})`)
      .all(...rids) as { rid: number; id: string }[];
    return new Map(rows.map((r) => [r.rid, r.id]));
  }

  /** Per row, the visible fields that matched with a snippet each, in the schema's order (heaviest first). */
  private matchesOf(match: string, rids: readonly number[], visible: Set<string>): Map<number, SearchMatch[]> {
    const out = new Map<number, SearchMatch[]>();
    if (rids.length === 0) return out;
    const shown = this.columns.map((name, i) => ({ name, i })).filter((c) => visible.has(c.name));
    const snippets = shown
      .map((c) => `snippet(${this.fts}, ${c.i}, '${HIT_START}', '${HIT_END}', '…', ${SNIPPET_TOKENS}) AS c${c.i}`)
      .join(', ');
    // One pass over the rows' range (`rowid IN` would start the MATCH over for every row), the
    // rows themselves picked by a condition FTS5 does not see (`+rowid`).
    const rows = this.db
      .prepare(
        `SELECT rowid AS rid, ${snippets} FROM ${this.fts} WHERE ${this.fts} MATCH ?
           AND rowid >= CAST(? AS INTEGER) AND rowid <= CAST(? AS INTEGER)
           AND +rowid IN (${rids.map(() => '?').join(', ')})`,
      )
      .all(match, Math.min(...rids), Math.max(...rids), ...rids) as Record<string, string | number>[];
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
