/**
 * The confirmation mail of a ticket an agent opened for a customer (phone, walk-in) when the agent
 * asked for one: "we have opened INC-1042 for you". Sent from the support address as a new mail
 * whose subject carries the ticket number, so the customer's answer threads onto the ticket.
 * Runs on `ticket.created` (the event says whether it was asked for); the event dispatcher records
 * it as done per event, and the mail's key is the ticket id.
 */
import type { DomainEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { AlertMailer } from '../notifications/email-digest.js';
import { robotAddress } from '../rules/ack-limiter.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';

export const confirmationMail = (ticket: {
  number: string;
  title: string;
  description: string;
  requester: { name: string };
}): { subject: string; text: string } => {
  const greeting = ticket.requester.name.trim() ? `Hello ${ticket.requester.name.trim().split(/\s+/)[0]},` : 'Hello,';
  const lines = [
    greeting,
    '',
    `we have opened ticket ${ticket.number} for you: ${ticket.title}`,
    ...(ticket.description.trim() ? ['', ticket.description.trim()] : []),
    '',
    'You can reply to this mail to add anything; please keep the ticket number in the subject.',
  ];
  return { subject: `[${ticket.number}] ${ticket.title}`, text: lines.join('\n') };
};

export class NewTicketConfirmation implements EventSubscriber {
  readonly name = 'new-ticket-confirmation';
  readonly handles = ['ticket.created'] as const;

  constructor(
    private readonly tickets: TicketRepository,
    private readonly mailer: AlertMailer,
    private readonly ownAddresses: readonly string[],
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    if (event.data.confirmToRequester !== true) return;
    const found = await this.tickets.readSnapshot(event.ticketId);
    if (!found) return;
    const ticket = found.doc;
    if (robotAddress(ticket.requester.email, this.ownAddresses)) return;
    await this.mailer.send({
      to: { address: ticket.requester.email, name: ticket.requester.name },
      ...confirmationMail(ticket),
      ticketId: ticket.id,
      key: `confirm:${ticket.id}`,
      toCustomer: true,
    });
  }
}
