/** Schemas of the standard-change catalog (issue 16, ADR 0030): templates and a change made from one. */
import { z } from 'zod';
import { ZId } from './common.schemas.js';

const ZText = z.string().max(20_000);

export const ZChangeTemplateInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: ZText,
  implementationPlan: ZText,
  backoutPlan: ZText,
  testPlan: ZText,
  /** The planned end when only a start is given. */
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60),
  active: z.boolean(),
});
export type TChangeTemplateInput = z.infer<typeof ZChangeTemplateInput>;

export const ZChangeTemplate = ZChangeTemplateInput.extend({
  id: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type TChangeTemplate = z.infer<typeof ZChangeTemplate>;

const ZInstant = z.iso.datetime({ offset: true });

export const ZFromTemplate = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: ZText.optional(),
  affectedCiIds: z.array(ZId).max(100).optional(),
  teamId: ZId.nullable().optional(),
  plannedStart: ZInstant.optional(),
  plannedEnd: ZInstant.optional(),
  fromTicket: ZId.optional(),
});
export type TFromTemplate = z.infer<typeof ZFromTemplate>;
