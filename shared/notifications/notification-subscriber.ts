/**
 * Turns domain events into notifications: a ticket offered to me, assigned ticket, customer reply on my ticket, assist
 * asked of me or my team, contribution/answer on my ticket's assist, assist overdue, SLA
 * warning/breach on my ticket (or my team's unowned one). Runs on the `events` queue through
 * the EventDispatcher; the notification id is the event id, so redelivery is harmless.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { DomainEvent, EventType } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { NotificationKind, Notifier } from './notification.js';

const HANDLED: readonly EventType[] = [
  'ticket.offered',
  'ticket.owner_changed',
  'ticket.email_received',
  'assist.requested',
  'assist.contributed',
  'assist.answered',
  'assist.reply_proposed',
  'assist.timed_out',
  'sla.warning',
  'sla.breached',
];

export class NotificationSubscriber implements EventSubscriber {
  readonly name = 'notifications';
  readonly handles = HANDLED;

  constructor(
    private readonly tickets: TicketRepository,
    private readonly directory: DirectoryRepository,
    private readonly notifier: Notifier,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const found = await this.tickets.readSnapshot(event.ticketId);
    if (!found) return;
    const ticket = found.doc;
    const assist = await this.assistOf(event);
    const plan = await this.recipients(event, ticket, assist);
    if (!plan) return;
    await this.notifier.notify({
      sourceId: event.id,
      kind: plan.kind,
      recipients: plan.to,
      ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
      title: plan.title,
      body: plan.body,
      // Routing acting on someone's standing choice runs their accept: they still hear about it.
      author: event.data.standingChoice ? null : event.actor,
    });
  }

  private async assistOf(event: DomainEvent): Promise<AssistSnapshot | null> {
    const assistId = event.data.assistId;
    if (typeof assistId !== 'string') return null;
    const assists = await this.tickets.assistsOf(event.ticketId);
    return assists.find((a) => a.id === assistId) ?? null;
  }

  /** The assist's expert(s): the named or accepting agent, else the target team's members. */
  private async experts(assist: AssistSnapshot | null): Promise<string[]> {
    if (!assist) return [];
    if (assist.expertAgentId) return [assist.expertAgentId];
    if (assist.target.kind === 'agent') return [assist.target.agentId];
    return this.teamMembers(assist.target.teamId);
  }

  private async teamMembers(teamId: string | null): Promise<string[]> {
    if (!teamId) return [];
    return (await this.directory.agents()).filter((a) => a.active && a.teamIds.includes(teamId)).map((a) => a.id);
  }

  private async recipients(
    event: DomainEvent,
    t: TicketSnapshot,
    assist: AssistSnapshot | null,
  ): Promise<{ kind: NotificationKind; to: string[]; title: string; body: string } | null> {
    const owner = t.ownerId ? [t.ownerId] : [];
    const about = `${t.number} ${t.title}`;
    switch (event.type) {
      case 'ticket.offered':
        return typeof event.data.to === 'string' && t.ownerId === null
          ? {
              kind: 'ticket.offered',
              to: [event.data.to],
              title: `${t.number} is offered to you`,
              body: `${t.priority} ${t.title}: accept it to take it`,
            }
          : null;
      case 'ticket.owner_changed':
        if (typeof event.data.to !== 'string') return null;
        return event.data.standingChoice
          ? {
              kind: 'ticket.assigned',
              to: [event.data.to],
              title: `${t.number} is yours: you accept tickets routed to you`,
              body: about,
            }
          : { kind: 'ticket.assigned', to: [event.data.to], title: `${t.number} is now yours`, body: about };
      case 'ticket.email_received':
        // Auto-replies and bounces are attached silently; only people's replies are news.
        if (event.data.automatic) return null;
        return { kind: 'ticket.customer_reply', to: owner, title: `New customer reply on ${t.number}`, body: about };
      case 'assist.requested':
        return {
          kind: 'assist.requested',
          to: await this.experts(assist),
          title: `Assist requested on ${t.number}`,
          body: assist?.question ?? about,
        };
      case 'assist.contributed':
      case 'assist.answered':
      case 'assist.reply_proposed': {
        const byOwner = event.actor.kind === 'agent' && event.actor.agentId === t.ownerId;
        const verb =
          event.type === 'assist.answered'
            ? 'answered'
            : event.type === 'assist.reply_proposed'
              ? 'proposed a reply'
              : 'contributed';
        return byOwner
          ? {
              kind: 'assist.contribution',
              to: await this.experts(assist),
              title: `The owner followed up on ${t.number}`,
              body: about,
            }
          : {
              kind: 'assist.contribution',
              to: owner,
              title: `An expert ${verb} on ${t.number}${event.data.viaEmail ? ' by email' : ''}`,
              // Kept internal all the same; the owner should know the customer saw the expert's mail.
              body: event.data.copiedCustomer
                ? `Warning: the expert's mail also went to the customer. ${about}`
                : about,
            };
      }
      case 'assist.timed_out':
        return {
          kind: 'assist.overdue',
          to: [...owner, ...(await this.experts(assist))],
          title: `Assist overdue on ${t.number}`,
          body: assist ? `${assist.question} (due ${assist.dueAt ?? 'n/a'})` : about,
        };
      case 'sla.warning':
      case 'sla.breached': {
        const to = owner.length > 0 ? owner : await this.teamMembers(t.teamId);
        const word = event.type === 'sla.warning' ? 'SLA warning' : 'SLA breached';
        return { kind: event.type, to, title: `${word} on ${t.number}`, body: about };
      }
      default:
        return null;
    }
  }
}
