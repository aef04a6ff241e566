/**
 * Runs a file import: looks up what the CMDB already holds for the file's keys and asset tags,
 * plans (ci-import.ts), and unless it is a dry run writes each accepted row: first every CI (one
 * atomic batch each: the CI, its history entry with source `import`, its search keys), then the
 * relations. A crash mid-import leaves whole CIs, never half of one; running the same file again
 * completes it (existing keys are matched, existing relations are skipped). A dry run writes
 * nothing and counts the relations the real run would add.
 */
import type { Actor } from '../kernel/actor.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type StoredDocument, type Versioned } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { type CiSnapshot, changeCi, createCi } from './ci.js';
import type { ClassRegistry } from './ci-classes.js';
import { type ImportPlan, type ImportRow, planImport, type Rejection } from './ci-import.js';
import type { CmdbRepository } from './cmdb-repository.js';
import type { CmdbUseCases } from './cmdb-use-cases.js';
import { relationId } from './relationships.js';

/** Imported CIs carry their file key as external id, so the next file's row finds them. */
export const importExternalId = (key: string): string => `file:${key}`;

export interface ImportReport {
  readonly dryRun: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly relationsAdded: number;
  readonly rejected: readonly Rejection[];
}

export class CmdbImport {
  constructor(
    private readonly repo: CmdbRepository,
    private readonly registry: ClassRegistry,
    private readonly cmdb: CmdbUseCases,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async run(
    rows: readonly ImportRow[],
    parseRejections: readonly Rejection[],
    options: { dryRun: boolean; actor: Actor },
  ): Promise<ImportReport> {
    const existing = await this.repo.byExternalIds(rows.map((r) => importExternalId(r.key)));
    const byKey = new Map<string, Versioned<CiSnapshot & StoredDocument>>();
    for (const found of existing) byKey.set((found.doc.externalId as string).slice('file:'.length), found);
    const tags = rows.flatMap((r) => (r.fields.assetTag ? [r.fields.assetTag.trim().toLowerCase()] : []));
    const holders = await this.repo.assetTagHolders(tags);
    const plan = planImport(rows, {
      registry: this.registry,
      existingByKey: new Map([...byKey].map(([k, v]) => [k, v.doc])),
      assetTagHolders: holders,
    });
    const rejected = [...parseRejections, ...plan.rejected];
    const report = {
      dryRun: options.dryRun,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged.length,
      relationsAdded: 0,
    };
    if (options.dryRun)
      return { ...report, relationsAdded: await this.relationsToAdd(plan, byKey), rejected: sortByLine(rejected) };

    const ctx = { actor: options.actor, now: this.clock.now(), ids: this.ids };
    const idOfKey = new Map([...byKey].map(([k, v]) => [k, v.doc.id]));
    const failed = new Set<string>();
    for (const row of plan.creates) {
      const made = createCi(
        this.registry,
        row.fields,
        { source: 'import', externalId: importExternalId(row.key) },
        ctx,
      );
      if (!made.ok) {
        rejected.push({ line: row.line, key: row.key, reason: made.error.message });
        failed.add(row.key);
        continue;
      }
      await this.repo.save(made.value.ci, made.value.entry, null, null);
      idOfKey.set(row.key, made.value.ci.id);
    }
    for (const row of plan.updates) {
      const found = byKey.get(row.key) as Versioned<CiSnapshot & StoredDocument>;
      const changed = changeCi(this.registry, found.doc, row.fields, { source: 'import' }, ctx);
      try {
        if (!changed.ok) throw new Error(changed.error.message);
        await this.repo.save(changed.value.ci, changed.value.entry, found.etag, found.doc);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) && changed.ok) throw error;
        const reason = changed.ok ? 'the CI changed while importing; run the file again' : (error as Error).message;
        rejected.push({ line: row.line, key: row.key, reason });
        failed.add(row.key);
      }
    }
    let relationsAdded = 0;
    for (const row of [...plan.creates, ...plan.updates, ...plan.unchanged]) {
      const fromId = idOfKey.get(row.key);
      if (!fromId || failed.has(row.key)) continue;
      for (const relation of row.relations) {
        const toId = idOfKey.get(relation.toKey);
        if (!toId) continue;
        const added = await this.cmdb.addRelation(fromId, { type: relation.type, toId }, options.actor, 'import');
        if (added.ok) relationsAdded++;
        else if (added.error.code !== 'RELATION.DUPLICATE')
          rejected.push({
            line: row.line,
            key: row.key,
            reason: `relation ${relation.type} to ${relation.toKey}: ${added.error.message}`,
          });
      }
    }
    return {
      ...report,
      created: report.created - plan.creates.filter((r) => failed.has(r.key)).length,
      updated: report.updated - plan.updates.filter((r) => failed.has(r.key)).length,
      relationsAdded,
      rejected: sortByLine(rejected),
    };
  }

  /** What a dry run reports as relations to add: those of a new CI, and those not yet stored between existing ones. */
  private async relationsToAdd(
    plan: ImportPlan,
    byKey: ReadonlyMap<string, Versioned<CiSnapshot & StoredDocument>>,
  ): Promise<number> {
    const seen = new Set<string>();
    let count = 0;
    for (const row of [...plan.creates, ...plan.updates, ...plan.unchanged])
      for (const relation of row.relations) {
        const fromId = byKey.get(row.key)?.doc.id;
        const toId = byKey.get(relation.toKey)?.doc.id;
        const key = `${row.key}\u0000${relation.type}\u0000${relation.toKey}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!fromId || !toId || !(await this.repo.relation(fromId, relationId(fromId, relation.type, toId)))) count++;
      }
    return count;
  }
}

const sortByLine = (rejected: Rejection[]): Rejection[] => [...rejected].sort((a, b) => a.line - b.line);
