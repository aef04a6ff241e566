/**
 * The file import's plan (CSV/JSON exports of the CMDB, the "direct DB" fallback): which rows
 * create a CI, which change one, which are rejected and why. A row is one CI with its outgoing
 * relations and is taken whole or not at all: an unknown class, bad attributes, a duplicate asset
 * tag or key, a relation to a missing CI, a relation type the classes forbid, or a CI Valuemation
 * masters rejects the row, and rows relating to a rejected row are rejected in turn. Pure: the
 * caller passes what the store already holds.
 */
import { type CiFields, type CiSnapshot, normaliseFields, pickFields } from './ci.js';
import type { ClassRegistry } from './ci-classes.js';
import { checkRelation, isRelationType, type RelationType } from './relationships.js';

/** One parsed row: its import key (the CI's id in the exporting system) and fields. */
export interface ImportRow {
  readonly line: number;
  readonly key: string;
  readonly fields: CiFields;
  readonly relations: readonly { readonly type: string; readonly toKey: string }[];
}

export interface Rejection {
  readonly line: number;
  readonly key: string;
  readonly reason: string;
}

export interface PlannedRow {
  readonly line: number;
  readonly key: string;
  readonly fields: CiFields;
  /** The CI it changes (absent: a new CI). */
  readonly existing: CiSnapshot | null;
  readonly relations: readonly { readonly type: RelationType; readonly toKey: string }[];
}

export interface ImportPlan {
  readonly creates: readonly PlannedRow[];
  readonly updates: readonly PlannedRow[];
  readonly unchanged: readonly PlannedRow[];
  readonly rejected: readonly Rejection[];
}

export interface ImportContext {
  readonly registry: ClassRegistry;
  /** CIs already imported under these keys. */
  readonly existingByKey: ReadonlyMap<string, CiSnapshot>;
  /** Lower-cased asset tag -> the CI holding it. */
  readonly assetTagHolders: ReadonlyMap<string, string>;
  /** Who the rows come from: a file (default) changes local CIs only, the Valuemation sync its own. */
  readonly master?: 'local' | 'valuemation';
}

export const MAX_RELATIONS_PER_ROW = 40;

export function planImport(rows: readonly ImportRow[], context: ImportContext): ImportPlan {
  const rejected: Rejection[] = [];
  const accepted = new Map<string, PlannedRow>();
  const tagsInFile = new Map<string, string>();
  const reject = (row: { line: number; key: string }, reason: string) =>
    rejected.push({ line: row.line, key: row.key, reason });

  for (const row of rows) {
    if (accepted.has(row.key) || rejected.some((r) => r.key === row.key && r.line < row.line)) {
      reject(row, `key ${row.key} appears twice in the file`);
      continue;
    }
    const existing = context.existingByKey.get(row.key) ?? null;
    if (existing && existing.master !== (context.master ?? 'local')) {
      reject(
        row,
        existing.master === 'valuemation'
          ? `${existing.name} comes from Valuemation and cannot be changed by an import`
          : `${existing.name} is not a Valuemation CI`,
      );
      continue;
    }
    const fields = normaliseFields(context.registry, row.fields);
    if (!fields.ok) {
      reject(row, fields.error.message);
      continue;
    }
    const tag = fields.value.assetTag?.toLowerCase();
    if (tag) {
      const holder = context.assetTagHolders.get(tag);
      if (holder && holder !== existing?.id) {
        reject(row, `asset tag ${fields.value.assetTag} already belongs to another CI`);
        continue;
      }
      const inFile = tagsInFile.get(tag);
      if (inFile) {
        reject(row, `asset tag ${fields.value.assetTag} is also on row ${inFile}`);
        continue;
      }
      tagsInFile.set(tag, row.key);
    }
    if (row.relations.length > MAX_RELATIONS_PER_ROW) {
      reject(row, `at most ${MAX_RELATIONS_PER_ROW} relations per row`);
      continue;
    }
    const unknownType = row.relations.find((r) => !isRelationType(r.type));
    if (unknownType) {
      reject(row, `unknown relation type "${unknownType.type}"`);
      continue;
    }
    accepted.set(row.key, {
      line: row.line,
      key: row.key,
      fields: fields.value,
      existing,
      relations: row.relations as PlannedRow['relations'],
    });
  }

  // Relations need their target (in the file or already imported) and a type the classes allow;
  // a rejected row takes the rows relating to it along, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const row of [...accepted.values()]) {
      const problem = relationProblem(row, accepted, context);
      if (problem) {
        accepted.delete(row.key);
        reject(row, problem);
        changed = true;
      }
    }
  }

  const all = [...accepted.values()];
  return {
    creates: all.filter((r) => r.existing === null),
    updates: all.filter((r) => r.existing !== null && !sameFields(r.existing, r.fields)),
    unchanged: all.filter((r) => r.existing !== null && sameFields(r.existing, r.fields)),
    rejected: rejected.sort((a, b) => a.line - b.line),
  };
}

function relationProblem(row: PlannedRow, accepted: Map<string, PlannedRow>, context: ImportContext): string | null {
  for (const relation of row.relations) {
    const target = accepted.get(relation.toKey);
    const existingTarget = context.existingByKey.get(relation.toKey);
    const targetClass = target?.fields.ciClass ?? existingTarget?.ciClass;
    if (!targetClass) return `relation ${relation.type} to ${relation.toKey}: no such CI in the file or the CMDB`;
    const allowed = checkRelation(
      relation.type,
      { id: row.key, ciClass: row.fields.ciClass },
      { id: relation.toKey, ciClass: targetClass },
    );
    if (!allowed.ok) return `relation ${relation.type} to ${relation.toKey}: ${allowed.error.message}`;
  }
  return null;
}

const sameFields = (ci: CiSnapshot, fields: CiFields): boolean =>
  JSON.stringify(pickFields(ci)) === JSON.stringify(pickFields(fields));
