/**
 * Seeds the CMDB benchmark's estate straight into a document store: the Valuemation simulator's
 * generated estate (tests/simulators/valuemation/valuemation-estate.ts, about three relations per
 * CI) translated by the real mapping file and made by the domain (`createCi`, `newRelation`,
 * `recordRelationChange`), so the rows are the ones a sync writes: each CI, its history entries,
 * its search keys and its outgoing relations in one batch of its partition. Batches go out a
 * thousand at a time, which the SQLite store writes in one group commit.
 */

import { UlidIds } from '../../functions/adapters/system/ulid-ids.js';
import { loadValuemationMapping } from '../../functions/adapters/valuemation/valuemation-mapping.js';
import { type CiFields, type CiSnapshot, createCi, recordRelationChange } from '../../shared/cmdb/ci.js';
import { classRegistry } from '../../shared/cmdb/ci-classes.js';
import { searchKeysOf } from '../../shared/cmdb/ci-search-keys.js';
import { DEFAULT_FIELDS } from '../../shared/cmdb/cmdb-sync-apply.js';
import { checkRelation, newRelation, type RelationSnapshot } from '../../shared/cmdb/relationships.js';
import { systemActor } from '../../shared/kernel/actor.js';
import type { DocumentStore, StoredDocument, WriteOperation } from '../../shared/ports/document-store.js';
import { seedEstate } from '../simulators/valuemation/valuemation-estate.js';
import { type SimCi, type SimRelation, ValuemationCmdb } from '../simulators/valuemation/valuemation-model.js';

const CHUNK = 1_000;

export interface SeededCmdb {
  readonly cis: number;
  readonly relations: number;
  /** Relations the estate named twice (same from, type and to): stored once. */
  readonly duplicates: number;
  /** Our ids of the estate's core switches (the impact benchmark's starting CIs). */
  readonly coreSwitches: readonly string[];
  readonly seconds: number;
}

const doc = (value: object) => value as unknown as StoredDocument;

export async function seedCmdbEstate(store: DocumentStore, count: number): Promise<SeededCmdb> {
  const started = performance.now();
  const registry = classRegistry();
  const mapping = loadValuemationMapping(undefined, registry);
  const vm = new ValuemationCmdb();
  const estate = seedEstate(vm, { cis: count });
  const ctx = { actor: systemActor('valuemation-sync'), now: new Date(), ids: new UlidIds() };

  const ours = new Map<string, CiSnapshot>();
  const entries = new Map<string, StoredDocument[]>();
  for (const item of vm.cis.page(null, null, Number.MAX_SAFE_INTEGER, false).items) {
    if (item.deleted) continue;
    const record = item.record as SimCi;
    const mapped = mapping.ci({ ...record, modifiedAt: item.modifiedAt, deleted: false });
    if (mapped.problem) throw new Error(`estate CI ${record.id}: ${mapped.problem}`);
    const made = createCi(
      registry,
      { ...DEFAULT_FIELDS, ...(mapped.fields as CiFields) },
      {
        source: 'valuemation',
        externalId: mapped.externalId,
        externalModifiedAt: mapped.modifiedAt,
        masteredFields: Object.keys(mapped.fields) as never,
      },
      ctx,
    );
    if (!made.ok) throw new Error(`estate CI ${record.id}: ${made.error.message}`);
    ours.set(mapped.externalId, made.value.ci);
    entries.set(made.value.ci.id, [doc(made.value.entry as object)]);
  }

  const relations = new Map<string, Map<string, RelationSnapshot>>();
  let duplicates = 0;
  for (const item of vm.relations.page(null, null, Number.MAX_SAFE_INTEGER, false).items) {
    if (item.deleted) continue;
    const mapped = mapping.relation({ ...(item.record as SimRelation), modifiedAt: item.modifiedAt, deleted: false });
    const from = ours.get(mapped.fromExternalId);
    const to = ours.get(mapped.toExternalId);
    if (mapped.problem || !mapped.type || !from || !to) throw new Error(`estate relation ${mapped.externalId}`);
    const allowed = checkRelation(mapped.type, from, to);
    if (!allowed.ok) throw new Error(`estate relation ${mapped.externalId}: ${allowed.error.message}`);
    const relation = newRelation(
      mapped.type,
      from.id,
      to.id,
      'valuemation',
      { kind: 'system', name: 'bench' },
      ctx.now,
    );
    const outgoing = relations.get(from.id) ?? new Map<string, RelationSnapshot>();
    if (outgoing.has(relation.id)) duplicates++;
    outgoing.set(relation.id, relation);
    relations.set(from.id, outgoing);
  }

  const batches: { ciId: string; ops: WriteOperation[] }[] = [];
  let relationCount = 0;
  for (const created of ours.values()) {
    let ci = created;
    const ops: WriteOperation[] = (entries.get(ci.id) ?? []).map((d) => ({ op: 'create', doc: d }));
    for (const relation of relations.get(ci.id)?.values() ?? []) {
      const change = recordRelationChange(ci, 'relation_added', relation, 'valuemation', ctx);
      ci = change.ci;
      ops.push({ op: 'create', doc: doc(change.entry as object) }, { op: 'create', doc: doc(relation) });
      relationCount++;
    }
    ops.unshift({ op: 'create', doc: doc(ci) });
    for (const key of searchKeysOf(ci)) ops.push({ op: 'create', doc: doc(key) });
    batches.push({ ciId: ci.id, ops });
  }
  for (let i = 0; i < batches.length; i += CHUNK)
    await Promise.all(batches.slice(i, i + CHUNK).map((b) => store.batch('cis', b.ciId, b.ops)));

  return {
    cis: ours.size,
    relations: relationCount,
    duplicates,
    coreSwitches: estate.coreSwitches.map((id) => (ours.get(`valuemation:${id}`) as CiSnapshot).id),
    seconds: (performance.now() - started) / 1000,
  };
}
