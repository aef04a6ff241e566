/**
 * DocumentStore on one SQLite database (better-sqlite3, synchronous): the local platform's
 * storage. A batch commits whole or not at all; every write gets a fresh random etag. Queries are
 * translated by query-translation.ts and their prepared statements are cached by SQL text.
 *
 * Group commit: batches requested in the same turn of the event loop (concurrent requests, a
 * timer working through several tickets) are written in ONE SQLite transaction, each batch in its
 * own savepoint, so a batch that conflicts is rolled back alone while the others commit. A commit
 * writes every page it dirtied to the WAL, and neighbouring batches share pages (the newest leaf
 * of each index, the table's last page), so grouping saves most of the per-commit cost. A batch's
 * promise settles after its group committed: whoever awaits a write and then reads sees it.
 * A batch of one operation needs no savepoint: a statement that fails changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  ConcurrencyConflictError,
  type DocumentStore,
  InvalidCursorError,
  type Page,
  type QuerySpec,
  type StoredDocument,
  type Versioned,
  type WriteOperation,
} from '../../../shared/ports/document-store.js';
import { CONTAINERS, type ContainerName, partitionKeyField } from '../../../shared/storage/containers.js';
import { assertServedByIndex } from '../../../shared/storage/index-coverage.js';
import { quoteIdent, tableName } from './container-schema.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.js';
import {
  buildQuery,
  type KeysetPosition,
  LOWER_FUNCTION,
  type SqlValue,
  type TableShape,
} from './query-translation.js';

const MAX_BATCH = 100;
/** `in` lists of every length make distinct SQL texts; past this many cached statements, start over. */
const MAX_CACHED_STATEMENTS = 500;

interface QueuedBatch {
  readonly container: ContainerName;
  readonly partitionKey: string;
  readonly operations: readonly WriteOperation[];
  readonly resolve: (etags: string[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Row {
  readonly id: string;
  readonly etag: string;
  readonly body: string;
  readonly [sortColumn: `s${number}`]: SqlValue;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly shapes = new Map<ContainerName, TableShape>();
  private queued: QueuedBatch[] = [];
  private tx:
    | Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackToSavepoint', Database.Statement>
    | undefined;

  constructor(private readonly db: Database.Database) {
    db.function(LOWER_FUNCTION, { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? value.toLowerCase() : null,
    );
  }

  async read<T extends StoredDocument>(container: ContainerName, partitionKey: string, id: string) {
    const row = this.statement(`SELECT etag, body FROM ${this.table(container)} WHERE pk = ? AND id = ?`).get(
      partitionKey,
      id,
    ) as { etag: string; body: string } | undefined;
    return row ? ({ doc: JSON.parse(row.body) as T, etag: row.etag } satisfies Versioned<T>) : undefined;
  }

  async readIfChanged<T extends StoredDocument>(
    container: ContainerName,
    partitionKey: string,
    id: string,
    etag: string,
  ) {
    // The body is only copied out of SQLite (and parsed) when the etag moved on.
    const row = this.statement(
      `SELECT etag, CASE WHEN etag = ? THEN NULL ELSE body END AS body FROM ${this.table(container)} WHERE pk = ? AND id = ?`,
    ).get(etag, partitionKey, id) as { etag: string; body: string | null } | undefined;
    if (!row) return undefined;
    if (row.body === null) return 'unchanged' as const;
    return { doc: JSON.parse(row.body) as T, etag: row.etag } satisfies Versioned<T>;
  }

  async batch(container: ContainerName, partitionKey: string, operations: readonly WriteOperation[]) {
    if (operations.length > MAX_BATCH) throw new Error(`A batch holds at most ${MAX_BATCH} operations`);
    const pkField = partitionKeyField(container);
    for (const operation of operations) {
      if (operation.op !== 'delete' && operation.doc[pkField] !== partitionKey) {
        throw new Error(`Document ${operation.doc.id} does not belong to partition ${partitionKey} of ${container}`);
      }
    }
    return new Promise<string[]>((resolve, reject) => {
      this.queued.push({ container, partitionKey, operations, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /**
   * Writes the queued batches in one transaction (see the file comment). A batch of several
   * operations runs in its own savepoint, so its conflict undoes it alone; a single operation
   * needs none, as a statement that fails changes nothing. The transaction statements are prepared
   * once: better-sqlite3's `db.transaction()` builds its wrappers anew on every call, which cost
   * as much as the savepoints themselves.
   */
  private commitQueued(): void {
    const group = this.queued;
    this.queued = [];
    const outcomes: ({ etags: string[] } | { error: unknown })[] = [];
    const tx = this.transactionStatements();
    try {
      tx.begin.run();
      for (const { container, partitionKey, operations } of group) {
        if (operations.length === 1) {
          try {
            outcomes.push({ etags: [this.apply(container, partitionKey, operations[0] as WriteOperation)] });
          } catch (error) {
            outcomes.push({ error });
          }
          continue;
        }
        tx.savepoint.run();
        try {
          outcomes.push({ etags: operations.map((op) => this.apply(container, partitionKey, op)) });
          tx.release.run();
        } catch (error) {
          tx.rollbackToSavepoint.run();
          tx.release.run();
          outcomes.push({ error });
        }
      }
      tx.commit.run();
    } catch (error) {
      if (this.db.inTransaction) tx.rollback.run();
      for (const batch of group) batch.reject(error);
      return;
    }
    group.forEach((batch, i) => {
      const outcome = outcomes[i] as { etags: string[] } | { error: unknown };
      if ('etags' in outcome) batch.resolve(outcome.etags);
      else batch.reject(outcome.error);
    });
  }

  private transactionStatements() {
    this.tx ??= {
      begin: this.db.prepare('BEGIN'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
      savepoint: this.db.prepare('SAVEPOINT batch'),
      release: this.db.prepare('RELEASE batch'),
      rollbackToSavepoint: this.db.prepare('ROLLBACK TO batch'),
    };
    return this.tx;
  }

  async query<T extends StoredDocument>(container: ContainerName, spec: QuerySpec): Promise<Page<T>> {
    if (!Number.isInteger(spec.limit) || spec.limit < 1) throw new Error('Query limit must be a positive integer');
    assertServedByIndex(container, spec);
    // Hashing the query is only needed to check or issue a cursor: most queries fit in one page.
    let hashed: string | undefined;
    const fingerprint = () => {
      hashed ??= queryFingerprint(container, spec);
      return hashed;
    };
    const after = spec.cursor === undefined ? undefined : toPosition(decodeCursor(spec.cursor, fingerprint()));
    const { sql, params } = buildQuery(this.shape(container), spec, after);
    const sortCount = (spec.orderBy ?? []).filter((o) => o.field !== 'id').length;
    const rows = this.statement(sql).all(...params) as Row[];
    const items = rows
      .slice(0, spec.limit)
      .map((row) => ({ doc: JSON.parse(row.body) as T, etag: row.etag }) satisfies Versioned<T>);
    const last = rows.length > spec.limit ? rows[spec.limit - 1] : undefined;
    const nextCursor = last
      ? encodeCursor(fingerprint(), {
          values: Array.from({ length: sortCount }, (_, i) => last[`s${i}`] ?? null),
          id: last.id,
        } satisfies KeysetPosition)
      : null;
    return { items, nextCursor };
  }

  private apply(container: ContainerName, pk: string, operation: WriteOperation): string {
    const table = this.table(container);
    const id = operation.op === 'delete' ? operation.id : operation.doc.id;
    const etag = operation.op === 'delete' ? '' : randomUUID();
    const body = operation.op === 'delete' ? '' : JSON.stringify(operation.doc);
    let changes: number;
    switch (operation.op) {
      case 'create':
        changes = this.run(
          `INSERT OR IGNORE INTO ${table} (pk, id, etag, body) VALUES (?, ?, ?, ?)`,
          pk,
          id,
          etag,
          body,
        );
        if (changes === 0)
          throw new ConcurrencyConflictError(`${container}/${pk}/${id} already exists`, 'already-exists');
        return etag;
      case 'upsert':
        this.run(
          `INSERT INTO ${table} (pk, id, etag, body) VALUES (?, ?, ?, ?) ON CONFLICT (pk, id) DO UPDATE SET etag = excluded.etag, body = excluded.body`,
          pk,
          id,
          etag,
          body,
        );
        return etag;
      case 'replace':
        changes =
          operation.ifMatch === undefined
            ? this.run(`UPDATE ${table} SET etag = ?, body = ? WHERE pk = ? AND id = ?`, etag, body, pk, id)
            : this.run(
                `UPDATE ${table} SET etag = ?, body = ? WHERE pk = ? AND id = ? AND etag = ?`,
                etag,
                body,
                pk,
                id,
                operation.ifMatch,
              );
        break;
      case 'delete':
        changes =
          operation.ifMatch === undefined
            ? this.run(`DELETE FROM ${table} WHERE pk = ? AND id = ?`, pk, id)
            : this.run(`DELETE FROM ${table} WHERE pk = ? AND id = ? AND etag = ?`, pk, id, operation.ifMatch);
        break;
    }
    if (changes === 0) throw this.missOrStale(container, pk, id);
    return etag;
  }

  /** A guarded write touched nothing: either the document is gone or its etag moved on. */
  private missOrStale(container: ContainerName, pk: string, id: string): ConcurrencyConflictError {
    const exists = this.statement(`SELECT 1 FROM ${this.table(container)} WHERE pk = ? AND id = ?`).get(pk, id);
    return exists
      ? new ConcurrencyConflictError(`${container}/${pk}/${id} was changed by someone else`, 'etag-mismatch')
      : new ConcurrencyConflictError(`${container}/${pk}/${id} does not exist`, 'not-found');
  }

  private run(sql: string, ...params: SqlValue[]): number {
    return this.statement(sql).run(...params).changes;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private table(container: ContainerName): string {
    return quoteIdent(tableName(CONTAINERS[container]));
  }

  /** Read once per container: which generated columns this database really has. */
  private shape(container: ContainerName): TableShape {
    let shape = this.shapes.get(container);
    if (!shape) {
      const table = tableName(CONTAINERS[container]);
      const rows = this.db.prepare(`PRAGMA table_xinfo(${quoteIdent(table)})`).all() as { name: string }[];
      shape = { table, pkField: partitionKeyField(container), columns: new Set(rows.map((r) => r.name)) };
      this.shapes.set(container, shape);
    }
    return shape;
  }
}

function toPosition(position: unknown): KeysetPosition {
  const isSqlValue = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';
  if (
    position === null ||
    typeof position !== 'object' ||
    !('values' in position) ||
    !('id' in position) ||
    !Array.isArray(position.values) ||
    !position.values.every(isSqlValue) ||
    typeof position.id !== 'string'
  ) {
    throw new InvalidCursorError('The cursor cannot be decoded');
  }
  return { values: position.values as SqlValue[], id: position.id };
}
