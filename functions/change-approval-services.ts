/**
 * Wiring of change approvals (ADR 0030): the service behind the API and the timer, its email
 * action handler (registered with the mail's EmailActions), and the subscribers that mail and
 * notify approvers (added once the mail services exist).
 */
import type { ApprovalSettingsRepository } from '../shared/changes/approval-settings.js';
import { ChangeApprovalMailer } from '../shared/changes/change-approval-mailer.js';
import { ChangeApprovalService } from '../shared/changes/change-approval-service.js';
import { type ChangeNotificationDeps, ChangeNotifications } from '../shared/changes/change-notifications.js';
import type { ChangeRepository } from '../shared/changes/change-repository.js';
import type { ChangeUseCases } from '../shared/changes/change-use-cases.js';
import type { DirectoryRepository } from '../shared/directory/directory-repository.js';
import type { EventSubscriber } from '../shared/events/event-dispatcher.js';
import type { EmailActionHandler, EmailActions } from '../shared/mail/expert/email-actions.js';
import type { Notifier } from '../shared/notifications/notification.js';
import type { Clock } from '../shared/ports/clock.js';
import type { DocumentStore } from '../shared/ports/document-store.js';

export interface ChangeApprovalWiring {
  readonly service: ChangeApprovalService;
  readonly emailHandler: EmailActionHandler;
}

export function wireChangeApprovals(d: {
  store: DocumentStore;
  clock: Clock;
  directory: DirectoryRepository;
  changes: ChangeUseCases;
  settings: ApprovalSettingsRepository;
}): ChangeApprovalWiring {
  const service = new ChangeApprovalService(d);
  return { service, emailHandler: service.emailHandler };
}

/** Approval mail to approvers reached by email, and the in-app notifications of change events. */
export function changeSubscribers(d: {
  changes: ChangeRepository;
  tickets: ChangeNotificationDeps['tickets'];
  directory: DirectoryRepository;
  actions: EmailActions;
  notifier: Notifier;
}): EventSubscriber[] {
  return [
    new ChangeApprovalMailer({ changes: d.changes, directory: d.directory, actions: d.actions }).subscriber,
    new ChangeNotifications({ changes: d.changes, tickets: d.tickets, notifier: d.notifier }).subscriber,
  ];
}
