/** Request and response schemas of the change API (issue 16, ADR 0026), validated at the edge. */
import { z } from 'zod';
import { RISK_LEVELS } from '../changes/change-risk.js';
import { CHANGE_STATES, CHANGE_TYPES, CLOSE_CODES } from '../changes/change-state.js';
import { TASK_STATES } from '../changes/change-tasks.js';
import { APPROVAL_STATES } from '../changes/change-types.js';
import { csv, ZActorRef, ZBody, ZCursor, ZId, ZLimit, ZReason } from './common.schemas.js';
import { ZWorkItemEntry, ZWorkItemLink } from './work-items.schemas.js';

const ZTitle = z.string().trim().min(1, 'must not be empty').max(200);
/** Plans are long prose but bounded: six of them stay well under the 1 MB request limit. */
const ZPlanText = z.string().max(20_000);
const ZInstant = z.iso.datetime({ offset: true });

const plan = {
  description: ZPlanText.optional(),
  justification: ZPlanText.optional(),
  implementationPlan: ZPlanText.optional(),
  backoutPlan: ZPlanText.optional(),
  testPlan: ZPlanText.optional(),
  teamId: ZId.nullable().optional(),
  // Each affected CI is a slot in the change's save batch (change-slots.ts): 50 keeps a save under 100 writes.
  affectedCiIds: z.array(ZId).max(50).optional(),
};

export const ZCreateChange = z.strictObject({
  type: z.enum(CHANGE_TYPES),
  title: ZTitle,
  ...plan,
  templateId: ZId.nullable().optional(),
  /** Create from an incident (id or number): its CIs are copied and both are linked. */
  fromTicket: ZId.optional(),
  plannedStart: ZInstant.optional(),
  plannedEnd: ZInstant.optional(),
});
export type TCreateChange = z.infer<typeof ZCreateChange>;

export const ZUpdateChangePlan = z.strictObject({ title: ZTitle.optional(), ...plan });
export type TUpdateChangePlan = z.infer<typeof ZUpdateChangePlan>;

export const ZScheduleChange = z.strictObject({
  plannedStart: ZInstant,
  plannedEnd: ZInstant,
  /** Schedule over the window's conflicts (a change manager only); the reason goes on the timeline. */
  override: z.strictObject({ reason: ZReason }).optional(),
});
export type TScheduleChange = z.infer<typeof ZScheduleChange>;

export const ZMoveChange = z.strictObject({
  state: z.enum(CHANGE_STATES),
  reason: ZReason.optional(),
  closeCode: z.enum(CLOSE_CODES).optional(),
  closeNotes: z.string().trim().max(20_000).optional(),
});
export type TMoveChange = z.infer<typeof ZMoveChange>;

export const ZTransferChange = z.strictObject({ toAgentId: ZId, reason: ZReason });
export type TTransferChange = z.infer<typeof ZTransferChange>;

export const ZChangeNote = z.strictObject({ body: ZBody });
export type TChangeNote = z.infer<typeof ZChangeNote>;

export const ZListChangesQuery = z.strictObject({
  state: csv(CHANGE_STATES).optional(),
  type: z.enum(CHANGE_TYPES).optional(),
  owner: z.union([z.literal('me'), ZId]).optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TListChangesQuery = z.infer<typeof ZListChangesQuery>;

export const ZChangeRisk = z.object({
  level: z.enum(RISK_LEVELS),
  questionnaireLevel: z.enum(RISK_LEVELS),
  ruleLevel: z.enum(RISK_LEVELS),
  points: z.number(),
  answers: z.record(z.string(), z.string()),
  reasons: z.array(
    z.object({ source: z.enum(['questionnaire', 'rule']), level: z.enum(RISK_LEVELS), text: z.string() }),
  ),
});

export const ZChange = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(CHANGE_TYPES),
  state: z.enum(CHANGE_STATES),
  title: z.string(),
  description: z.string(),
  justification: z.string(),
  implementationPlan: z.string(),
  backoutPlan: z.string(),
  testPlan: z.string(),
  requester: z.object({ email: z.string(), name: z.string(), agentId: z.string().nullable() }),
  teamId: z.string().nullable(),
  templateId: z.string().nullable(),
  affectedCiIds: z.array(z.string()),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  risk: ZChangeRisk.nullable(),
  approval: z.enum(APPROVAL_STATES),
  closeCode: z.enum(CLOSE_CODES).nullable(),
  closeNotes: z.string().nullable(),
  ownerId: z.string().nullable(),
  openAssistCount: z.number().int(),
  links: z.array(ZWorkItemLink),
  createdBy: ZActorRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  implementationTasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      state: z.enum(TASK_STATES),
      assigneeId: z.string().nullable(),
      order: z.number().int(),
      dueAt: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
});
export type TChange = z.infer<typeof ZChange>;

/** A change's timeline entry: the kernel's fields (the partition field is the change's id). */
export const ZChangeEntry = ZWorkItemEntry;
