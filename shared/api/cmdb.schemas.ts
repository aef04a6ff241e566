/** Request and response schemas of the CMDB API (issue 15): CIs, relations, impact, affected CIs. */
import { z } from 'zod';
import { CI_STATUSES, ENVIRONMENTS } from '../cmdb/ci.js';
import { RELATION_TYPES } from '../cmdb/relationships.js';
import { ZActorRef, ZCursor, ZId, ZLimit } from './common.schemas.js';

const ZShortText = z.string().trim().max(200);
const ZAttributeValue = z.union([z.string().max(500), z.number(), z.boolean()]);

const ciFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  ciClass: z.string().min(1).max(64),
  status: z.enum(CI_STATUSES),
  environment: z.enum(ENVIRONMENTS),
  criticality: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  ownerTeamId: ZId.nullable(),
  location: ZShortText.nullable(),
  assetTag: ZShortText.nullable(),
  serial: ZShortText.nullable(),
  hostNames: z.array(z.string().trim().min(1).max(253)).max(20),
  ipAddresses: z.array(z.union([z.ipv4(), z.ipv6()])).max(20),
  attributes: z
    .record(z.string().max(64), ZAttributeValue)
    .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes'),
  redundancy: z.strictObject({ membersDownToFail: z.number().int().min(1).max(1000) }).nullable(),
};

export const ZCreateCi = z.strictObject({
  ...ciFields,
  status: ciFields.status.default('active'),
  environment: ciFields.environment.default('production'),
  criticality: ciFields.criticality.default(3),
  ownerTeamId: ciFields.ownerTeamId.default(null),
  location: ciFields.location.default(null),
  assetTag: ciFields.assetTag.default(null),
  serial: ciFields.serial.default(null),
  hostNames: ciFields.hostNames.default([]),
  ipAddresses: ciFields.ipAddresses.default([]),
  attributes: ciFields.attributes.default({}),
  redundancy: ciFields.redundancy.default(null),
});
export type TCreateCi = z.infer<typeof ZCreateCi>;

export const ZUpdateCi = z.strictObject(ciFields).partial();
export type TUpdateCi = z.infer<typeof ZUpdateCi>;

export const ZCi = z.object({
  id: z.string(),
  ...ciFields,
  master: z.enum(['local', 'valuemation']),
  /** The fields the master supplies (read-only here, shown "from Valuemation"); absent on older CIs. */
  masteredFields: z.array(z.string()).optional(),
  externalId: z.string().nullable(),
  externalModifiedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCi = z.infer<typeof ZCi>;

export const ZListCisQuery = z.strictObject({
  ciClass: z.string().max(64).optional(),
  status: z.enum(CI_STATUSES).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  criticality: z.coerce.number().int().min(1).max(4).optional(),
  ownerTeamId: ZId.optional(),
  name: z.string().max(200).optional(),
  /** Name, asset tag, serial, host name or IP address prefix: one page of at most `limit`, no cursor. */
  q: z.string().trim().max(200).optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});

export const ZSearchCisQuery = z.strictObject({ q: z.string().trim().min(1).max(200), limit: ZLimit });

export const ZCiSearchHit = z.object({
  id: z.string(),
  name: z.string(),
  ciClass: z.string(),
  status: z.string(),
  criticality: z.number().int(),
  environment: z.string(),
  /** Which key matched (`web01.corp.example`) and its kind (name, tag, serial, host, ip). */
  matched: z.string(),
  kind: z.string(),
});
export type TCiSearchHit = z.infer<typeof ZCiSearchHit>;

export const ZHistoryQuery = z.strictObject({ limit: ZLimit, cursor: ZCursor.optional() });

export const ZCiHistoryEntry = z.object({
  id: z.string(),
  ciId: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: ZActorRef,
  source: z.enum(['agent', 'import', 'valuemation']),
  action: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  relation: z.object({ id: z.string(), type: z.string(), fromId: z.string(), toId: z.string() }).optional(),
});
export type TCiHistoryEntry = z.infer<typeof ZCiHistoryEntry>;

export const ZAddRelation = z.strictObject({ type: z.enum(RELATION_TYPES), toId: ZId });
export type TAddRelation = z.infer<typeof ZAddRelation>;

export const ZCiRelation = z.object({
  id: z.string(),
  type: z.enum(RELATION_TYPES),
  fromId: z.string(),
  toId: z.string(),
  /** Read from this CI's side: `outgoing` uses the type's name, `incoming` its reverse name. */
  direction: z.enum(['outgoing', 'incoming']),
  label: z.string(),
  other: z.object({ id: z.string(), name: z.string(), ciClass: z.string(), status: z.string() }),
  source: z.string(),
  createdAt: z.string(),
});
export type TCiRelation = z.infer<typeof ZCiRelation>;

export const ZImpactQuery = z.strictObject({
  direction: z.enum(['downstream', 'upstream']).default('downstream'),
  depth: z.coerce.number().int().min(1).max(10).default(5),
  maxItems: z.coerce.number().int().min(1).max(5000).default(500),
  /** How far the walk may go past the listed items to find every business service (default: as far as the items). */
  maxVisits: z.coerce.number().int().min(1).max(100_000).optional(),
});

const ZImpactNode = z.object({
  id: z.string(),
  name: z.string(),
  ciClass: z.string(),
  criticality: z.number().int(),
  status: z.string(),
  redundancy: z.object({ membersDownToFail: z.number().int() }).nullable(),
});
const ZImpactItem = z.object({
  ci: ZImpactNode,
  depth: z.number().int(),
  state: z.enum(['down', 'degraded']),
  path: z.array(z.object({ ciId: z.string(), name: z.string(), relationType: z.enum(RELATION_TYPES).nullable() })),
});
export const ZImpact = z.object({
  direction: z.enum(['downstream', 'upstream']),
  depth: z.number().int(),
  items: z.array(ZImpactItem),
  businessServices: z.array(ZImpactItem),
  truncated: z.enum(['depth', 'items']).nullable(),
  /** CIs the walk reached, the listed items and those past the item limit. */
  reached: z.number().int(),
  /** The business services are all of them unless the walk's visit limit stopped it. */
  servicesComplete: z.boolean(),
});
export type TImpact = z.infer<typeof ZImpact>;

export const ZImportCis = z.strictObject({
  format: z.enum(['csv', 'json']),
  /** The file's text (the request's 1 MB limit applies). */
  content: z.string().max(1_000_000),
  dryRun: z.boolean().default(true),
});
export type TImportCis = z.input<typeof ZImportCis>;

export const ZImportReport = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  relationsAdded: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), key: z.string(), reason: z.string() })),
});
export type TImportReport = z.infer<typeof ZImportReport>;

export const ZSetAffectedCis = z.strictObject({
  cis: z.array(z.strictObject({ ciId: ZId, primary: z.boolean() })).max(40),
});
export type TSetAffectedCis = z.infer<typeof ZSetAffectedCis>;

export const ZTicketCis = z.object({
  items: z.array(z.object({ primary: z.boolean(), ci: ZCi.nullable(), ciId: z.string() })),
  /** Business services impacted by the affected CIs failing (downstream, default depth). */
  businessServices: z.array(ZImpactItem),
  /** False when the default walk stopped with its list: a CI's page can look further. */
  servicesComplete: z.boolean(),
});
