/**
 * Rules API shapes: a stored rule, the reorder and enable bodies, the dry run request and answer,
 * the versions of a rule and the draft's dry run over recent tickets (ADR 0028).
 */
import { z } from 'zod';
import { RULE_EVENT_NAMES, ZAction, ZCondition, ZTrigger } from '../rules/rule-schema.js';
import { RULE_CHANGES } from '../rules/rule-versions.js';
import { ZActorRef, ZId } from './common.schemas.js';

export const ZRule = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  enabled: z.boolean(),
  stopProcessing: z.boolean(),
  order: z.number(),
  trigger: ZTrigger,
  conditions: ZCondition.optional(),
  actions: z.array(ZAction),
  /** The latest version (absent on a rule not saved since versions were introduced). */
  version: z.number().int().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  etag: z.string(),
});
export type TRule = z.infer<typeof ZRule>;

/** A rule's definition as one save left it. */
export const ZRuleDefinition = z.object({
  name: z.string(),
  description: z.string().optional(),
  enabled: z.boolean(),
  stopProcessing: z.boolean(),
  trigger: ZTrigger,
  conditions: ZCondition.optional(),
  actions: z.array(ZAction),
});

export const ZRuleVersion = z.object({
  ruleId: z.string(),
  version: z.number().int(),
  change: z.enum(RULE_CHANGES),
  restoredFrom: z.number().int().optional(),
  definition: ZRuleDefinition,
  savedAt: z.string(),
  savedBy: ZActorRef.nullable(),
});
export type TRuleVersion = z.infer<typeof ZRuleVersion>;

export const ZRuleVersionParams = z.strictObject({ id: ZId, version: z.coerce.number().int().min(1).max(1_000_000) });

/**
 * The editor's dry run: a draft rule (validated as a save would be, not saved) on the `limit`
 * most recently updated tickets, fed the event `event.type` (the rule's first trigger when absent).
 */
export const ZRulePreviewRequest = z.strictObject({
  rule: z.unknown(),
  /** The rule being edited: its own changes are then ignored, as when it runs. */
  ruleId: ZId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  event: z
    .strictObject({
      type: z.enum([...RULE_EVENT_NAMES, 'rule.schedule']),
      data: z.record(z.string(), z.unknown()).default({}),
    })
    .optional(),
});
export type TRulePreviewRequest = z.input<typeof ZRulePreviewRequest>;

export const ZRulePreview = z.object({
  eventType: z.string(),
  examined: z.number().int(),
  matched: z.number().int(),
  tickets: z.array(
    z.object({
      ticketId: z.string(),
      number: z.string(),
      title: z.string(),
      status: z.string(),
      updatedAt: z.string(),
      matched: z.boolean(),
      actions: z.array(z.object({ index: z.number().int(), type: z.string(), summary: z.string() })),
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
  ),
});
export type TRulePreview = z.infer<typeof ZRulePreview>;

export const ZReorderRules = z.strictObject({ ids: z.array(ZId).min(1).max(500) });
export const ZEnableRule = z.strictObject({ enabled: z.boolean() });

/** A ticket to try the rules on: an existing one (`ticketId`) or fields over a sample ticket. */
export const ZDryRun = z
  .strictObject({
    ticketId: ZId.optional(),
    ticket: z.record(z.string(), z.unknown()).optional(),
    event: z.strictObject({
      type: z.enum([...RULE_EVENT_NAMES, 'rule.schedule']),
      data: z.record(z.string(), z.unknown()).default({}),
      actor: ZActorRef.nullable().default(null),
    }),
  })
  .refine((v) => v.ticketId !== undefined || v.ticket !== undefined, 'give ticketId or ticket');
export type TDryRun = z.infer<typeof ZDryRun>;

export const ZDryRunResult = z.object({
  matches: z.array(
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      stopProcessing: z.boolean(),
      actions: z.array(z.object({ index: z.number().int(), summary: z.string(), action: ZAction })),
    }),
  ),
});
