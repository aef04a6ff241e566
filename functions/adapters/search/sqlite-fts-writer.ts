/**
 * The write side of the SQLite FTS5 index, run in a worker thread for a search.db file so that
 * index writes (tokenising, FTS5 segment writes and merges, some of them tens of milliseconds)
 * never hold the event loop that serves the list endpoints; in the thread itself for an
 * in-memory index (tests). One implementation for both: `createFtsWriter` uses nothing outside
 * its own body (no imports, no module constants), so its source is what the worker evaluates.
 * A batch of writes commits in one transaction; when it fails each write is tried alone so one
 * bad write fails alone.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database, Statement } from 'better-sqlite3';
import type { IndexedDocument } from '../../../shared/ports/search-index.js';

export type WriteOperation =
  | { kind: 'upsert'; docs: readonly IndexedDocument[] }
  | { kind: 'remove'; ids: readonly string[] }
  | { kind: 'clear' };

/** What the writer needs to know of the tables (plain data: it crosses to the worker). */
export interface WriterPlan {
  readonly fts: string;
  readonly docs: string;
  readonly terms: string;
  readonly columns: readonly string[];
  readonly filterable: readonly string[];
  /** Drops and creates every table (a clear). */
  readonly dropSql: string;
  readonly createSql: string;
  /** Words longer than this go to the word list. */
  readonly indexedPrefix: number;
  readonly maxKnownTerms: number;
}

/** Per write of a batch: null when it committed, else the error's message. */
export type WriteResults = (string | null)[];

export interface FtsWriter {
  commit(ops: readonly WriteOperation[]): WriteResults;
}

/** Self-contained (its source runs in the worker): see the file comment. */
export function createFtsWriter(db: Database, plan: WriterPlan): FtsWriter {
  const q = plan.filterable.map((n) => `f_${n}`);
  type Names =
    | 'find'
    | 'insertDoc'
    | 'updateDoc'
    | 'deleteDoc'
    | 'insertText'
    | 'deleteText'
    | 'readText'
    | 'secureDeleteOn'
    | 'secureDeleteOff'
    | 'insertTerm'
    | 'deleteTerm'
    | 'anyWith';
  let s: Record<Names, Statement<unknown[]>> | undefined;
  const known = new Set<string>();
  const split = /[^\p{L}\p{N}]+/u;
  const marks = /\p{M}+/gu;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  const ascii = /^[\u0000-\u007f]*$/;
  const longAscii = new RegExp(`[a-z0-9]{${plan.indexedPrefix + 1},}`, 'g');
  // unicode61 tokens: runs of letters and digits, lower-cased, accents folded (search-text.ts).
  const wordsOf = (text: string, into: Set<string>) => {
    if (ascii.test(text)) for (const m of text.toLowerCase().matchAll(longAscii)) into.add(m[0]);
    else
      for (const t of text.normalize('NFKD').replace(marks, '').toLowerCase().split(split))
        if (t.length > plan.indexedPrefix) into.add(t);
  };
  const prepared = () => {
    if (s) return s;
    s = {
      find: db.prepare(`SELECT rid FROM ${plan.docs} WHERE id = ?`),
      insertDoc: db.prepare(
        `INSERT INTO ${plan.docs} (id${q.map((n) => `, ${n}`).join('')}) VALUES (?${q.map(() => ', ?').join('')})`,
      ),
      updateDoc: db.prepare(
        `UPDATE ${plan.docs} SET ${q.map((n) => `${n} = ?`).join(', ') || 'id = id'} WHERE rid = ?`,
      ),
      deleteDoc: db.prepare(`DELETE FROM ${plan.docs} WHERE rid = ?`),
      insertText: db.prepare(
        `INSERT INTO ${plan.fts} (rowid, ${plan.columns.join(', ')}) VALUES (?${plan.columns.map(() => ', ?').join('')})`,
      ),
      deleteText: db.prepare(`DELETE FROM ${plan.fts} WHERE rowid = CAST(? AS INTEGER)`),
      readText: db.prepare(`SELECT ${plan.columns.join(', ')} FROM ${plan.fts} WHERE rowid = CAST(? AS INTEGER)`),
      secureDeleteOn: db.prepare(`INSERT INTO ${plan.fts}(${plan.fts}, rank) VALUES ('secure-delete', 1)`),
      secureDeleteOff: db.prepare(`INSERT INTO ${plan.fts}(${plan.fts}, rank) VALUES ('secure-delete', 0)`),
      insertTerm: db.prepare(`INSERT OR IGNORE INTO ${plan.terms} (term) VALUES (?)`),
      deleteTerm: db.prepare(`DELETE FROM ${plan.terms} WHERE term = ?`),
      anyWith: db.prepare(`SELECT rowid FROM ${plan.fts} WHERE ${plan.fts} MATCH ? LIMIT 1`),
    };
    return s;
  };
  const apply = (op: WriteOperation) => {
    if (op.kind === 'clear') {
      s = undefined;
      known.clear();
      db.exec(plan.dropSql);
      db.exec(plan.createSql);
      return;
    }
    const st = prepared();
    const words = new Set<string>();
    if (op.kind === 'remove') {
      st.secureDeleteOn.run();
      for (const id of op.ids) {
        const row = st.find.get(id) as { rid: number } | undefined;
        if (!row) continue;
        const text = st.readText.get(row.rid) as Record<string, string | null> | undefined;
        for (const value of Object.values(text ?? {})) if (value) wordsOf(value, words);
        st.deleteText.run(row.rid);
        st.deleteDoc.run(row.rid);
      }
      st.secureDeleteOff.run();
      // The word list keeps no word only a removed document held.
      for (const word of words)
        if (st.anyWith.get(`"${word}"`) === undefined) {
          st.deleteTerm.run(word);
          known.delete(word);
        }
      return;
    }
    for (const doc of op.docs) {
      const filters = plan.filterable.map((f) => doc.filters[f] ?? null);
      const text = plan.columns.map((c) => doc.text[c] ?? '');
      const row = st.find.get(doc.id) as { rid: number } | undefined;
      let rid: number;
      if (row) {
        rid = row.rid;
        st.deleteText.run(rid);
        st.updateDoc.run(...filters, rid);
      } else rid = Number(st.insertDoc.run(doc.id, ...filters).lastInsertRowid);
      st.insertText.run(rid, ...text);
      for (const t of text) if (t) wordsOf(t, words);
    }
    if (known.size + words.size > plan.maxKnownTerms) known.clear();
    for (const word of words)
      if (!known.has(word)) {
        st.insertTerm.run(word);
        known.add(word);
      }
  };
  return {
    commit(ops) {
      try {
        db.transaction(() => {
          for (const op of ops) apply(op);
        })();
        return ops.map(() => null);
      } catch {
        // A rolled-back batch may have added words this writer now wrongly believes are stored.
        known.clear();
        return ops.map((op) => {
          try {
            db.transaction(() => apply(op))();
            return null;
          } catch (error) {
            known.clear();
            return error instanceof Error ? error.message : String(error);
          }
        });
      }
    },
  };
}

const WORKER_SOURCE = (writerSource: string) => `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
// Helpers a compiler may call inside the function (esbuild keeps names with __name).
var __name = (f) => f;
const db = new Database(workerData.filePath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -32000');
db.pragma('secure_delete = ON');
const createFtsWriter = (${writerSource});
const writer = createFtsWriter(db, workerData.plan);
parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  parentPort.postMessage({ id: message.id, results: writer.commit(message.ops) });
});
`;

/** The writer in a worker thread with its own connection to `filePath`. */
export interface FtsWriterWorker {
  commit(ops: readonly WriteOperation[]): Promise<WriteResults>;
  close(): Promise<void>;
}

export function startFtsWriterWorker(filePath: string, plan: WriterPlan): FtsWriterWorker {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE(createFtsWriter.toString()), {
    eval: true,
    workerData: { filePath, modulePath, plan },
  });
  const waiting = new Map<number, { resolve(r: WriteResults): void; reject(e: unknown): void }>();
  let next = 0;
  let failed: unknown;
  let closed: (() => void) | undefined;
  worker.on('message', (m: { id?: number; results?: WriteResults; closed?: boolean }) => {
    if (m.closed) closed?.();
    else if (m.id !== undefined && m.results) {
      waiting.get(m.id)?.resolve(m.results);
      waiting.delete(m.id);
    }
  });
  const fail = (error: unknown) => {
    failed = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    closed?.();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (waiting.size > 0) fail(new Error(`search index writer stopped (exit ${code})`));
  });
  return {
    commit(ops) {
      if (failed) return Promise.reject(failed);
      const id = next++;
      return new Promise<WriteResults>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, ops });
      });
    },
    async close() {
      if (failed) return;
      await new Promise<void>((resolve) => {
        closed = resolve;
        worker.postMessage({ close: true });
      });
      await worker.terminate();
    },
  };
}
