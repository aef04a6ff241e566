/** Schemas of what every work item shares (ADR 0025): timeline entries and links to other work items. */
import { z } from 'zod';
import { LINK_KINDS, WORK_ITEM_PRACTICES } from '../work-items/work-item-links.js';
import { ZActorRef, ZCursor } from './common.schemas.js';

/** A timeline entry's fields; each practice adds its partition field (`ticketId`) where it shows it. */
export const ZWorkItemEntry = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.string(),
  at: z.string(),
  author: ZActorRef,
  visibility: z.enum(['internal', 'public']),
  body: z.string().nullable(),
  assistId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TWorkItemEntry = z.infer<typeof ZWorkItemEntry>;

export const ZTimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: ZCursor.optional(),
});

export const ZWorkItemLink = z.object({
  kind: z.enum(LINK_KINDS),
  practice: z.enum(WORK_ITEM_PRACTICES),
  id: z.string(),
  number: z.string(),
  linkedAt: z.string(),
});
export type TWorkItemLink = z.infer<typeof ZWorkItemLink>;
