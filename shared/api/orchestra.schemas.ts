/** Routing and notification API shapes: team workload and queue, availability, notifications, preferences. */
import { z } from 'zod';
import { NOTIFICATION_KINDS, ZNotificationPreferences } from '../notifications/notification.js';
import { ZCursor } from './common.schemas.js';
import { ZTicket } from './tickets.schemas.js';

export const ZAvailability = z.enum(['online', 'away', 'offline']);
export const ZSetAvailability = z.strictObject({ availability: ZAvailability });

export const ZAgentWorkload = z.object({
  agentId: z.string(),
  name: z.string(),
  availability: ZAvailability,
  capacity: z.number(),
  ownedOpen: z.number().int(),
  assistsOpen: z.number().int(),
  offered: z.number().int(),
  load: z.number(),
  lastAssignedAt: z.string().nullable(),
});
export const ZTeamWorkload = z.object({
  teamId: z.string(),
  agents: z.array(ZAgentWorkload),
  queued: z.number().int(),
});
export const ZTeamQueue = z.object({ teamId: z.string(), items: z.array(ZTicket) });

export const ZNotification = z.object({
  id: z.string(),
  agentId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  at: z.string(),
  readAt: z.string().nullable(),
  sourceId: z.string(),
});
export const ZListNotificationsQuery = z.strictObject({
  cursor: ZCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  unread: z.enum(['true', 'false']).optional(),
});
export const ZNotificationPage = z.object({
  items: z.array(ZNotification),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export const ZUnreadCount = z.object({ unread: z.number().int() });
export const ZPreferencesView = z.object({
  inApp: z.record(z.enum(NOTIFICATION_KINDS), z.boolean()),
  email: z.record(z.enum(NOTIFICATION_KINDS), z.boolean()),
});
export { ZNotificationPreferences };
