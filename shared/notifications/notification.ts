/**
 * In-app notifications and per-user preferences: the kinds of things people are told about,
 * the stored shape, and the defaults (everything in-app; email for what needs action soon).
 */
import { z } from 'zod';
import type { ActorRef } from '../kernel/actor.js';

export const NOTIFICATION_KINDS = [
  'ticket.assigned',
  'ticket.offered',
  'ticket.customer_reply',
  'assist.requested',
  'assist.contribution',
  'assist.overdue',
  'sla.warning',
  'sla.breached',
  /** Sent by a rule's notify action. */
  'rule.notify',
  /** The owner of a problem sent its workaround to my incident (issue 17). */
  'problem.workaround',
  /** A problem my incident waits on is resolved. */
  'problem.resolved',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  readonly id: string;
  readonly agentId: string;
  readonly kind: NotificationKind;
  readonly ticketId: string | null;
  readonly ticketNumber: string | null;
  readonly title: string;
  readonly body: string;
  readonly at: string;
  readonly readAt: string | null;
  /** The event (or routing decision) it came from: one notification per source and person. */
  readonly sourceId: string;
}

export interface NotifyRequest {
  readonly sourceId: string;
  readonly kind: NotificationKind;
  readonly recipients: readonly string[];
  readonly ticket: { readonly id: string; readonly number: string; readonly title: string } | null;
  readonly title: string;
  readonly body: string;
  /** Whoever caused it: never notified about their own change. */
  readonly author: ActorRef | null;
}

/** How anything in the core tells people (rules, routing, the notification subscriber). */
export interface Notifier {
  notify(request: NotifyRequest): Promise<number>;
}

const channels = z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean());
export const ZNotificationPreferences = z.strictObject({
  inApp: channels,
  email: channels,
  /** Pushed to the browsers I subscribed (ADR 0024). */
  push: channels.optional(),
  /** "Email me assist requests": assists asked of me (or my team) also come as mail I can answer by reply. */
  assistRequestsByEmail: z.boolean().optional(),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

export interface ResolvedPreferences {
  readonly inApp: Readonly<Record<NotificationKind, boolean>>;
  readonly email: Readonly<Record<NotificationKind, boolean>>;
  readonly push: Readonly<Record<NotificationKind, boolean>>;
  readonly assistRequestsByEmail: boolean;
}

const EMAIL_BY_DEFAULT: readonly NotificationKind[] = [
  'ticket.assigned',
  'ticket.offered',
  'assist.requested',
  'assist.overdue',
  'sla.breached',
];

/** Pushed by default (to subscribed browsers only): what needs someone's attention now. */
const PUSH_BY_DEFAULT: readonly NotificationKind[] = [
  'ticket.assigned',
  'ticket.offered',
  'assist.requested',
  'assist.contribution',
  'sla.warning',
];

export function resolvePreferences(stored: TNotificationPreferences | undefined): ResolvedPreferences {
  const inApp = {} as Record<NotificationKind, boolean>;
  const email = {} as Record<NotificationKind, boolean>;
  const push = {} as Record<NotificationKind, boolean>;
  for (const kind of NOTIFICATION_KINDS) {
    inApp[kind] = stored?.inApp[kind] ?? true;
    email[kind] = stored?.email[kind] ?? EMAIL_BY_DEFAULT.includes(kind);
    push[kind] = stored?.push?.[kind] ?? PUSH_BY_DEFAULT.includes(kind);
  }
  return { inApp, email, push, assistRequestsByEmail: stored?.assistRequestsByEmail ?? false };
}
