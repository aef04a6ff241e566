/**
 * SLA policies (which tickets get which targets on which calendar) and assist OLAs (what an expert
 * team promises the ticket owner). Targets are business minutes per priority.
 */
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../tickets/priority.js';

export const SLA_TARGET_KINDS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

const ZMinutes = z
  .number()
  .int()
  .positive()
  .max(366 * 24 * 60);

/** One number for every priority, or a per-priority map (a missing priority has no target). */
export const ZTargetMinutes = z.union([
  ZMinutes,
  z
    .strictObject({
      P1: ZMinutes.optional(),
      P2: ZMinutes.optional(),
      P3: ZMinutes.optional(),
      P4: ZMinutes.optional(),
    })
    .refine(
      (map) => Object.values(map).some((minutes) => minutes !== undefined),
      'name a target for at least one priority',
    ),
]);
export type TTargetMinutes = z.infer<typeof ZTargetMinutes>;

const ZNames = z.array(z.string().min(1).max(100)).max(100);

export const ZSlaConditions = z.strictObject({
  types: ZNames.optional(),
  priorities: z.array(z.enum(PRIORITIES)).max(4).optional(),
  customerTiers: ZNames.optional(),
  /** Customer companies (ids from the customer directory). */
  companyIds: ZNames.optional(),
  /** Account managers (agent ids) of the customer's company. */
  accountManagerIds: ZNames.optional(),
  teamIds: ZNames.optional(),
  categories: ZNames.optional(),
});
export type TSlaConditions = z.infer<typeof ZSlaConditions>;

export const ZSlaPolicy = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  /** Lower order is tried first. */
  order: z.number().int(),
  conditions: ZSlaConditions.default({}),
  targets: z
    .strictObject({
      firstResponse: ZTargetMinutes.optional(),
      nextResponse: ZTargetMinutes.optional(),
      resolution: ZTargetMinutes.optional(),
    })
    .refine(
      (targets) => SLA_TARGET_KINDS.some((kind) => targets[kind] !== undefined),
      'an SLA policy needs at least one target (firstResponse, nextResponse or resolution)',
    ),
  calendarId: z.string().min(1).max(100),
  /** Statuses that stop the next-response and resolution clocks (waiting on the customer or a third party). */
  pauseStatuses: z.array(z.string().min(1).max(50)).max(20).default(['pending']),
  /** Percentages of a target at which a warning is due, each in 1..99. */
  warningThresholds: z
    .array(z.number().gt(0).lt(100))
    .max(10)
    .default([75])
    .refine((list) => new Set(list).size === list.length, 'warning thresholds must be distinct'),
  pauseResolutionWhileBlockedOnExpert: z.boolean().default(false),
});
export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;
export type TSlaPolicyInput = z.input<typeof ZSlaPolicy>;

/** What an expert team promises for each assist: an answer within N business minutes of its calendar. */
export const ZAssistOla = z.strictObject({
  teamId: z.string().min(1).max(100).optional(),
  answerWithinMinutes: ZMinutes,
  calendarId: z.string().min(1).max(100),
  warningThresholds: z.array(z.number().gt(0).lt(100)).max(10).default([]),
});
export type TAssistOla = z.infer<typeof ZAssistOla>;

/** Facts about a ticket that policies match on. */
export interface SlaTicketFacts {
  readonly type?: string;
  readonly priority: Priority;
  readonly customerTier?: string;
  readonly companyId?: string;
  readonly accountManagerId?: string;
  readonly teamId?: string;
  readonly category?: string;
}

const accepts = (allowed: readonly string[] | undefined, fact: string | undefined): boolean =>
  !allowed || allowed.length === 0 || (fact !== undefined && allowed.includes(fact));

/** Tier names match whatever their case (the directory stores them lower-cased). */
const acceptsTier = (allowed: readonly string[] | undefined, fact: string | undefined): boolean =>
  !allowed ||
  allowed.length === 0 ||
  (fact !== undefined && allowed.some((tier) => tier.toLowerCase() === fact.toLowerCase()));

/** The first policy by `order` (ties keep list order) whose every condition holds; empty conditions match all. */
export const matchPolicy = <P extends TSlaPolicy>(policies: readonly P[], facts: SlaTicketFacts): P | undefined =>
  [...policies]
    .sort((a, b) => a.order - b.order)
    .find(
      ({ conditions: c }) =>
        accepts(c.types, facts.type) &&
        accepts(c.priorities, facts.priority) &&
        acceptsTier(c.customerTiers, facts.customerTier) &&
        accepts(c.companyIds, facts.companyId) &&
        accepts(c.accountManagerIds, facts.accountManagerId) &&
        accepts(c.teamIds, facts.teamId) &&
        accepts(c.categories, facts.category),
    );

/** Target of one kind for one priority in ms, or undefined when the policy sets none. */
export const targetMs = (policy: TSlaPolicy, kind: SlaTargetKind, priority: Priority): number | undefined => {
  const minutes = policy.targets[kind];
  const value = typeof minutes === 'number' ? minutes : minutes?.[priority];
  return value === undefined ? undefined : value * 60_000;
};
