/**
 * Microsoft Graph webhook payloads (change and lifecycle notifications) as we accept them at the
 * edge. Graph adds fields over time, so objects are loose; sizes are bounded.
 */
import { z } from 'zod';

export const ZGraphNotificationItem = z.looseObject({
  subscriptionId: z.string().max(200).optional(),
  clientState: z.string().max(1_000).nullish(),
  changeType: z.string().max(50).optional(),
  resource: z.string().max(2_000).optional(),
  resourceData: z.looseObject({ id: z.string().max(1_000).optional() }).nullish(),
  lifecycleEvent: z.string().max(100).optional(),
});

export const ZGraphNotificationBatch = z.looseObject({ value: z.array(ZGraphNotificationItem).max(1_000) });
export type TGraphNotificationBatch = z.infer<typeof ZGraphNotificationBatch>;
export type TGraphNotificationItem = z.infer<typeof ZGraphNotificationItem>;

export const ZGraphNotificationOutcome = z.object({ enqueued: z.number().int(), ignored: z.number().int() });
