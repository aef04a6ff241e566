/**
 * Notifications in `config`, one partition per person (`notif:<agentId>`): the list is read
 * newest first with a cursor, unread ones are counted, marking read is an etag-guarded write.
 * The id is derived from the source event, so a redelivered event cannot notify twice.
 */
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { Notification, TNotificationPreferences } from './notification.js';

type NotificationDoc = Notification & StoredDocument & { readonly pk: string; readonly docType: 'notification' };
type PrefsDoc = TNotificationPreferences &
  StoredDocument & { readonly pk: 'notification-prefs'; readonly agentId: string };

export const notificationPk = (agentId: string): string => `notif:${agentId}`;
const strip = ({ pk: _pk, docType: _docType, inApp: _inApp, ...n }: NotificationDoc): Notification => n as Notification;

export class NotificationStore {
  constructor(private readonly store: DocumentStore) {}

  /** False when it already exists (same source and person). */
  async add(notification: Notification): Promise<boolean> {
    const pk = notificationPk(notification.agentId);
    try {
      await this.store.batch('config', pk, [{ op: 'create', doc: { ...notification, pk, docType: 'notification' } }]);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) return false;
      throw error;
    }
  }

  async list(agentId: string, options: { limit: number; cursor?: string; unreadOnly?: boolean }) {
    const page = await this.store.query<NotificationDoc>('config', {
      partitionKey: notificationPk(agentId),
      where: [
        { field: 'docType', op: 'eq', value: 'notification' },
        { field: 'inApp', op: 'eq', value: true },
        ...(options.unreadOnly ? [{ field: 'readAt', op: 'isNull' as const }] : []),
      ],
      orderBy: [{ field: 'at', direction: 'desc' }],
      limit: options.limit,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    return { items: page.items.map((i) => strip(i.doc)), nextCursor: page.nextCursor };
  }

  /** Unread notifications, counted up to `max` (the bell shows "99+" beyond). */
  async unreadCount(agentId: string, max = 1_000): Promise<number> {
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await this.list(agentId, { limit: 100, unreadOnly: true, ...(cursor ? { cursor } : {}) });
      count += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && count < max);
    return Math.min(count, max);
  }

  /** Marks one read; false when the person has no such notification. */
  async markRead(agentId: string, id: string, at: string): Promise<boolean> {
    const pk = notificationPk(agentId);
    for (let attempt = 0; attempt < 10; attempt++) {
      const found = await this.store.read<NotificationDoc>('config', pk, id);
      if (!found) return false;
      if (found.doc.readAt) return true;
      try {
        await this.store.batch('config', pk, [
          { op: 'replace', doc: { ...found.doc, readAt: at }, ifMatch: found.etag },
        ]);
        return true;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
    return true;
  }

  /** Marks every unread notification read; returns how many. */
  async markAllRead(agentId: string, at: string): Promise<number> {
    const pk = notificationPk(agentId);
    let marked = 0;
    for (;;) {
      const page = await this.store.query<NotificationDoc>('config', {
        partitionKey: pk,
        where: [
          { field: 'docType', op: 'eq', value: 'notification' },
          { field: 'inApp', op: 'eq', value: true },
          { field: 'readAt', op: 'isNull' },
        ],
        limit: 100,
      });
      if (page.items.length === 0) return marked;
      try {
        await this.store.batch(
          'config',
          pk,
          page.items.map((i) => ({ op: 'replace' as const, doc: { ...i.doc, readAt: at }, ifMatch: i.etag })),
        );
        marked += page.items.length;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
  }

  async preferences(agentId: string): Promise<TNotificationPreferences | undefined> {
    const found = await this.store.read<PrefsDoc>('config', 'notification-prefs', agentId);
    if (!found) return undefined;
    const { inApp, email, push, assistRequestsByEmail } = found.doc;
    return {
      inApp,
      email,
      ...(push !== undefined ? { push } : {}),
      ...(assistRequestsByEmail !== undefined ? { assistRequestsByEmail } : {}),
    };
  }

  async savePreferences(agentId: string, prefs: TNotificationPreferences): Promise<void> {
    const doc: PrefsDoc = { id: agentId, pk: 'notification-prefs', docType: 'notification-prefs', agentId, ...prefs };
    await this.store.batch('config', 'notification-prefs', [{ op: 'upsert', doc }]);
  }
}
