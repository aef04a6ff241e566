/**
 * Versioned data migrations: changes to stored documents (not to the schema, which SQLite's own
 * migrations in functions/adapters/sqlite/migrations.ts keep), written against the DocumentStore
 * port so the same step runs on SQLite and on Cosmos DB. The composition root applies the missing
 * ones at start, in order; each applied step is recorded in `config` (partition `data-migrations`,
 * id `v0001`...) with what it did.
 *
 * How to add one: append a step with the next version; never edit a shipped step. A step must be
 * idempotent (two instances may start together, and a crash between the step and its record runs
 * it again): it reads what is stored and changes only what is still in the old shape.
 */
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import { teamAutoAcceptBecomesOffers } from './0001-team-auto-accept-becomes-offers.js';
import { ticketCiLinks } from './0002-ticket-ci-links.js';

export const MIGRATION_PK = 'data-migrations';

export interface DataMigrationDeps {
  readonly store: DocumentStore;
  readonly clock: Clock;
  /** Routes an unowned ticket (routing's `route`): a step that needs offers made asks for them here. */
  readonly route: (ticketId: string, by: string) => Promise<unknown>;
}

export interface DataMigration {
  readonly version: number;
  readonly name: string;
  /** Returns what it changed, for the record; `changed: false` when nothing was in the old shape (a new store). */
  readonly up: (deps: DataMigrationDeps) => Promise<{ readonly changed: boolean } & Record<string, unknown>>;
}

export interface MigrationRecord extends StoredDocument {
  readonly pk: typeof MIGRATION_PK;
  readonly version: number;
  readonly name: string;
  readonly appliedAt: string;
  readonly result: { readonly changed: boolean } & Record<string, unknown>;
}

export const DATA_MIGRATIONS: readonly DataMigration[] = [teamAutoAcceptBecomesOffers, ticketCiLinks];

const recordId = (version: number): string => `v${String(version).padStart(4, '0')}`;

/** Applies the steps not recorded yet, in version order; returns the records of those this call applied. */
export async function applyDataMigrations(
  deps: DataMigrationDeps,
  migrations: readonly DataMigration[] = DATA_MIGRATIONS,
): Promise<MigrationRecord[]> {
  const applied: MigrationRecord[] = [];
  for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
    const id = recordId(step.version);
    if (await deps.store.read<MigrationRecord>('config', MIGRATION_PK, id)) continue;
    const result = await step.up(deps);
    const record: MigrationRecord = {
      id,
      pk: MIGRATION_PK,
      docType: 'data-migration',
      version: step.version,
      name: step.name,
      appliedAt: deps.clock.now().toISOString(),
      result,
    };
    try {
      await deps.store.batch('config', MIGRATION_PK, [{ op: 'create', doc: record }]);
      applied.push(record);
    } catch (error) {
      // Another instance ran the same (idempotent) step and recorded it first.
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    }
  }
  return applied;
}

export async function appliedDataMigrations(store: DocumentStore): Promise<MigrationRecord[]> {
  const page = await store.query<MigrationRecord>('config', {
    partitionKey: MIGRATION_PK,
    where: [{ field: 'docType', op: 'eq', value: 'data-migration' }],
    limit: 100,
  });
  return page.items.map((i) => i.doc).sort((a, b) => a.version - b.version);
}
