/**
 * Typed calls of the routing and notification routes (issue 6): team workload and queue, my
 * availability, the offers made to me, my own auto-accept choice, in-app notifications and their
 * preferences. Types come from `shared/api/orchestra.schemas.ts`.
 */

import type { z } from 'zod';
import type { TAgent } from '$shared/api/directory.schemas';
import type {
  TAutoAcceptInput,
  TAutoAcceptView,
  ZAgentWorkload,
  ZAvailability,
  ZMyOffers,
  ZNotification,
  ZNotificationPage,
  ZNotificationPreferences,
  ZPreferencesView,
  ZPushConfig,
  ZPushSubscribe,
  ZPushSubscriptionView,
  ZTeamQueue,
  ZTeamWorkload,
  ZUnreadCount,
} from '$shared/api/orchestra.schemas';
import { request } from './client';

export type TAvailability = z.infer<typeof ZAvailability>;
export type TAgentWorkload = z.infer<typeof ZAgentWorkload>;
export type TTeamWorkload = z.infer<typeof ZTeamWorkload>;
export type TTeamQueue = z.infer<typeof ZTeamQueue>;
export type TNotification = z.infer<typeof ZNotification>;
export type TNotificationPage = z.infer<typeof ZNotificationPage>;
export type TMyOffers = z.infer<typeof ZMyOffers>;
export type TPreferencesView = z.infer<typeof ZPreferencesView>;
export type { TAutoAcceptInput, TAutoAcceptView };

const enc = encodeURIComponent;
const data = async <T>(p: Promise<{ data: T }>): Promise<T> => (await p).data;

export const orchestraApi = {
  workload: (teamId: string) => data(request<TTeamWorkload>('GET', `teams/${enc(teamId)}/workload`)),
  queue: (teamId: string) => data(request<TTeamQueue>('GET', `teams/${enc(teamId)}/queue`)),
  setAvailability: (availability: TAvailability) =>
    data(request<TAgent>('PUT', 'me/availability', { body: { availability } })),
  unreadCount: () => data(request<z.infer<typeof ZUnreadCount>>('GET', 'notifications/unread-count')),
  notifications: (query: { cursor?: string | null; limit?: number; unread?: boolean } = {}) =>
    data(
      request<TNotificationPage>('GET', 'notifications', {
        query: { cursor: query.cursor, limit: query.limit ?? 25, unread: query.unread ? 'true' : undefined },
      }),
    ),
  // Notification ids contain ':' (kind:source), so they are always encoded.
  markRead: (id: string) => data(request<z.infer<typeof ZUnreadCount>>('POST', `notifications/${enc(id)}/read`)),
  markAllRead: () => data(request<{ marked: number; unread: number }>('POST', 'notifications/read-all')),
  myOffers: () => data(request<TMyOffers>('GET', 'me/offers')),
  autoAccept: () => data(request<TAutoAcceptView>('GET', 'me/auto-accept')),
  setAutoAccept: (body: TAutoAcceptInput) => data(request<TAutoAcceptView>('PUT', 'me/auto-accept', { body })),
  notificationPreferences: () => data(request<TPreferencesView>('GET', 'me/notification-preferences')),
  setNotificationPreferences: (body: z.input<typeof ZNotificationPreferences>) =>
    data(request<TPreferencesView>('PUT', 'me/notification-preferences', { body })),
  pushConfig: () => data(request<z.infer<typeof ZPushConfig>>('GET', 'push/config')),
  addPushSubscription: (body: z.input<typeof ZPushSubscribe>) =>
    data(request<z.infer<typeof ZPushSubscriptionView>>('POST', 'me/push-subscriptions', { body })),
  removePushSubscription: (endpoint: string) =>
    request<unknown>('DELETE', 'me/push-subscriptions', { query: { endpoint } }),
};
