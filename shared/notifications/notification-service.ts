/**
 * Tells people: one in-app notification per source and person (idempotent), plus an email
 * alert into the person's coalescing digest when their preferences ask for one, and a push to
 * the browsers they subscribed (ADR 0024). The author of
 * a change is never notified about it, and inactive agents are skipped.
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Clock } from '../ports/clock.js';
import type { EmailDigests } from './email-digest.js';
import {
  type Notification,
  type Notifier,
  type NotifyRequest,
  type ResolvedPreferences,
  resolvePreferences,
  type TNotificationPreferences,
} from './notification.js';
import type { NotificationStore } from './notification-store.js';
import type { PushNotifications } from './push-notifications.js';

export class NotificationService implements Notifier {
  constructor(
    private readonly store: NotificationStore,
    private readonly digests: EmailDigests,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
    private readonly pushes?: PushNotifications,
  ) {}

  async notify(request: NotifyRequest): Promise<number> {
    const authorId = request.author?.kind === 'agent' ? request.author.agentId : null;
    const at = this.clock.now().toISOString();
    let created = 0;
    for (const agentId of new Set(request.recipients)) {
      if (agentId === authorId) continue;
      const agent = await this.directory.agent(agentId);
      if (!agent?.active) continue;
      const prefs = await this.preferences(agentId);
      const notification: Notification & { inApp: boolean } = {
        id: `n:${request.sourceId}`,
        agentId,
        kind: request.kind,
        ticketId: request.ticket?.id ?? null,
        ticketNumber: request.ticket?.number ?? null,
        title: request.title,
        body: request.body,
        at,
        readAt: null,
        sourceId: request.sourceId,
        // Stored even when in-app is off: the record is what makes the email idempotent too.
        inApp: prefs.inApp[request.kind],
      };
      if (!(await this.store.add(notification))) continue;
      if (notification.inApp) created++;
      if (prefs.email[request.kind])
        await this.digests.add({ agentId, address: agent.email, name: agent.name }, request.ticket, {
          kind: request.kind,
          title: request.title,
          body: request.body,
          at,
        });
      if (prefs.push[request.kind] && this.pushes) await this.pushes.push(notification);
    }
    return created;
  }

  /** Timer: sends the coalesced alert emails that are due. */
  flushDigests(): Promise<number> {
    return this.digests.flush(this.clock.now());
  }

  list(agentId: string, options: { limit: number; cursor?: string; unreadOnly?: boolean }) {
    return this.store.list(agentId, options);
  }

  unreadCount(agentId: string): Promise<number> {
    return this.store.unreadCount(agentId);
  }

  markRead(agentId: string, id: string): Promise<boolean> {
    return this.store.markRead(agentId, id, this.clock.now().toISOString());
  }

  markAllRead(agentId: string): Promise<number> {
    return this.store.markAllRead(agentId, this.clock.now().toISOString());
  }

  async preferences(agentId: string): Promise<ResolvedPreferences> {
    return resolvePreferences(await this.store.preferences(agentId));
  }

  async savePreferences(agentId: string, prefs: TNotificationPreferences): Promise<ResolvedPreferences> {
    await this.store.savePreferences(agentId, prefs);
    return resolvePreferences(prefs);
  }
}
