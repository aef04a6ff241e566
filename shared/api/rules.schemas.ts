/** Rules API shapes: a stored rule, the reorder and enable bodies, the dry run request and answer. */
import { z } from 'zod';
import { RULE_EVENT_NAMES, ZAction, ZCondition, ZTrigger } from '../rules/rule-schema.js';
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
  createdAt: z.string(),
  updatedAt: z.string(),
  etag: z.string(),
});
export type TRule = z.infer<typeof ZRule>;

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
