/**
 * The local/SMTP Mailbox. Inbound: the SMTP listener stored the raw message in the BlobStore
 * (`inbound/{id}.eml`) before answering 250; `fetch` reads it back. Outbound: nodemailer builds
 * the MIME with our Message-ID, In-Reply-To and References and sends it to SMTP_RELAY_URL, or,
 * without a relay, writes it to the outbox folder. SMTP 5xx answers are permanent failures.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { inboundRawKey as inboundBlobKey } from '../../../shared/mail/inbound-acceptor.js';
import type { BlobStore } from '../../../shared/ports/blob-store.js';
import {
  type InboundMessageRef,
  type Mailbox,
  MessageGoneError,
  type OutboundMail,
  PermanentDeliveryError,
  type RawInboundMessage,
} from '../../../shared/ports/mailbox.js';
import type { FileOutbox } from './file-outbox.js';

const bracket = (id: string): string => `<${id.replace(/^<|>$/g, '')}>`;

export const toNodemailerMessage = (mail: OutboundMail): Mail.Options => ({
  messageId: bracket(mail.messageId),
  from: { name: mail.from.name, address: mail.from.address },
  to: mail.to.map((a) => ({ name: a.name, address: a.address })),
  cc: mail.cc.map((a) => ({ name: a.name, address: a.address })),
  subject: mail.subject,
  text: mail.text,
  ...(mail.html ? { html: mail.html } : {}),
  ...(mail.inReplyTo ? { inReplyTo: bracket(mail.inReplyTo) } : {}),
  ...(mail.references.length > 0 ? { references: mail.references.map(bracket) } : {}),
  headers: { ...mail.headers },
  attachments: mail.attachments.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.content),
  })),
});

export class SmtpMailbox implements Mailbox {
  private readonly relay: Transporter | undefined;
  private readonly outbox: FileOutbox | null;
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(
    private readonly blobs: BlobStore,
    options: { relayUrl?: string | undefined; outbox: FileOutbox | null },
  ) {
    this.outbox = options.outbox;
    this.relay = options.relayUrl ? nodemailer.createTransport(options.relayUrl) : undefined;
  }

  async fetch(ref: InboundMessageRef): Promise<RawInboundMessage> {
    if (ref.provider !== 'smtp') throw new Error(`The SMTP mailbox cannot fetch ${ref.provider} messages`);
    const blob = await this.blobs.get(inboundBlobKey(ref.providerMessageId));
    if (!blob) throw new MessageGoneError(`No stored SMTP message ${ref.providerMessageId}`);
    return { ref, raw: blob.content, receivedAt: blob.createdAt ?? new Date().toISOString() };
  }

  async send(mail: OutboundMail): Promise<{ providerMessageId: string | null }> {
    const message = toNodemailerMessage(mail);
    if (this.relay) {
      try {
        const info = await this.relay.sendMail(message);
        return { providerMessageId: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500)
          throw new PermanentDeliveryError(`SMTP relay refused the mail: ${(error as Error).message}`);
        throw error;
      }
    }
    if (!this.outbox) throw new PermanentDeliveryError('No SMTP relay and no outbox folder are configured');
    const built = await this.composer.sendMail(message);
    const file = await this.outbox.write(mail.messageId, built.message as Buffer);
    return { providerMessageId: file };
  }
}
