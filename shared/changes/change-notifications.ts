/**
 * Change events into in-app notifications (issue 16, ADR 0030): an approver hears when their
 * approval is asked and when it is due soon; the owner and the requester hear the approval's
 * outcome; when a change closes, the owners of its linked incidents are told, and nothing more:
 * their incidents are never resolved for them. The notification id is the event id per person,
 * so a redelivered event notifies nobody twice. The notification kinds are the existing ones
 * (`assist.requested` for "you are asked", `rule.notify` for news) until the preferences screen
 * has change kinds of its own.
 */
import type { DomainEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { Notifier } from '../notifications/notification.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { ChangeSnapshot } from './change-types.js';

export interface ChangeNotificationDeps {
  readonly changes: { readSnapshot(id: string): Promise<{ doc: ChangeSnapshot } | undefined> };
  readonly tickets: { readSnapshot(id: string): Promise<{ doc: TicketSnapshot } | undefined> };
  readonly notifier: Notifier;
}

const approverIdsOf = (data: Readonly<Record<string, unknown>>): string[] =>
  Array.isArray(data.approvals) ? (data.approvals as { approverId: string }[]).map((a) => a.approverId) : [];

export class ChangeNotifications {
  constructor(private readonly d: ChangeNotificationDeps) {}

  readonly subscriber: EventSubscriber = {
    name: 'change-notifications',
    practice: 'change',
    handles: [
      'change.approval_requested',
      'change.approval_reminder',
      'change.approval_decided',
      'change.state_changed',
    ],
    handle: (event) => this.handle(event),
  };

  async handle(event: DomainEvent): Promise<void> {
    const changeId = (event as unknown as { changeId?: string }).changeId;
    if (typeof changeId !== 'string') return;
    const change = (await this.d.changes.readSnapshot(changeId))?.doc;
    if (!change) return;
    const about = `${change.number} ${change.title}`;
    const notify = (kind: 'assist.requested' | 'rule.notify', recipients: string[], title: string, body: string) =>
      this.d.notifier.notify({ sourceId: event.id, kind, recipients, ticket: null, title, body, author: event.actor });
    switch (event.type) {
      case 'change.approval_requested':
        await notify(
          'assist.requested',
          approverIdsOf(event.data),
          `Your approval is asked on ${change.number}`,
          `${about} (due ${String(event.data.dueAt ?? '')})`,
        );
        return;
      case 'change.approval_reminder':
        await notify(
          'assist.requested',
          approverIdsOf(event.data),
          `Reminder: your approval on ${change.number}`,
          about,
        );
        return;
      case 'change.approval_decided': {
        const people = [change.ownerId, change.requester.agentId].filter((id): id is string => !!id);
        const outcome = String(event.data.outcome ?? '').replaceAll('_', ' ');
        await notify('rule.notify', [...new Set(people)], `${change.number} ${outcome}`, about);
        return;
      }
      case 'change.state_changed':
        if (event.data.to === 'closed') await this.closed(event, change);
        return;
      default:
        return;
    }
  }

  /** Each linked incident's owner is told (with the incident), never its state changed. */
  private async closed(event: DomainEvent, change: ChangeSnapshot): Promise<void> {
    const code = change.closeCode ? ` (${change.closeCode.replaceAll('_', ' ')})` : '';
    for (const link of (change.links ?? []).filter((l) => l.practice === 'ticket')) {
      const ticket = (await this.d.tickets.readSnapshot(link.id))?.doc;
      if (!ticket?.ownerId) continue;
      await this.d.notifier.notify({
        sourceId: `${event.id}:${ticket.id}`,
        kind: 'rule.notify',
        recipients: [ticket.ownerId],
        ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
        title: `${change.number} closed${code}: check ${ticket.number}`,
        body: `${change.title}. ${ticket.number} is still ${ticket.status}: resolve it yourself if the change fixed it.`,
        author: event.actor,
      });
    }
  }
}
