/** Schemas of what every work item shares (ADR 0025): links to other work items. */
import { z } from 'zod';
import { LINK_KINDS, WORK_ITEM_PRACTICES } from '../work-items/work-item-links.js';

export const ZWorkItemLink = z.object({
  kind: z.enum(LINK_KINDS),
  practice: z.enum(WORK_ITEM_PRACTICES),
  id: z.string(),
  number: z.string(),
  linkedAt: z.string(),
});
export type TWorkItemLink = z.infer<typeof ZWorkItemLink>;
