/**
 * Writes one page of a CmdbSource into the CMDB. CIs: each record is validated like a file row
 * (planImport: class, attributes, asset tag held elsewhere) and written whole in its own atomic
 * batch (CI, history entry with the source, search keys), so a crash leaves whole CIs; writing a
 * record already held (same fields, same modification time) writes nothing, which makes a page
 * repeated after a crash harmless. Relations: grouped by their `from` CI, each group written
 * with that CI's history entries in its partition. A tombstone retires a CI, never deletes it.
 */
import { actorRef, systemActor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import type { Clock } from '../ports/clock.js';
import type { SourceCi, SourceRelation } from '../ports/cmdb-source.js';
import {
  ConcurrencyConflictError,
  type DocumentStore,
  type StoredDocument,
  type Versioned,
  type WriteOperation,
} from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import {
  type CiFieldName,
  type CiFields,
  type CiSnapshot,
  changeCi,
  createCi,
  type Provenance,
  pickFields,
  recordRelationChange,
} from './ci.js';
import type { ClassRegistry } from './ci-classes.js';
import { type ImportRow, planImport } from './ci-import.js';
import type { CmdbRepository } from './cmdb-repository.js';
import type { SyncCounts, SyncProblem } from './cmdb-sync-state.js';
import { type CiSource, checkRelation, newRelation, type RelationSnapshot } from './relationships.js';

type StoredCi = Versioned<CiSnapshot & StoredDocument>;

export interface PageOutcome {
  readonly counts: Partial<SyncCounts>;
  readonly problems: readonly SyncProblem[];
}

/** What a new CI gets for the fields its source does not supply (the API's defaults). */
export const DEFAULT_FIELDS: Omit<CiFields, 'name' | 'ciClass'> = {
  status: 'active',
  environment: 'production',
  criticality: 3,
  ownerTeamId: null,
  location: null,
  assetTag: null,
  serial: null,
  hostNames: [],
  ipAddresses: [],
  attributes: {},
  redundancy: null,
};

/** Changes of one relation group per batch: 2 operations each plus the CI, under Cosmos' 100. */
const RELATION_CHANGES_PER_BATCH = 40;
/** Batches of a page in flight at once: enough for SQLite's group commit, few enough for Cosmos' throughput. */
const WRITES_IN_FLIGHT = 50;

/** `work` over every item, WRITES_IN_FLIGHT at a time; the results in the items' order. */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_IN_FLIGHT, items.length) }, worker));
  return results;
}

export interface SyncWriterDeps {
  readonly store: DocumentStore;
  readonly repo: CmdbRepository;
  readonly registry: ClassRegistry;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Ids of the teams that exist (an owner team that does not is left empty, with a warning). */
  readonly teamIds: () => Promise<ReadonlySet<string>>;
}

export class SyncWriter {
  private readonly source: CiSource;

  constructor(
    private readonly deps: SyncWriterDeps,
    private readonly origin: 'valuemation' | 'import',
  ) {
    this.source = origin === 'valuemation' ? 'valuemation' : 'import';
  }

  private ctx(): ChangeContext {
    return { actor: systemActor(`${this.origin}-sync`), now: this.deps.clock.now(), ids: this.deps.ids };
  }

  async writeCis(items: readonly SourceCi[]): Promise<PageOutcome> {
    const { repo, registry } = this.deps;
    const counts = { created: 0, updated: 0, unchanged: 0, retired: 0, rejected: 0 };
    const problems: SyncProblem[] = [];
    const problem = (item: SourceCi, reason: string, severity: SyncProblem['severity'] = 'rejected') => {
      problems.push({
        kind: 'ci',
        externalId: item.externalId,
        reason,
        severity,
        ...(item.line !== undefined ? { line: item.line } : {}),
      });
      if (severity === 'rejected') counts.rejected++;
    };
    const held = new Map((await repo.byExternalIds(items.map((i) => i.externalId))).map((f) => [f.doc.externalId, f]));
    const teams = await this.deps.teamIds();
    const rows: ImportRow[] = [];
    const patches = new Map<string, Partial<CiFields>>();
    const byKey = new Map<string, SourceCi>();
    for (const item of items) {
      const found = held.get(item.externalId);
      if (item.problem) {
        problem(item, item.problem);
        continue;
      }
      if (item.deleted) {
        if (found && found.doc.status !== 'retired' && (await this.retire(found))) counts.retired++;
        else counts.unchanged++;
        continue;
      }
      for (const warning of item.warnings ?? []) problem(item, warning, 'warning');
      let patch = item.fields;
      if (patch.ownerTeamId && !teams.has(patch.ownerTeamId)) {
        problem(item, `owner team ${patch.ownerTeamId} does not exist here; left empty`, 'warning');
        patch = { ...patch, ownerTeamId: null };
      }
      const base = found ? pickFields(found.doc) : { name: '', ciClass: '', ...DEFAULT_FIELDS };
      rows.push({ line: item.line ?? 0, key: item.externalId, fields: { ...base, ...patch }, relations: [] });
      patches.set(item.externalId, patch);
      byKey.set(item.externalId, item);
    }
    const tags = rows.flatMap((r) => (r.fields.assetTag ? [r.fields.assetTag.trim().toLowerCase()] : []));
    const plan = planImport(rows, {
      registry,
      existingByKey: new Map([...held].map(([k, v]) => [k as string, v.doc])),
      assetTagHolders: await repo.assetTagHolders(tags),
      master: this.origin === 'valuemation' ? 'valuemation' : 'local',
    });
    for (const r of plan.rejected) problem(byKey.get(r.key) as SourceCi, r.reason);
    // Each CI is its own batch in its own partition, so they go out together (the SQLite store
    // commits the batches of one turn in one transaction); outcomes are counted in page order.
    const created = await inParallel(plan.creates, async (row): Promise<string | null> => {
      const item = byKey.get(row.key) as SourceCi;
      const made = createCi(registry, row.fields, this.provenance(item), this.ctx());
      if (!made.ok) return made.error.message;
      try {
        await repo.save(made.value.ci, made.value.entry, null, null);
        return null;
      } catch (error) {
        // Another writer made it meanwhile (a second sync): the next run sees it as held.
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        return 'written by someone else at the same time; taken on the next run';
      }
    });
    plan.creates.forEach((row, i) => {
      const refused = created[i];
      if (refused) problem(byKey.get(row.key) as SourceCi, refused);
      else counts.created++;
    });
    const changes = [...plan.updates, ...plan.unchanged];
    const changed = await inParallel(changes, (row) =>
      this.change(
        held.get(row.key) as StoredCi,
        patches.get(row.key) ?? {},
        this.provenance(byKey.get(row.key) as SourceCi),
      ),
    );
    changes.forEach((row, i) => {
      const outcome = changed[i] as boolean | string;
      if (typeof outcome === 'string') problem(byKey.get(row.key) as SourceCi, outcome);
      else counts[outcome ? 'updated' : 'unchanged']++;
    });
    return { counts, problems };
  }

  private provenance(item: SourceCi): Provenance {
    return {
      source: this.source,
      externalId: item.externalId,
      externalModifiedAt: item.modifiedAt,
      ...(this.origin === 'valuemation' ? { masteredFields: Object.keys(item.fields) as CiFieldName[] } : {}),
    };
  }

  /** True when a field changed, false when only bookkeeping did (or nothing), a reason when refused. */
  private async change(found: StoredCi, patch: Partial<CiFields>, provenance: Provenance): Promise<boolean | string> {
    let current = found;
    for (let attempt = 0; ; attempt++) {
      const changed = changeCi(this.deps.registry, current.doc, patch, provenance, this.ctx());
      if (!changed.ok) return changed.error.message;
      const { ci, entry } = changed.value;
      const same =
        !entry &&
        ci.externalModifiedAt === current.doc.externalModifiedAt &&
        JSON.stringify(ci.masteredFields) === JSON.stringify(current.doc.masteredFields);
      if (same) return false;
      try {
        await this.deps.repo.save(ci, entry, current.etag, current.doc);
        return entry !== null;
      } catch (error) {
        // An agent changed a field we do not master meanwhile: take theirs and apply ours again.
        if (!(error instanceof ConcurrencyConflictError) || attempt > 2) throw error;
        const again = await this.deps.repo.get(current.doc.id);
        if (!again) return 'the CI vanished while syncing';
        current = again;
      }
    }
  }

  /** Retires a CI the source no longer has (history source: the source). False when refused. */
  async retire(found: StoredCi): Promise<boolean> {
    const outcome = await this.change(found, { status: 'retired' }, { source: this.source });
    return outcome === true;
  }

  async writeRelations(items: readonly SourceRelation[]): Promise<PageOutcome> {
    const counts = { relationsAdded: 0, relationsRemoved: 0, relationsRejected: 0 };
    const problems: SyncProblem[] = [];
    const reject = (item: SourceRelation, reason: string) => {
      problems.push({
        kind: 'relation',
        externalId: item.externalId,
        reason,
        severity: 'rejected',
        ...(item.line !== undefined ? { line: item.line } : {}),
      });
      counts.relationsRejected++;
    };
    const ends = new Map(
      (await this.deps.repo.byExternalIds(items.flatMap((i) => [i.fromExternalId, i.toExternalId]))).map((f) => [
        f.doc.externalId,
        f,
      ]),
    );
    const groups = new Map<string, { from: StoredCi; changes: { add: boolean; relation: RelationSnapshot }[] }>();
    const ctx = this.ctx();
    for (const item of items) {
      if (item.problem || !item.type) {
        reject(item, item.problem ?? 'no relation type');
        continue;
      }
      const from = ends.get(item.fromExternalId);
      const to = ends.get(item.toExternalId);
      const missing = !from ? item.fromExternalId : !to ? item.toExternalId : null;
      if (missing || !from || !to) {
        if (!item.deleted) reject(item, `${missing} is not in the CMDB (not synced, or rejected)`);
        continue;
      }
      if (!item.deleted) {
        const allowed = checkRelation(item.type, from.doc, to.doc);
        if (!allowed.ok) {
          reject(item, allowed.error.message);
          continue;
        }
      }
      const relation = newRelation(item.type, from.doc.id, to.doc.id, this.source, actorRef(ctx.actor), ctx.now);
      const group = groups.get(from.doc.id) ?? { from, changes: [] };
      group.changes.push({ add: !item.deleted, relation });
      groups.set(from.doc.id, group);
    }
    // Groups are in distinct partitions (their `from` CI): written together, like the CIs.
    for (const done of await inParallel([...groups.values()], ({ from, changes }) => this.writeGroup(from, changes))) {
      counts.relationsAdded += done.added;
      counts.relationsRemoved += done.removed;
    }
    return { counts, problems };
  }

  private async writeGroup(
    from: StoredCi,
    changes: readonly { add: boolean; relation: RelationSnapshot }[],
  ): Promise<{ added: number; removed: number }> {
    const ids = [...new Set(changes.map((c) => c.relation.id))];
    const found = await Promise.all(ids.map((id) => this.deps.repo.relation(from.doc.id, id)));
    const present = new Map(ids.map((id, i) => [id, found[i] !== undefined]));
    const effective = changes.filter((c) => {
      if (present.get(c.relation.id) === c.add) return false;
      present.set(c.relation.id, c.add);
      return true;
    });
    let current = from;
    let added = 0;
    let removed = 0;
    for (let i = 0; i < effective.length; i += RELATION_CHANGES_PER_BATCH) {
      const chunk = effective.slice(i, i + RELATION_CHANGES_PER_BATCH);
      for (let attempt = 0; ; attempt++) {
        const ops: WriteOperation[] = [];
        let ci: CiSnapshot = current.doc;
        for (const { add, relation } of chunk) {
          const action = add ? 'relation_added' : 'relation_removed';
          const change = recordRelationChange(ci, action, relation, this.source, this.ctx());
          ci = change.ci;
          ops.push({ op: 'create', doc: change.entry as unknown as StoredDocument });
          ops.push(
            add ? { op: 'create', doc: relation as unknown as StoredDocument } : { op: 'delete', id: relation.id },
          );
        }
        try {
          const [etag] = await this.deps.store.batch('cis', ci.id, [
            { op: 'replace', doc: ci as unknown as StoredDocument, ifMatch: current.etag },
            ...ops,
          ]);
          current = { doc: ci as unknown as CiSnapshot & StoredDocument, etag: etag as string };
          break;
        } catch (error) {
          if (!(error instanceof ConcurrencyConflictError) || attempt > 2) throw error;
          const again = await this.deps.repo.get(current.doc.id);
          if (!again) throw error;
          current = again;
        }
      }
      for (const c of chunk) c.add ? added++ : removed++;
    }
    return { added, removed };
  }

  /** The source's CIs held here that are not retired, a page at a time (the full run's reconciliation). */
  async *heldCis(prefix: string): AsyncGenerator<StoredCi[]> {
    let cursor: string | undefined;
    do {
      // In externalId order, which its index serves (only CIs carry one): ordered by id, every
      // page made SQLite walk and sort all CIs.
      const page = await this.deps.store.query<CiSnapshot & StoredDocument>('cis', {
        where: [
          { field: 'externalId', op: 'gte', value: prefix },
          { field: 'externalId', op: 'lt', value: `${prefix}\uffff` },
        ],
        orderBy: [{ field: 'externalId', direction: 'asc' }],
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      yield page.items.filter((v) => v.doc.docType === 'ci' && v.doc.status !== 'retired');
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
