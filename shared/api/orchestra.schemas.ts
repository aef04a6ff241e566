/**
 * Routing and notification API shapes: team workload and queue, availability, the offers made to
 * me, my own auto-accept choice, notifications, preferences.
 */
import { z } from 'zod';
import { NOTIFICATION_KINDS, ZNotificationPreferences } from '../notifications/notification.js';
import { PRIORITIES } from '../tickets/priority.js';
import { ZCursor, ZId } from './common.schemas.js';
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

/** Unowned tickets routing offers me, P1 first: each is mine once I accept it. */
export const ZMyOffers = z.object({ items: z.array(ZTicket) });

/**
 * My standing choice to accept tickets routed to me (default off). Limits: some of my teams,
 * some priorities (null: no limit). Routing honours it only while I am online and have room.
 */
export const ZAutoAcceptInput = z.strictObject({
  enabled: z.boolean(),
  teamIds: z.array(ZId).min(1).max(20).nullable().default(null),
  priorities: z.array(z.enum(PRIORITIES)).min(1).max(PRIORITIES.length).nullable().default(null),
});
export type TAutoAcceptInput = z.infer<typeof ZAutoAcceptInput>;

const ZAutoAcceptSetting = z.object({
  enabled: z.boolean(),
  teamIds: z.array(z.string()).nullable(),
  priorities: z.array(z.enum(PRIORITIES)).nullable(),
  /** When I made this setting (null: never set; off). Accepts made on it name this time. */
  setAt: z.string().nullable(),
});
export const ZAutoAcceptView = ZAutoAcceptSetting.extend({
  agentId: z.string(),
  /** My earlier settings, newest first (at most 20). */
  history: z.array(ZAutoAcceptSetting),
});
export type TAutoAcceptView = z.infer<typeof ZAutoAcceptView>;

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
  push: z.record(z.enum(NOTIFICATION_KINDS), z.boolean()),
  assistRequestsByEmail: z.boolean(),
});

/** A browser's push subscription (PushSubscription.toJSON()), as the web app registers it. */
export const ZPushSubscribe = z.strictObject({
  endpoint: z.url({ protocol: /^https$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'a base64url P-256 public key (65 bytes)'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}$/, 'a base64url 16-byte secret'),
  }),
});
export const ZPushUnsubscribe = z.strictObject({ endpoint: z.url().max(2048) });
export const ZPushSubscriptionView = z.object({
  id: z.string(),
  endpointOrigin: z.string(),
  device: z.string().nullable(),
  createdAt: z.string(),
});
export const ZPushConfig = z.object({ enabled: z.boolean(), publicKey: z.string().nullable() });
export { ZNotificationPreferences };
