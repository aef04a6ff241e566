/**
 * The mapping file (valuemation-mapping.json, or VALUEMATION_MAPPING_FILE): which Valuemation
 * class is which of ours, which attribute fills which field or class attribute, how values are
 * translated, and which relation type is which (possibly reversed). Checked once at start-up
 * against the class registry, so a typo stops the product with its name instead of rejecting
 * every CI later. Translating a record never throws: what cannot be mapped becomes the record's
 * `problem` (rejected with that reason) or a warning.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ZUpdateCi } from '../../../shared/api/cmdb.schemas.js';
import type { CiFields } from '../../../shared/cmdb/ci.js';
import type { AttributeValue, ClassRegistry } from '../../../shared/cmdb/ci-classes.js';
import { isRelationType, type RelationType } from '../../../shared/cmdb/relationships.js';
import type { SourceCi, SourceRelation } from '../../../shared/ports/cmdb-source.js';
import type { VmCi, VmRelation, VmValue } from './valuemation-api.js';
// Imported (not read from disk) so the build carries it into dist/ beside this module.
import BUILT_IN_MAPPING from './valuemation-mapping.json' with { type: 'json' };

const MAPPABLE_FIELDS = [
  'environment',
  'criticality',
  'ownerTeamId',
  'location',
  'assetTag',
  'serial',
  'hostNames',
  'ipAddresses',
  'redundancy.membersDownToFail',
] as const;
type MappableField = (typeof MAPPABLE_FIELDS)[number];

const ZRelationTarget = z.union([
  z.string(),
  z.strictObject({ type: z.string(), reverse: z.boolean().default(false) }),
]);

export const ZValuemationMapping = z.strictObject({
  $comment: z.string().optional(),
  classes: z.record(z.string(), z.string()),
  fields: z.record(z.string(), z.enum(MAPPABLE_FIELDS)).default({}),
  values: z
    .strictObject({
      status: z.record(z.string(), z.enum(['planned', 'active', 'maintenance', 'retired'])).default({}),
      environment: z
        .record(z.string(), z.enum(['production', 'staging', 'test', 'development', 'disaster_recovery']))
        .default({}),
      criticality: z.record(z.string(), z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])).default({}),
      ownerTeamId: z.record(z.string(), z.string()).default({}),
    })
    .default({ status: {}, environment: {}, criticality: {}, ownerTeamId: {} }),
  attributes: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  attributeValues: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  relationTypes: z.record(z.string(), ZRelationTarget),
});
export type TValuemationMapping = z.infer<typeof ZValuemationMapping>;

/** Reads and checks a mapping file (the built-in one when `path` is unset); throws an Error naming every problem. */
export function loadValuemationMapping(path: string | undefined, registry: ClassRegistry): ValuemationMapping {
  if (path === undefined) return ValuemationMapping.parse(BUILT_IN_MAPPING, registry, 'built-in');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Valuemation mapping ${path}: ${(error as Error).message}`);
  }
  return ValuemationMapping.parse(raw, registry, path);
}

export class ValuemationMapping {
  private constructor(
    private readonly m: TValuemationMapping,
    private readonly registry: ClassRegistry,
  ) {}

  static parse(raw: unknown, registry: ClassRegistry, where = 'mapping'): ValuemationMapping {
    const parsed = ZValuemationMapping.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `Valuemation mapping ${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    const m = parsed.data;
    const problems: string[] = [];
    for (const [vm, ours] of Object.entries(m.classes))
      if (!registry.get(ours)) problems.push(`classes.${vm}: no class ${ours}`);
    for (const [ours, attrs] of Object.entries(m.attributes)) {
      const def = registry.get(ours);
      if (!def) problems.push(`attributes.${ours}: no class ${ours}`);
      else
        for (const [vm, attr] of Object.entries(attrs))
          if (!def.attributes[attr]) problems.push(`attributes.${ours}.${vm}: ${ours} has no attribute ${attr}`);
    }
    for (const [vm, target] of Object.entries(m.relationTypes)) {
      const type = typeof target === 'string' ? target : target.type;
      if (!isRelationType(type)) problems.push(`relationTypes.${vm}: no relation type ${type}`);
    }
    if (problems.length > 0) throw new Error(`Valuemation mapping ${where}: ${problems.join('; ')}`);
    return new ValuemationMapping(m, registry);
  }

  /** A Valuemation CI in our terms (externalId `valuemation:<id>`). */
  ci(record: VmCi): SourceCi {
    const base = { externalId: valuemationExternalId(record.id), modifiedAt: iso(record.modifiedAt) };
    if (record.deleted) return { ...base, deleted: true, fields: {}, problem: null };
    const reject = (problem: string): SourceCi => ({ ...base, deleted: false, fields: {}, problem });
    const ciClass = record.className === undefined ? undefined : this.m.classes[record.className];
    if (!ciClass) return reject(`class "${record.className ?? '(none)'}" is not mapped`);
    if (!record.name?.trim()) return reject('the CI has no name');
    const status = record.status === undefined ? undefined : this.m.values.status[record.status];
    if (!status) return reject(`status "${record.status ?? '(none)'}" is not mapped`);
    const fields: Record<string, unknown> = { name: record.name, ciClass, status };
    const warnings: string[] = [];
    for (const [vmName, target] of Object.entries(this.m.fields)) {
      const value = record.attributes[vmName] ?? null;
      const mapped = this.field(target, value, warnings);
      if (typeof mapped === 'object' && mapped !== null && 'problem' in mapped) return reject(String(mapped.problem));
      if (target === 'redundancy.membersDownToFail')
        fields.redundancy = mapped === null ? null : { membersDownToFail: mapped };
      else fields[target] = mapped;
    }
    const attributeMap = this.m.attributes[ciClass];
    if (attributeMap) {
      const attributes: Record<string, AttributeValue> = {};
      for (const [vmName, attr] of Object.entries(attributeMap)) {
        const value = record.attributes[vmName];
        if (value === undefined || value === null || value === '') continue;
        const mapped = this.attribute(ciClass, attr, value);
        if (typeof mapped === 'object') return reject(mapped.problem);
        attributes[attr] = mapped;
      }
      fields.attributes = attributes;
    }
    const checked = ZUpdateCi.safeParse(fields);
    if (!checked.success)
      return reject(checked.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '));
    return { ...base, deleted: false, fields: checked.data as Partial<CiFields>, problem: null, warnings };
  }

  relation(record: VmRelation): SourceRelation {
    const target = this.m.relationTypes[record.typeName];
    const base = {
      externalId: `valuemation:${record.id}`,
      modifiedAt: iso(record.modifiedAt),
      deleted: record.deleted,
    };
    if (!target)
      return {
        ...base,
        type: null,
        fromExternalId: valuemationExternalId(record.sourceId),
        toExternalId: valuemationExternalId(record.targetId),
        problem: `relation type "${record.typeName}" is not mapped`,
      };
    const reverse = typeof target !== 'string' && target.reverse;
    const [from, to] = reverse ? [record.targetId, record.sourceId] : [record.sourceId, record.targetId];
    return {
      ...base,
      type: (typeof target === 'string' ? target : target.type) as RelationType,
      fromExternalId: valuemationExternalId(from),
      toExternalId: valuemationExternalId(to),
      problem: null,
    };
  }

  private field(target: MappableField, value: VmValue, warnings: string[]): unknown {
    const one = Array.isArray(value) ? (value[0] ?? null) : value;
    const text = one === null || one === '' ? null : String(one).trim();
    switch (target) {
      case 'hostNames':
      case 'ipAddresses':
        return list(value);
      case 'environment':
      case 'criticality': {
        if (text === null) return target === 'environment' ? 'production' : 3;
        const mapped = (this.m.values[target] as Record<string, unknown>)[text];
        if (mapped !== undefined) return mapped;
        if (target === 'criticality' && /^[1-4]$/.test(text)) return Number(text);
        return { problem: `${target} "${text}" is not mapped` };
      }
      case 'ownerTeamId': {
        if (text === null) return null;
        const team = this.m.values.ownerTeamId[text];
        if (team === undefined) warnings.push(`support group "${text}" is not mapped to a team; owner team left empty`);
        return team ?? null;
      }
      case 'redundancy.membersDownToFail':
        if (text === null) return null;
        return /^\d+$/.test(text) ? Number(text) : { problem: `MembersDownToFail "${text}" is not a whole number` };
      default:
        return text;
    }
  }

  private attribute(ciClass: string, attr: string, value: VmValue): AttributeValue | { problem: string } {
    const spec = this.registry.get(ciClass)?.attributes[attr];
    const raw = Array.isArray(value) ? value.join(';') : (value as string | number | boolean);
    const translated = this.m.attributeValues[attr]?.[String(raw)] ?? raw;
    if (spec?.kind === 'number') {
      const n = typeof translated === 'number' ? translated : Number(String(translated).replace(',', '.'));
      return Number.isFinite(n) ? n : { problem: `attribute ${attr}: "${raw}" is not a number` };
    }
    if (spec?.kind === 'boolean') {
      if (typeof translated === 'boolean') return translated;
      const t = String(translated).toLowerCase();
      if (['true', 'yes', 'y', '1', 'ja'].includes(t)) return true;
      if (['false', 'no', 'n', '0', 'nein'].includes(t)) return false;
      return { problem: `attribute ${attr}: "${raw}" is not yes or no` };
    }
    return typeof translated === 'string' ? translated : String(translated);
  }
}

export const valuemationExternalId = (id: string): string => `valuemation:${id}`;

const iso = (value: string): string => new Date(value).toISOString();

const list = (value: VmValue): string[] => {
  if (value === null) return [];
  const parts = Array.isArray(value) ? value : String(value).split(/[;,]/);
  return parts.map((v) => v.trim()).filter((v) => v !== '');
};
