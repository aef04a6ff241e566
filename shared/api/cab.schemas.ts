/** Schemas of the CAB (issue 16, ADR 0030): recurring meetings, their agenda and decisions. */
import { z } from 'zod';
import { RISK_LEVELS } from '../changes/change-risk.js';
import { CHANGE_TYPES } from '../changes/change-state.js';
import { APPROVAL_STATES } from '../changes/change-types.js';
import { ZId } from './common.schemas.js';

export const CAB_KINDS = ['cab', 'ecab'] as const;
export const CAB_CADENCES = ['none', 'weekly', 'biweekly', 'monthly'] as const;
const ZInstant = z.iso.datetime({ offset: true });

export const ZCreateCabMeeting = z.strictObject({
  title: z.string().trim().min(1).max(200),
  /** `ecab`: the emergency CAB, whose agenda is the emergency changes. */
  kind: z.enum(CAB_KINDS),
  startsAt: ZInstant,
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(8 * 60),
  cadence: z.enum(CAB_CADENCES),
  /** Empty: the CAB (or emergency CAB) of the approval settings. */
  memberIds: z.array(ZId).max(50),
});
export type TCreateCabMeeting = z.infer<typeof ZCreateCabMeeting>;

export const ZCabDecisionInput = z
  .strictObject({
    changeId: ZId,
    /** approve/reject: the signed-in member's own approval; defer: minutes only. */
    decision: z.enum(['approve', 'reject', 'defer']),
    reason: z.string().trim().max(2_000).optional(),
    attendeeIds: z.array(ZId).min(1).max(50),
  })
  .refine((d) => d.decision === 'approve' || (d.reason ?? '') !== '', {
    message: 'A rejection or a deferral needs a reason',
    path: ['reason'],
  });
export type TCabDecisionInput = z.infer<typeof ZCabDecisionInput>;

export const ZCabDecision = z.object({
  changeId: z.string(),
  changeNumber: z.string(),
  decision: z.enum(['approve', 'reject', 'defer']),
  reason: z.string().nullable(),
  attendeeIds: z.array(z.string()),
  decidedBy: z.string(),
  at: z.string(),
  /** The change's approval after the decision. */
  approval: z.enum(APPROVAL_STATES),
});
export type TCabDecision = z.infer<typeof ZCabDecision>;

export const ZCabMeeting = ZCreateCabMeeting.extend({
  id: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The next few occurrences of a recurring meeting (the first is `startsAt` until it has passed). */
  nextOccurrences: z.array(z.string()),
  decisions: z.array(ZCabDecision),
});
export type TCabMeeting = z.infer<typeof ZCabMeeting>;

export const ZCabAgendaItem = z.object({
  changeId: z.string(),
  changeNumber: z.string(),
  title: z.string(),
  type: z.enum(CHANGE_TYPES),
  risk: z.enum(RISK_LEVELS).nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  ownerId: z.string().nullable(),
  needed: z.number().int(),
  approved: z.number().int(),
  waitingFor: z.array(z.string()),
  dueAt: z.string().nullable(),
});
export type TCabAgendaItem = z.infer<typeof ZCabAgendaItem>;
