/**
 * Mailbox: the email channel's port. Inbound, a provider tells us a message exists (Graph
 * notification/delta, or the SMTP listener) and we fetch its raw MIME; outbound, we send a reply
 * that stays in the customer's thread. Adapters: Microsoft Graph, and local SMTP + outbox/relay.
 */

/** Where an inbound message can be fetched from; what goes on the `inbound-mail` queue. */
export interface InboundMessageRef {
  readonly provider: 'graph' | 'smtp';
  /** The support mailbox address (Graph user id or UPN; for SMTP the recipient address). */
  readonly mailbox: string;
  /** Graph message id, or the SMTP listener's stored raw-message key. */
  readonly providerMessageId: string;
}

export interface RawInboundMessage {
  readonly ref: InboundMessageRef;
  /** The message exactly as received (RFC 5322 / MIME bytes). */
  readonly raw: Uint8Array;
  readonly receivedAt: string;
  /** Graph's conversationId, when the provider has one (threading uses it only with a participant check). */
  readonly conversationId?: string;
  /** Internet Message-ID as the provider reports it (the parsed header wins when both exist). */
  readonly internetMessageId?: string;
  /**
   * Headers the provider itself vouches for (Graph: Exchange's `internetMessageHeaders`, where
   * `X-MS-Exchange-Organization-AuthAs` and its own `Authentication-Results` sit); absent for SMTP.
   * Only these are believed when deciding whether mail may act (ADR 0015).
   */
  readonly providerHeaders?: readonly { readonly name: string; readonly value: string }[];
}

export interface MailAddress {
  readonly address: string;
  readonly name: string;
}

export interface OutboundAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface OutboundMail {
  /** Our own Message-ID (signed), so the customer's answer threads back to the ticket. */
  readonly messageId: string;
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly attachments: readonly OutboundAttachment[];
  /**
   * The provider's id of the customer message we answer (Graph replies with createReply/reply to
   * keep Exchange's conversation); null starts a new conversation.
   */
  readonly replyToProviderMessageId: string | null;
}

export interface Mailbox {
  fetch(ref: InboundMessageRef): Promise<RawInboundMessage>;
  send(mail: OutboundMail): Promise<{ readonly providerMessageId: string | null }>;
}

/** Thrown by adapters when the provider says a message no longer exists (deleted before we fetched it). */
export class MessageGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageGoneError';
  }
}

/**
 * Thrown by `send` when the provider refuses the mail for good (5xx, unknown recipient,
 * message too large): retrying cannot help, so the send is recorded as failed at once.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
