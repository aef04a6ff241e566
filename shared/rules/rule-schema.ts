/**
 * Rules as validated JSON (zod): a trigger (domain events or a schedule), conditions, actions,
 * order, enabled and stop-processing flags. The schema is also the save-time gate for sacred
 * ownership: no action may name the owner (see `ownerChangingActions`).
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../events/domain-event.js';
import { PRIORITIES } from '../tickets/priority.js';
import { checkSafePattern } from './safe-regex.js';

/** Trigger names: the domain event types plus the issue's alias for inbound customer mail. */
export const RULE_EVENT_NAMES = [...EVENT_TYPES, 'email.received'] as const;
export type RuleEventName = (typeof RULE_EVENT_NAMES)[number];

const ZScalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
const ZField = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, 'must be a dotted field path');

export type TCondition =
  | { all: TCondition[] }
  | { any: TCondition[] }
  | { not: TCondition }
  | { field: string; op: 'equals' | 'not_equals'; value: string | number | boolean | null }
  | { field: string; op: 'in' | 'not_in'; values: (string | number | boolean | null)[] }
  | { field: string; op: 'contains' | 'starts_with'; value: string; ignoreCase?: boolean | undefined }
  | { field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number }
  | { field: string; op: 'is_empty' | 'is_not_empty' }
  | { field: string; op: 'matches'; pattern: string; ignoreCase?: boolean | undefined }
  | { field: string; op: 'changed' }
  | {
      field: string;
      op: 'changed_from_to';
      from?: string | number | boolean | null;
      to?: string | number | boolean | null;
    }
  | {
      field: string;
      op: 'time_since';
      moreThanMinutes?: number | undefined;
      lessThanMinutes?: number | undefined;
      businessTime?: boolean | undefined;
    };

const minutes = z.number().min(0).max(525_600);

export const ZCondition: z.ZodType<TCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ZCondition).max(50) }),
    z.strictObject({ any: z.array(ZCondition).max(50) }),
    z.strictObject({ not: ZCondition }),
    z.strictObject({ field: ZField, op: z.enum(['equals', 'not_equals']), value: ZScalar }),
    z.strictObject({ field: ZField, op: z.enum(['in', 'not_in']), values: z.array(ZScalar).max(100) }),
    z.strictObject({
      field: ZField,
      op: z.enum(['contains', 'starts_with']),
      value: z.string().max(500),
      ignoreCase: z.boolean().optional(),
    }),
    z.strictObject({
      field: ZField,
      op: z.enum(['gt', 'gte', 'lt', 'lte']),
      value: z.union([z.string().max(100), z.number()]),
    }),
    z.strictObject({ field: ZField, op: z.enum(['is_empty', 'is_not_empty']) }),
    z.strictObject({
      field: ZField,
      op: z.literal('matches'),
      pattern: z
        .string()
        .min(1)
        .superRefine((p, ctx) => {
          const problem = checkSafePattern(p);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      ignoreCase: z.boolean().optional(),
    }),
    z.strictObject({ field: ZField, op: z.literal('changed') }),
    z.strictObject({
      field: ZField,
      op: z.literal('changed_from_to'),
      from: ZScalar.optional(),
      to: ZScalar.optional(),
    }),
    z.strictObject({
      field: ZField,
      op: z.literal('time_since'),
      moreThanMinutes: minutes.optional(),
      lessThanMinutes: minutes.optional(),
      businessTime: z.boolean().optional(),
    }),
  ]),
);

const ZText = z.string().trim().min(1).max(5_000);
export const ZTemplate = z.strictObject({ subject: z.string().trim().min(1).max(300), body: ZText });
export type TTemplate = z.infer<typeof ZTemplate>;

/** `account_manager`: the agent managing the requester's company (the ticket's recorded customer facts). */
export const RECIPIENT_ROLES = ['owner', 'team', 'lead', 'expert', 'requester', 'account_manager'] as const;
export const ZRecipient = z.union([z.enum(RECIPIENT_ROLES), z.strictObject({ agentId: z.string().min(1).max(128) })]);
export type TRecipient = z.infer<typeof ZRecipient>;

const ZTag = z.string().trim().min(1).max(64);
const ZSkillNeed = z.strictObject({
  name: z.string().min(1).max(64),
  minLevel: z.number().int().min(1).max(5).default(1),
});

export const ZAction = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('set_fields'),
    priority: z.enum(PRIORITIES).optional(),
    impact: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    urgency: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    category: z.string().trim().max(100).nullable().optional(),
    teamId: z.string().min(1).max(128).nullable().optional(),
    tags: z.array(ZTag).max(50).optional(),
    addTags: z.array(ZTag).max(50).optional(),
    removeTags: z.array(ZTag).max(50).optional(),
  }),
  z.strictObject({
    type: z.literal('route'),
    teamId: z.string().min(1).max(128).optional(),
    skills: z.array(ZSkillNeed).max(10).optional(),
  }),
  z.strictObject({ type: z.literal('add_note'), body: ZText }),
  z.strictObject({
    type: z.literal('request_assist'),
    teamId: z.string().min(1).max(128),
    question: ZText,
    dueInMinutes: z.number().int().min(1).max(525_600).optional(),
  }),
  z.strictObject({ type: z.literal('notify'), to: z.array(ZRecipient).min(1).max(10), template: ZTemplate }),
  z.strictObject({ type: z.literal('auto_acknowledge'), template: ZTemplate }),
]);
export type TAction = z.infer<typeof ZAction>;
export type ActionType = TAction['type'];

export const ZTrigger = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), events: z.array(z.enum(RULE_EVENT_NAMES)).min(1).max(30) }),
  z.strictObject({
    kind: z.literal('schedule'),
    everyMinutes: z.number().int().min(1).max(10_080),
    /** Which tickets the schedule looks at (open ones by default); the rule's conditions then filter. */
    statuses: z
      .array(z.enum(['new', 'open', 'pending', 'resolved']))
      .min(1)
      .optional(),
  }),
]);
export type TTrigger = z.infer<typeof ZTrigger>;

/** What a client sends to create or replace a rule. */
export const ZRuleInput = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(1_000).optional(),
    enabled: z.boolean().default(true),
    stopProcessing: z.boolean().default(false),
    trigger: ZTrigger,
    conditions: ZCondition.optional(),
    actions: z.array(ZAction).min(1).max(20),
  })
  .superRefine((rule, ctx) => {
    for (const problem of ownerChangingActions(rule))
      ctx.addIssue({ code: 'custom', path: ['actions'], message: problem });
  });
export type TRuleInput = z.input<typeof ZRuleInput>;
export type TRuleDefinition = z.output<typeof ZRuleInput>;

export interface Rule extends TRuleDefinition {
  readonly id: string;
  /** The latest version (rule-versions.ts); absent on rules stored before versions existed. */
  readonly version?: number;
  readonly order: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const OWNER_WORDS = /^(owner|ownerid|owner_id|assignee|assigneeid|assignee_id|assignto|assign_to|assigned_to)$/i;
const OWNER_ACTIONS = /^(set_owner|assign|assign_owner|transfer|change_owner|take|accept)$/i;

/**
 * Sacred ownership at save time: lists every action (in raw, unvalidated JSON too) that would
 * name or change the owner. Checked before the schema so the refusal says why, not "unknown key".
 */
export function ownerChangingActions(rule: unknown): string[] {
  const actions = (rule as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(actions)) return [];
  const problems: string[] = [];
  actions.forEach((action: unknown, i) => {
    if (action === null || typeof action !== 'object') return;
    const type = (action as { type?: unknown }).type;
    if (typeof type === 'string' && OWNER_ACTIONS.test(type))
      problems.push(`action ${i + 1} (${type}) would change the owner: rules never change the owner`);
    const keys = Object.keys(action).concat(
      Object.keys(((action as { fields?: unknown }).fields as object | undefined) ?? {}),
    );
    const field = (action as { field?: unknown }).field;
    if (keys.some((k) => OWNER_WORDS.test(k)) || (typeof field === 'string' && OWNER_WORDS.test(field)))
      problems.push(`action ${i + 1} sets the owner: rules never change the owner`);
  });
  return problems;
}
