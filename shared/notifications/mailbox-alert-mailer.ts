/**
 * AlertMailer over the Mailbox port: an alert digest or auto-acknowledgement leaves as a new
 * mail from the support address, marked as automatic (RFC 3834 Auto-Submitted) so other
 * robots do not answer it; the ticket number in the subject lets a human answer thread back.
 */
import type { MailAddress, Mailbox } from '../ports/mailbox.js';
import type { AlertMail, AlertMailer } from './email-digest.js';

export class MailboxAlertMailer implements AlertMailer {
  constructor(
    private readonly mailbox: Mailbox,
    private readonly from: MailAddress,
    private readonly messageId: (key: string) => string,
  ) {}

  async send(mail: AlertMail): Promise<void> {
    await this.mailbox.send({
      messageId: this.messageId(mail.key),
      from: this.from,
      to: [mail.to],
      cc: [],
      subject: mail.subject,
      text: mail.text,
      html: null,
      inReplyTo: null,
      references: [],
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      attachments: [],
      replyToProviderMessageId: null,
    });
  }
}

/** Keeps alerts in memory (tests, and installations without a mail channel). */
export class MemoryAlertMailer implements AlertMailer {
  readonly sent: AlertMail[] = [];
  async send(mail: AlertMail): Promise<void> {
    this.sent.push(mail);
  }
}
