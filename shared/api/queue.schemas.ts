/** Queue depths as the admin queue page and /api/health show them (ADR 0012). */
import { z } from 'zod';
import { QUEUE_NAMES } from '../ports/message-bus.js';

export const ZInFlightMessage = z.object({
  id: z.string(),
  type: z.string(),
  deliveryCount: z.number().int(),
  lockedUntil: z.string(),
  thisRun: z.boolean(),
});

export const ZQueueStats = z.object({
  queue: z.enum(QUEUE_NAMES),
  waiting: z.number().int(),
  scheduled: z.number().int(),
  inFlight: z.number().int(),
  deadLettered: z.number().int(),
  nextLockExpiry: z.string().nullable(),
  inFlightMessages: z.array(ZInFlightMessage),
});
export type TQueueStats = z.infer<typeof ZQueueStats>;

/** GET /api/admin/queues: `monitored` is false where the platform's queues are not read (Service Bus). */
export const ZQueuesResponse = z.object({ monitored: z.boolean(), items: z.array(ZQueueStats) });
export type TQueuesResponse = z.infer<typeof ZQueuesResponse>;

/** The counts /api/health carries per queue (no message ids: it needs no sign-in). */
export const ZHealthQueue = ZQueueStats.pick({ queue: true, waiting: true, inFlight: true, nextLockExpiry: true });

export const ZHealth = z.object({
  status: z.literal('ok'),
  store: z.string(),
  queue: z.string(),
  version: z.string(),
  startedAt: z.string(),
  /** null where queue depths are not read (Service Bus: see Azure Monitor). */
  queues: z.array(ZHealthQueue).nullable(),
  /** The CRM's state (HubSpot): token and its scopes, daily calls left, circuit, last error. */
  crm: z
    .object({
      provider: z.string(),
      enabled: z.boolean(),
      tokenValid: z.boolean().nullable(),
      scopes: z.array(z.string()),
      missingScopes: z.array(z.string()),
      dailyRemaining: z.number().nullable(),
      dailyLimit: z.number().nullable(),
      dailyLimitSpent: z.boolean(),
      dailyResetsAt: z.string().nullable(),
      circuit: z.string(),
      lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
    })
    .optional(),
});
