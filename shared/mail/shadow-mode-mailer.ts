/**
 * Shadow mode (parallel run, ADR 0036) for the automatic mail a customer would get: a rule's mail
 * to the requester, an auto-acknowledgement, the confirmation of a ticket opened for them. When
 * the ticket's mailbox is in shadow mode the mail is held (not sent, and never sent later); mail
 * to agents (digests, alerts) goes out as always, since the old system does not send those.
 */
import type { AlertMail, AlertMailer, AlertOutcome } from '../notifications/email-digest.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import { latestCustomerMailData } from './latest-customer-mail.js';
import { type MailboxModes, mailboxOf } from './mailbox-modes.js';

/**
 * The support mailbox a ticket's mail belongs to: the one its customer's latest mail came to
 * (`data.provider.mailbox` of the newest email_in), else `fallback` (the address we send from).
 */
export async function ticketMailbox(store: DocumentStore, ticketId: string, fallback: string): Promise<string> {
  const provider = (await latestCustomerMailData(store, ticketId))?.provider as { mailbox?: unknown } | undefined;
  const mailbox = provider?.mailbox;
  return mailboxOf(typeof mailbox === 'string' && mailbox !== '' ? mailbox : fallback);
}

export class ShadowModeAlertMailer implements AlertMailer {
  constructor(
    private readonly inner: AlertMailer,
    private readonly modes: Pick<MailboxModes, 'holds'>,
    private readonly clock: Clock,
    private readonly store: DocumentStore,
    private readonly supportAddress: string,
  ) {}

  async send(mail: AlertMail): Promise<AlertOutcome> {
    if (mail.toCustomer === true && mail.ticketId) {
      const mailbox = await ticketMailbox(this.store, mail.ticketId, this.supportAddress);
      if (await this.modes.holds(mailbox, this.clock.now().toISOString()))
        return { held: `not sent: shadow mode (${mailbox})` };
    }
    return (await this.inner.send(mail)) ?? 'sent';
  }
}
