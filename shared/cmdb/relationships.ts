/**
 * Typed, directed relationships between CIs: `from <type> to` ("app runs on vm-12"), each type
 * with its reverse name ("vm-12 runs app"), the class pairs it allows, and which end a failure
 * travels from. A relationship's id is derived from (from, type, to), so the same relation can
 * exist only once: storing it twice is a create of an existing id, refused by every store.
 */
import type { ActorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';

export const RELATION_TYPES = ['depends_on', 'runs_on', 'hosted_on', 'connects_to', 'part_of'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

const ANY = '*';

export interface RelationTypeDefinition {
  readonly name: string;
  readonly reverseName: string;
  /** Classes allowed at each end ('*' = any class, configured ones included). */
  readonly fromClasses: readonly string[];
  readonly toClasses: readonly string[];
  /**
   * Where a failure starts: for most types the `to` end is the provider (the VM an app runs on
   * fails, the app fails). For `part_of` the member (`from`) fails and the whole (`to`) suffers,
   * subject to the whole's redundancy.
   */
  readonly provider: 'from' | 'to';
}

const COMPUTE = ['server', 'virtual_machine', 'cloud_resource'];
const CONNECTABLE = ['server', 'virtual_machine', 'workstation', 'network_device', 'storage', 'cloud_resource'];

export const RELATION_DEFINITIONS: Readonly<Record<RelationType, RelationTypeDefinition>> = {
  depends_on: { name: 'depends on', reverseName: 'is needed by', fromClasses: [ANY], toClasses: [ANY], provider: 'to' },
  runs_on: {
    name: 'runs on',
    reverseName: 'runs',
    fromClasses: ['application', 'database', 'business_service'],
    toClasses: [...COMPUTE, 'application'],
    provider: 'to',
  },
  hosted_on: {
    name: 'hosted on',
    reverseName: 'hosts',
    fromClasses: ['virtual_machine', 'database', 'application', 'storage', 'cloud_resource'],
    toClasses: [...COMPUTE, 'storage'],
    provider: 'to',
  },
  connects_to: {
    name: 'connects to',
    reverseName: 'is connected from',
    fromClasses: CONNECTABLE,
    toClasses: ['network_device', 'storage'],
    provider: 'to',
  },
  part_of: { name: 'part of', reverseName: 'has part', fromClasses: [ANY], toClasses: [ANY], provider: 'from' },
};

export const isRelationType = (value: string): value is RelationType =>
  (RELATION_TYPES as readonly string[]).includes(value);

const allows = (classes: readonly string[], classId: string): boolean =>
  classes.includes(ANY) || classes.includes(classId);

/** Whether the classes at both ends allow the type (RELATION.FORBIDDEN names the rule otherwise). */
export function checkRelation(
  type: RelationType,
  from: { readonly id: string; readonly ciClass: string },
  to: { readonly id: string; readonly ciClass: string },
): Result<void> {
  const def = RELATION_DEFINITIONS[type];
  if (from.id === to.id) return fail('RELATION.FORBIDDEN', 'A CI cannot be related to itself');
  if (!allows(def.fromClasses, from.ciClass))
    return fail('RELATION.FORBIDDEN', `A ${from.ciClass} cannot be the source of "${def.name}"`);
  if (!allows(def.toClasses, to.ciClass))
    return fail('RELATION.FORBIDDEN', `"${def.name}" cannot point to a ${to.ciClass}`);
  return ok(undefined);
}

/** The stored relationship, kept in the partition of its `from` CI. */
export interface RelationSnapshot {
  readonly id: string;
  /** Partition key: the `from` CI. */
  readonly ciId: string;
  readonly docType: 'ci-relation';
  readonly type: RelationType;
  readonly fromId: string;
  readonly toId: string;
  /** The end a failure starts from and the end it reaches (see RelationTypeDefinition.provider). */
  readonly providerId: string;
  readonly consumerId: string;
  readonly source: CiSource;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
}

export const CI_SOURCES = ['agent', 'import', 'valuemation'] as const;
export type CiSource = (typeof CI_SOURCES)[number];

export const relationId = (fromId: string, type: RelationType, toId: string): string => `${fromId}-r-${type}-${toId}`;

export function newRelation(
  type: RelationType,
  fromId: string,
  toId: string,
  source: CiSource,
  createdBy: ActorRef,
  now: Date,
): RelationSnapshot {
  const providerIsFrom = RELATION_DEFINITIONS[type].provider === 'from';
  return {
    id: relationId(fromId, type, toId),
    ciId: fromId,
    docType: 'ci-relation',
    type,
    fromId,
    toId,
    providerId: providerIsFrom ? fromId : toId,
    consumerId: providerIsFrom ? toId : fromId,
    source,
    createdAt: now.toISOString(),
    createdBy,
  };
}
