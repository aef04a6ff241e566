/**
 * The Mailbox port over Microsoft Graph. Inbound: message metadata plus the raw MIME (`$value`).
 * Outbound: a reply in the customer's Exchange conversation (`reply`, or `createReply` + attachments
 * + `send` when there are attachments) or a new conversation (`sendMail`). Graph cannot set
 * In-Reply-To/References, so our signed Message-ID also travels in an `x-itil-ticket` header.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import {
  type InboundMessageRef,
  type MailAddress,
  type Mailbox,
  MessageGoneError,
  type OutboundMail,
  type RawInboundMessage,
} from '../../../shared/ports/mailbox.js';

/** The header our outbound mail carries so a reply that keeps custom headers can be matched too. */
export const TICKET_HEADER = 'x-itil-ticket';

const recipients = (list: readonly MailAddress[]) =>
  list.map((a) => ({ emailAddress: { address: a.address, ...(a.name ? { name: a.name } : {}) } }));

/** Graph accepts only custom `x-` headers; ours wins over a same-named one in `mail.headers`. */
export const internetMessageHeaders = (mail: OutboundMail): { name: string; value: string }[] => {
  const headers = new Map<string, { name: string; value: string }>();
  for (const [name, value] of Object.entries(mail.headers))
    if (/^x-/i.test(name)) headers.set(name.toLowerCase(), { name, value });
  headers.set(TICKET_HEADER, { name: TICKET_HEADER, value: inAngles(mail.messageId) });
  return [...headers.values()];
};

const fileAttachments = (mail: OutboundMail) =>
  mail.attachments.map((a) => ({
    '@odata.type': '#microsoft.graph.fileAttachment',
    name: a.filename,
    contentType: a.contentType,
    contentBytes: Buffer.from(a.content).toString('base64'),
  }));

const isGone = (error: unknown): boolean => error instanceof GraphError && error.statusCode === 404;

export const userPath = (mailbox: string): string => `/users/${encodeURIComponent(mailbox)}`;
const messagePath = (mailbox: string, id: string): string => `${userPath(mailbox)}/messages/${encodeURIComponent(id)}`;

export class GraphMailbox implements Mailbox {
  constructor(
    private readonly client: Client,
    /** The configured support mailboxes; the first one sends when `from` is none of them. */
    private readonly mailboxes: readonly string[],
  ) {}

  async fetch(ref: InboundMessageRef): Promise<RawInboundMessage> {
    const path = messagePath(ref.mailbox, ref.providerMessageId);
    try {
      const [meta, raw] = await Promise.all([
        // internetMessageHeaders: Exchange's own view, the only headers trusted to say who may act (ADR 0015).
        this.client
          .api(path)
          .select(['internetMessageId', 'conversationId', 'receivedDateTime', 'internetMessageHeaders'])
          .get() as Promise<{
          internetMessageId?: string;
          conversationId?: string;
          receivedDateTime?: string;
          internetMessageHeaders?: { name?: string; value?: string }[];
        }>,
        this.client.api(`${path}/$value`).responseType(ResponseType.ARRAYBUFFER).get() as Promise<ArrayBuffer>,
      ]);
      return {
        ref,
        raw: new Uint8Array(raw),
        receivedAt: meta.receivedDateTime ?? new Date().toISOString(),
        ...(meta.conversationId ? { conversationId: meta.conversationId } : {}),
        ...(meta.internetMessageId ? { internetMessageId: meta.internetMessageId } : {}),
        providerHeaders: (meta.internetMessageHeaders ?? []).flatMap((h) =>
          typeof h.name === 'string' && typeof h.value === 'string' ? [{ name: h.name, value: h.value }] : [],
        ),
      };
    } catch (error) {
      if (isGone(error))
        throw new MessageGoneError(`Graph message ${ref.providerMessageId} in ${ref.mailbox} no longer exists`);
      throw error;
    }
  }

  async send(mail: OutboundMail): Promise<{ readonly providerMessageId: string | null }> {
    const mailbox = this.mailboxFor(mail.from.address);
    const body = mail.html ? { contentType: 'HTML', content: mail.html } : { contentType: 'Text', content: mail.text };
    const message = {
      subject: mail.subject,
      body,
      toRecipients: recipients(mail.to),
      ccRecipients: recipients(mail.cc),
      internetMessageHeaders: internetMessageHeaders(mail),
    };
    if (mail.replyToProviderMessageId) {
      const original = messagePath(mailbox, mail.replyToProviderMessageId);
      if (mail.attachments.length === 0) {
        await this.client.api(`${original}/reply`).post({ message });
        return { providerMessageId: null };
      }
      // createReply keeps Exchange's threading (In-Reply-To, conversation) and lets us attach files before sending.
      const draft = (await this.client.api(`${original}/createReply`).post({ message })) as { id: string };
      const draftPath = messagePath(mailbox, draft.id);
      for (const attachment of fileAttachments(mail))
        await this.client.api(`${draftPath}/attachments`).post(attachment);
      await this.client.api(`${draftPath}/send`).post({});
      return { providerMessageId: draft.id };
    }
    // A new conversation: Exchange may keep a caller-set internetMessageId on sendMail (RFC 5322
    // form, in angle brackets, which our signed ids are written without); the header is the fallback.
    await this.client.api(`${userPath(mailbox)}/sendMail`).post({
      message: { ...message, internetMessageId: inAngles(mail.messageId), attachments: fileAttachments(mail) },
      saveToSentItems: true,
    });
    return { providerMessageId: null };
  }

  private mailboxFor(from: string): string {
    const match = this.mailboxes.find((m) => m.toLowerCase() === from.toLowerCase());
    const mailbox = match ?? this.mailboxes[0];
    if (!mailbox) throw new Error('No Graph mailbox is configured (GRAPH_MAILBOXES)');
    return mailbox;
  }
}

const inAngles = (messageId: string): string => (messageId.startsWith('<') ? messageId : `<${messageId}>`);
