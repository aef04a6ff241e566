/**
 * A configuration item: common fields, class attributes (validated against its class), and an
 * append-only history. `createCi` and `changeCi` are the only ways to make or change one; each
 * returns the new snapshot and the history entry that records who changed what, when, and from
 * which source (an agent, a file import, Valuemation). Retiring is a change of status: CIs are
 * never deleted, so tickets keep their links.
 *
 * Fields Valuemation supplies are read-only for everyone else while Valuemation is the CI's master.
 */
import { type ActorRef, actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { type CiAttributes, type ClassRegistry, validateAttributes } from './ci-classes.js';
import type { CiSource } from './relationships.js';

export const CI_STATUSES = ['planned', 'active', 'maintenance', 'retired'] as const;
export type CiStatus = (typeof CI_STATUSES)[number];

export const ENVIRONMENTS = ['production', 'staging', 'test', 'development', 'disaster_recovery'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** 1 is the most critical. */
export type Criticality = 1 | 2 | 3 | 4;

/** iTop's rule: a CI made of members (a cluster) fails once this many of its members are down. */
export interface Redundancy {
  readonly membersDownToFail: number;
}

/** The fields a person, an import or Valuemation sets. */
export interface CiFields {
  readonly name: string;
  readonly ciClass: string;
  readonly status: CiStatus;
  readonly environment: Environment;
  readonly criticality: Criticality;
  readonly ownerTeamId: string | null;
  readonly location: string | null;
  readonly assetTag: string | null;
  readonly serial: string | null;
  readonly hostNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly attributes: CiAttributes;
  readonly redundancy: Redundancy | null;
}

export const CI_FIELD_NAMES = [
  'name',
  'ciClass',
  'status',
  'environment',
  'criticality',
  'ownerTeamId',
  'location',
  'assetTag',
  'serial',
  'hostNames',
  'ipAddresses',
  'attributes',
  'redundancy',
] as const satisfies readonly (keyof CiFields)[];
export type CiFieldName = (typeof CI_FIELD_NAMES)[number];

export interface CiSnapshot extends CiFields {
  readonly id: string;
  /** Partition key: equals `id`. */
  readonly ciId: string;
  readonly docType: 'ci';
  /** Lower-cased name: the sort and prefix-search key. */
  readonly nameKey: string;
  /** Lower-cased asset tag (unique among CIs), for lookup. */
  readonly assetTagKey: string | null;
  /** Who is master of the CI's fields: Valuemation's CIs are read-only here. */
  readonly master: 'local' | 'valuemation';
  /**
   * The fields the master supplies (read-only for everyone else, shown "from Valuemation"); the
   * others stay editable here. Absent on CIs stored before the sync: every field when the master
   * is Valuemation, none otherwise.
   */
  readonly masteredFields?: readonly CiFieldName[];
  /** The CI's id in Valuemation (when it came from there). */
  readonly externalId: string | null;
  /** Valuemation's modification time of the version we hold (the sync watermark's unit). */
  readonly externalModifiedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastSeq: number;
}

export type HistoryAction = 'created' | 'updated' | 'retired' | 'relation_added' | 'relation_removed';

export interface CiHistoryEntry {
  readonly id: string;
  readonly ciId: string;
  readonly docType: 'ci-history';
  readonly seq: number;
  readonly at: string;
  readonly actor: ActorRef;
  readonly source: CiSource;
  readonly action: HistoryAction;
  readonly changes: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
  readonly relation?: { readonly id: string; readonly type: string; readonly fromId: string; readonly toId: string };
}

export const historyEntryId = (ciId: string, seq: number): string => `${ciId}-h${String(seq).padStart(6, '0')}`;

const clean = (value: string | null): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

const uniqueLower = (values: readonly string[]): string[] => [
  ...new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v !== '')),
];

/** Trims and normalises the fields, then checks them; problems are named per field. */
export function normaliseFields(registry: ClassRegistry, fields: CiFields): Result<CiFields> {
  const name = fields.name.trim();
  if (name === '')
    return fail('REQUEST.VALIDATION_FAILED', 'A CI needs a name', { errors: [{ path: 'name', message: 'is empty' }] });
  const attributes = validateAttributes(registry, fields.ciClass, fields.attributes);
  if (!attributes.ok) return attributes;
  if (
    fields.redundancy &&
    (!Number.isInteger(fields.redundancy.membersDownToFail) || fields.redundancy.membersDownToFail < 1)
  )
    return fail('REQUEST.VALIDATION_FAILED', 'redundancy.membersDownToFail must be a whole number of at least 1', {
      errors: [{ path: 'redundancy.membersDownToFail', message: 'must be at least 1' }],
    });
  return ok({
    ...fields,
    name,
    ownerTeamId: clean(fields.ownerTeamId),
    location: clean(fields.location),
    assetTag: clean(fields.assetTag),
    serial: clean(fields.serial),
    hostNames: uniqueLower(fields.hostNames),
    ipAddresses: uniqueLower(fields.ipAddresses),
  });
}

const derived = (fields: CiFields) => ({
  nameKey: fields.name.toLowerCase(),
  assetTagKey: fields.assetTag?.toLowerCase() ?? null,
});

export interface CiChange {
  readonly ci: CiSnapshot;
  readonly entry: CiHistoryEntry | null;
}

export interface Provenance {
  readonly source: CiSource;
  /** Valuemation's id and modification time when the source is Valuemation. */
  readonly externalId?: string;
  readonly externalModifiedAt?: string;
  /** The fields Valuemation supplies for this CI (default: all of them). */
  readonly masteredFields?: readonly CiFieldName[];
}

/** The fields of the CI only its master may change. */
export const masteredFieldsOf = (ci: Pick<CiSnapshot, 'master' | 'masteredFields'>): readonly CiFieldName[] =>
  ci.master === 'local' ? [] : (ci.masteredFields ?? CI_FIELD_NAMES);

export function createCi(
  registry: ClassRegistry,
  input: CiFields,
  provenance: Provenance,
  ctx: ChangeContext,
): Result<CiChange> {
  const fields = normaliseFields(registry, input);
  if (!fields.ok) return fields;
  const id = ctx.ids.next('ci_');
  const at = ctx.now.toISOString();
  const ci: CiSnapshot = {
    id,
    ciId: id,
    docType: 'ci',
    ...fields.value,
    ...derived(fields.value),
    master: provenance.source === 'valuemation' ? 'valuemation' : 'local',
    masteredFields: provenance.source === 'valuemation' ? (provenance.masteredFields ?? CI_FIELD_NAMES) : [],
    externalId: provenance.externalId ?? null,
    externalModifiedAt: provenance.externalModifiedAt ?? null,
    createdAt: at,
    updatedAt: at,
    lastSeq: 1,
  };
  const changes = Object.fromEntries(CI_FIELD_NAMES.map((f) => [f, { from: null, to: fields.value[f] }]));
  return ok({ ci, entry: entryFor(ci, 1, 'created', provenance.source, changes, ctx) });
}

/**
 * Applies a patch of fields. Only Valuemation changes the fields it supplies on a CI it masters
 * (CI.READ_ONLY naming them otherwise); nothing changed gives no history entry. Valuemation may
 * also say which fields it supplies from now on (`provenance.masteredFields`).
 */
export function changeCi(
  registry: ClassRegistry,
  current: CiSnapshot,
  patch: Partial<CiFields>,
  provenance: Provenance,
  ctx: ChangeContext,
): Result<CiChange> {
  const next = normaliseFields(registry, { ...pickFields(current), ...definedOnly(patch) });
  if (!next.ok) return next;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of CI_FIELD_NAMES)
    if (JSON.stringify(current[f]) !== JSON.stringify(next.value[f]))
      changes[f] = { from: current[f], to: next.value[f] };
  if (provenance.source !== 'valuemation') {
    const locked = masteredFieldsOf(current).filter((f) => f in changes);
    if (locked.length > 0)
      return fail('CI.READ_ONLY', `${current.name} takes ${locked.join(', ')} from Valuemation: change it there`, {
        errors: locked.map((f) => ({ path: f, message: 'comes from Valuemation (read-only here)' })),
      });
  }
  const externalModifiedAt = provenance.externalModifiedAt ?? current.externalModifiedAt;
  const masteredFields =
    provenance.source === 'valuemation' && provenance.masteredFields
      ? provenance.masteredFields
      : current.masteredFields;
  const bookkeeping = { externalModifiedAt, ...(masteredFields ? { masteredFields } : {}) };
  if (Object.keys(changes).length === 0) return ok({ ci: { ...current, ...bookkeeping }, entry: null });
  const seq = current.lastSeq + 1;
  const ci: CiSnapshot = {
    ...current,
    ...next.value,
    ...derived(next.value),
    ...bookkeeping,
    updatedAt: ctx.now.toISOString(),
    lastSeq: seq,
  };
  const action = changes.status && next.value.status === 'retired' ? 'retired' : 'updated';
  return ok({ ci, entry: entryFor(ci, seq, action, provenance.source, changes, ctx) });
}

/** A relation added or removed is written into the `from` CI's history. */
export function recordRelationChange(
  current: CiSnapshot,
  action: 'relation_added' | 'relation_removed',
  relation: { readonly id: string; readonly type: string; readonly fromId: string; readonly toId: string },
  source: CiSource,
  ctx: ChangeContext,
): CiChange {
  const seq = current.lastSeq + 1;
  const ci: CiSnapshot = { ...current, lastSeq: seq, updatedAt: ctx.now.toISOString() };
  const entry = entryFor(ci, seq, action, source, {}, ctx);
  return {
    ci,
    entry: {
      ...entry,
      relation: { id: relation.id, type: relation.type, fromId: relation.fromId, toId: relation.toId },
    },
  };
}

export const pickFields = (ci: CiFields): CiFields =>
  Object.fromEntries(CI_FIELD_NAMES.map((f) => [f, ci[f]])) as unknown as CiFields;

const definedOnly = <T extends object>(patch: T): Partial<T> =>
  Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;

function entryFor(
  ci: CiSnapshot,
  seq: number,
  action: HistoryAction,
  source: CiSource,
  changes: CiHistoryEntry['changes'],
  ctx: ChangeContext,
): CiHistoryEntry {
  return {
    id: historyEntryId(ci.id, seq),
    ciId: ci.id,
    docType: 'ci-history',
    seq,
    at: ctx.now.toISOString(),
    actor: actorRef(ctx.actor),
    source,
    action,
    changes,
  };
}
